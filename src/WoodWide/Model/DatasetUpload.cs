using System;

namespace WoodWide.Model
{
    /// <summary>
    /// What New-WwDataset made: the dataset version the file went into and the dataset_ingest job that reads it (the
    /// API's answer to POST /datasets or /complete: <c>{dataset, job_id, status}</c>). Binds into Wait-WwJob by its
    /// job id and into Get-WwDataset by its dataset and version ids.
    /// </summary>
    public sealed class DatasetUpload : ApiObject
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static readonly ApiShape<DatasetUpload> Fields = new ApiShape<DatasetUpload>(() => new DatasetUpload())
            .Field("job_id", nameof(JobId), u => u.JobId, (u, x) => u.JobId = x, ApiValue.IdOrEmpty)
            .Field("status", nameof(Status), u => u.Status, (u, x) => u.Status = x, ApiValue.Text)
            .Field("dataset", nameof(Dataset), u => u.Dataset, (u, x) => u.Dataset = x, ApiValue.Object(VersionRef.Fields))
            .Hidden("upload", nameof(Upload), u => u.Upload, (u, x) => u.Upload = x, ApiValue.Object(UploadTarget.Fields))
            .Computed(nameof(DatasetId), u => u.DatasetId)
            .Computed(nameof(DatasetVersionId), u => u.DatasetVersionId)
            .Computed(nameof(VersionNumber), u => u.VersionNumber)
            .Computed(nameof(Path), u => u.Path)
            .Computed(nameof(Bytes), u => u.Bytes);

        internal Guid JobId { get; set; }

        /// <summary>The ingest job's status when the API answered (queued, as a rule).</summary>
        internal string? Status { get; set; }

        internal VersionRef? Dataset { get; set; }

        internal Guid? DatasetId => Dataset?.Id;
        internal Guid? DatasetVersionId => Dataset?.VersionId;
        internal long? VersionNumber => Dataset?.VersionNumber;

        /// <summary>The file that was uploaded, as this machine names it.</summary>
        internal string? Path { get; set; }

        internal long? Bytes { get; set; }

        /// <summary>Where to PUT the file, in the signed-URL flow; never shown.</summary>
        internal UploadTarget? Upload { get; set; }

        internal override IApiShape Shape => Fields;

        /// <summary>The job id, so the upload passed where an id is expected (<c>Wait-WwJob -Id $upload</c>) just works.</summary>
        public override string ToString() => JobId.ToString();
    }
}
