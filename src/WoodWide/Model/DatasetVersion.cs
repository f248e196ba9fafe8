using System;

namespace WoodWide.Model
{
    /// <summary>One version of a dataset, as <c>GET /datasets/{dataset_id}/versions/{version_id}</c> documents it.</summary>
    public sealed class DatasetVersion : ApiObject
    {
        private static readonly ApiShape<DatasetVersion> VersionShape = new ApiShape<DatasetVersion>()
            .Field("dataset_version_id", nameof(DatasetVersionId), v => v.DatasetVersionId)
            .Field("dataset_id", nameof(DatasetId), v => v.DatasetId)
            .Field("version", nameof(Version), v => v.Version)
            .Field("status", nameof(Status), v => v.Status)
            .Field("created_at", nameof(CreatedAt), v => v.CreatedAt)
            .Field("schema_json", nameof(SchemaJson), v => v.SchemaJson)
            .Field("byte_size", nameof(ByteSize), v => v.ByteSize)
            .Field("ingest_job_id", nameof(IngestJobId), v => v.IngestJobId)
            .Field("ready_at", nameof(ReadyAt), v => v.ReadyAt)
            .Computed("JobId", v => v.IngestJobId);

        internal Guid DatasetVersionId { get; set; }
        internal Guid? DatasetId { get; set; }
        internal long? Version { get; set; }

        /// <summary>processing, ready or failed (as the API spells it).</summary>
        internal string? Status { get; set; }

        internal DateTimeOffset? CreatedAt { get; set; }

        /// <summary>The inferred column schema: an <see cref="ApiDictionary"/> as the API sent it.</summary>
        internal object? SchemaJson { get; set; }

        internal long? ByteSize { get; set; }

        /// <summary>The dataset_ingest job that made it; also its JobId, so a version pipes into Wait-WwJob.</summary>
        internal Guid? IngestJobId { get; set; }

        internal DateTimeOffset? ReadyAt { get; set; }

        internal override IApiShape Shape => VersionShape;

        internal override string Summary => Version is long n ? $"{DatasetId} v{n}" : DatasetVersionId.ToString();
    }
}
