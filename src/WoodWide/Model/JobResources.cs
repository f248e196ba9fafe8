namespace WoodWide.Model
{
    /// <summary>
    /// The typed resources of a job, chosen by <c>resources.type</c>. A type this version does not know arrives as
    /// this base class with everything it carried in <see cref="AdditionalProperties"/>.
    /// </summary>
    public class JobResources : ApiObject
    {
        public string? Type { get; internal set; }

        public override string ToString() => Type ?? string.Empty;
    }

    /// <summary>Resources of a dataset_ingest job: the dataset version it creates.</summary>
    public sealed class DatasetIngestResources : JobResources
    {
        public VersionRef? Dataset { get; internal set; }

        public override string ToString() => $"{Type} dataset {Dataset}";
    }

    /// <summary>Resources of a train job: the model version it trains, and the dataset version it trains on.</summary>
    public sealed class TrainResources : JobResources
    {
        public VersionRef? Model { get; internal set; }
        public VersionRef? Dataset { get; internal set; }

        public override string ToString() => $"{Type} model {Model}";
    }

    /// <summary>Resources of infer_sync and infer_batch jobs: the model version, and the dataset version when one was used.</summary>
    public sealed class InferenceResources : JobResources
    {
        public VersionRef? Model { get; internal set; }
        public VersionRef? Dataset { get; internal set; }

        public override string ToString() => $"{Type} model {Model}";
    }
}
