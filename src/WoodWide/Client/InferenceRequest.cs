using System;

namespace WoodWide.Client
{
    /// <summary>What an inference asks for: the model, its version, and the form of the results.</summary>
    public sealed class InferenceRequest
    {
        public Guid ModelId { get; set; }

        /// <summary>A pinned version; null for the model's newest ready one.</summary>
        public Guid? ModelVersionId { get; set; }

        /// <summary>json, csv or parquet; null for the API's default (csv for a file, parquet for a dataset).</summary>
        public string? OutputType { get; set; }

        /// <summary>ids_only or per_row (anomaly models only); null for the API's default.</summary>
        public string? AnomalyFormat { get; set; }

        /// <summary>A file to send (infer, infer-async); or a stored dataset (infer-batch).</summary>
        public LocalFile? File { get; set; }

        public Guid? DatasetId { get; set; }
        public Guid? DatasetVersionId { get; set; }
    }
}
