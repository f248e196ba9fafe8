using System;

namespace WoodWide.Model
{
    /// <summary>One version of a dataset, as <c>GET /datasets/{dataset_id}/versions/{version_id}</c> documents it.</summary>
    public sealed class DatasetVersion : ApiObject
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static readonly ApiShape<DatasetVersion> Fields = new ApiShape<DatasetVersion>(() => new DatasetVersion())
            .Field("dataset_version_id", nameof(DatasetVersionId), v => v.DatasetVersionId, (v, x) => v.DatasetVersionId = x, ApiValue.Id)
            .Field("dataset_id", nameof(DatasetId), v => v.DatasetId, (v, x) => v.DatasetId = x, ApiValue.OptionalId)
            .Field("version", nameof(Version), v => v.Version, (v, x) => v.Version = x, ApiValue.WholeNumber)
            .Field("status", nameof(Status), v => v.Status, (v, x) => v.Status = x, ApiValue.Text)
            .Field("created_at", nameof(CreatedAt), v => v.CreatedAt, (v, x) => v.CreatedAt = x, ApiValue.Time)
            .Field("schema_json", nameof(SchemaJson), v => v.SchemaJson, (v, x) => v.SchemaJson = x, ApiValue.Json)
            .Field("byte_size", nameof(ByteSize), v => v.ByteSize, (v, x) => v.ByteSize = x, ApiValue.WholeNumber)
            .Field("ingest_job_id", nameof(IngestJobId), v => v.IngestJobId, (v, x) => v.IngestJobId = x, ApiValue.OptionalId)
            .Field("ready_at", nameof(ReadyAt), v => v.ReadyAt, (v, x) => v.ReadyAt = x, ApiValue.Time)
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

        internal override IApiShape Shape => Fields;

        internal override string Summary => Version is long n ? $"{DatasetId} v{n}" : DatasetVersionId.ToString();
    }
}
