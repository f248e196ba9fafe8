using System;

namespace WoodWide.Model
{
    /// <summary>
    /// A job as <c>GET /jobs</c> lists it: the API's shorter Job (id, type, status, times, progress), without the
    /// input, output, resources, error and credits of a <see cref="JobDetail"/>. Pipe it to Get-WwJob for those.
    /// </summary>
    /// <remarks>
    /// Every field but <see cref="JobId"/> may be missing: the API leaves nulls until a value is known. Fields the API
    /// adds later are kept, and show as properties.
    /// </remarks>
    public class JobSummary : ApiObject
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static readonly ApiShape<JobSummary> Fields =
            Tail(Head(new ApiShape<JobSummary>(() => new JobSummary()))).Computed("IsSummary", j => j.IsSummary);

        internal Guid JobId { get; set; }

        /// <summary>dataset_ingest, train, infer_sync, infer_batch, or a type this version does not know.</summary>
        internal string? Type { get; set; }

        /// <summary>The status as the API spells it; see <see cref="JobStatuses"/>.</summary>
        internal string? Status { get; set; }

        internal DateTimeOffset? CreatedAt { get; set; }
        internal DateTimeOffset? StartedAt { get; set; }
        internal DateTimeOffset? FinishedAt { get; set; }
        internal JobPrincipal? CreatedBy { get; set; }

        /// <summary>Percent complete, 0–100, when the API reports it (train jobs).</summary>
        internal double? Progress { get; set; }

        internal double? EstimatedSecondsRemaining { get; set; }

        /// <summary>When this client received it: the reference point of the computed times below.</summary>
        internal DateTimeOffset RetrievedAt { get; set; }

        /// <summary>True for a listed job, which lacks a detail's fields; false for a <see cref="JobDetail"/>.</summary>
        internal virtual bool IsSummary => true;

        /// <summary>True once the job is succeeded, failed, canceled or rejected.</summary>
        internal bool IsTerminal => JobStatuses.IsTerminal(Status);

        /// <summary>Run time: start to finish, or start to <see cref="RetrievedAt"/> while it runs; null before it starts.</summary>
        internal TimeSpan? Duration
        {
            get
            {
                if (StartedAt is not DateTimeOffset started) return null;
                var end = FinishedAt ?? RetrievedAt;
                return end >= started ? end - started : TimeSpan.Zero;
            }
        }

        /// <summary>When the job should end, from the API's estimate at <see cref="RetrievedAt"/>; null when unknown or ended.</summary>
        internal DateTimeOffset? EstimatedCompletion =>
            !IsTerminal && EstimatedSecondsRemaining is double s && s >= 0 && s < TimeSpan.MaxValue.TotalSeconds / 2
                ? RetrievedAt + TimeSpan.FromSeconds(s)
                : null;

        internal override IApiShape Shape => Fields;

        /// <summary>The job id, so a job passed where an id is expected (<c>Wait-WwJob -Id $job</c>) just works.</summary>
        public override string ToString() => JobId.ToString();

        /// <summary>The fields every job carries first, in the API's order.</summary>
        internal static ApiShape<T> Head<T>(ApiShape<T> shape) where T : JobSummary => shape
            .Field("job_id", nameof(JobId), j => j.JobId, (j, x) => j.JobId = x, ApiValue.Id)
            .Field("type", nameof(Type), j => j.Type, (j, x) => j.Type = x, ApiValue.Word)
            .Field("status", nameof(Status), j => j.Status, (j, x) => j.Status = x, ApiValue.Word)
            .Field("created_at", nameof(CreatedAt), j => j.CreatedAt, (j, x) => j.CreatedAt = x, ApiValue.Time)
            .Field("started_at", nameof(StartedAt), j => j.StartedAt, (j, x) => j.StartedAt = x, ApiValue.Time)
            .Field("finished_at", nameof(FinishedAt), j => j.FinishedAt, (j, x) => j.FinishedAt = x, ApiValue.Time)
            .Field("created_by", nameof(CreatedBy), j => j.CreatedBy, (j, x) => j.CreatedBy = x, ApiValue.Object(JobPrincipal.Fields));

        /// <summary>The fields every job carries last, then the members computed from them.</summary>
        internal static ApiShape<T> Tail<T>(ApiShape<T> shape) where T : JobSummary => shape
            .Field("progress", nameof(Progress), j => j.Progress, (j, x) => j.Progress = x, ApiValue.Number)
            .Field("estimated_seconds_remaining", nameof(EstimatedSecondsRemaining), j => j.EstimatedSecondsRemaining, (j, x) => j.EstimatedSecondsRemaining = x, ApiValue.Number)
            .Computed(nameof(IsTerminal), j => j.IsTerminal)
            .Computed(nameof(Duration), j => j.Duration)
            .Computed(nameof(EstimatedCompletion), j => j.EstimatedCompletion)
            .Computed(nameof(RetrievedAt), j => j.RetrievedAt);
    }
}
