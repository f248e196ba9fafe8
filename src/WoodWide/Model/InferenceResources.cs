namespace WoodWide.Model
{
    /// <summary>Resources of infer_sync and infer_batch jobs: the model version, and the dataset version when one was used.</summary>
    public sealed class InferenceResources : JobResources
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static new readonly ApiShape<InferenceResources> Fields = new ApiShape<InferenceResources>(() => new InferenceResources())
            .Field("type", nameof(Type), r => r.Type, (r, x) => r.Type = x, ApiValue.LooseWord)
            .Field("model", nameof(Model), r => r.Model, (r, x) => r.Model = x, ApiValue.Object(VersionRef.Fields))
            .Field("dataset", nameof(Dataset), r => r.Dataset, (r, x) => r.Dataset = x, ApiValue.Object(VersionRef.Fields));

        internal VersionRef? Model { get; set; }
        internal VersionRef? Dataset { get; set; }

        internal override IApiShape Shape => Fields;

        internal override string Summary => $"{Type} model {Model?.Summary}";
    }
}
