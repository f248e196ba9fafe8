namespace WoodWide.Model
{
    /// <summary>Resources of a dataset_ingest job: the dataset version it creates.</summary>
    public sealed class DatasetIngestResources : JobResources
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static new readonly ApiShape<DatasetIngestResources> Fields = new ApiShape<DatasetIngestResources>(() => new DatasetIngestResources())
            .Field("type", nameof(Type), r => r.Type, (r, x) => r.Type = x, ApiValue.LooseWord)
            .Field("dataset", nameof(Dataset), r => r.Dataset, (r, x) => r.Dataset = x, ApiValue.Object(VersionRef.Fields));

        internal VersionRef? Dataset { get; set; }

        internal override IApiShape Shape => Fields;

        internal override string Summary => $"{Type} dataset {Dataset?.Summary}";
    }
}
