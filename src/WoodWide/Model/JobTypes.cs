namespace WoodWide.Model
{
    /// <summary>The job types the API documents. The wire field is a free string, so others pass through.</summary>
    public static class JobTypes
    {
        public const string DatasetIngest = "dataset_ingest";
        public const string Train = "train";
        public const string InferSync = "infer_sync";
        public const string InferBatch = "infer_batch";

        public static readonly string[] Known = { DatasetIngest, Train, InferSync, InferBatch };
    }
}
