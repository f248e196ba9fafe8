namespace WoodWide.Model
{
    /// <summary>Resources of a dataset_ingest job: the dataset version it creates.</summary>
    public sealed class DatasetIngestResources : JobResources
    {
        private static readonly ApiShape<DatasetIngestResources> IngestShape = new ApiShape<DatasetIngestResources>()
            .Field("type", nameof(Type), r => r.Type)
            .Field("dataset", nameof(Dataset), r => r.Dataset);

        internal VersionRef? Dataset { get; set; }

        internal override IApiShape Shape => IngestShape;

        internal override string Summary => $"{Type} dataset {Dataset?.Summary}";
    }
}
