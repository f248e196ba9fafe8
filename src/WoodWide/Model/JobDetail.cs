using System;

namespace WoodWide.Model
{
    /// <summary>
    /// One Wood Wide job as <c>GET /jobs/{job_id}</c> describes it. Properties are PascalCase for .NET; the module's
    /// types file adds the API's snake_case names (<c>credits_consumed</c>, …) as aliases, so both work in PowerShell.
    /// </summary>
    /// <remarks>
    /// Every field but <see cref="JobId"/> may be missing: list items carry fewer fields than a detail, and the API
    /// leaves nulls until a value is known. Fields the API adds later land in <see cref="AdditionalProperties"/>.
    /// </remarks>
    public sealed class JobDetail : ApiObject
    {
        public Guid JobId { get; internal set; }

        /// <summary>dataset_ingest, train, infer_sync, infer_batch, or a type this version does not know.</summary>
        public string? Type { get; internal set; }

        /// <summary>The status as the API spells it; see <see cref="JobStatuses"/>.</summary>
        public string? Status { get; internal set; }

        public DateTimeOffset? CreatedAt { get; internal set; }
        public DateTimeOffset? StartedAt { get; internal set; }
        public DateTimeOffset? FinishedAt { get; internal set; }
        public JobPrincipal? CreatedBy { get; internal set; }

        /// <summary>The request payload: an ordered dictionary (or list, or value) as the API sent it.</summary>
        public object? Input { get; internal set; }

        /// <summary>The result payload: an ordered dictionary (or list, or value) as the API sent it.</summary>
        public object? Output { get; internal set; }

        public JobResources? Resources { get; internal set; }
        public string? ErrorMessage { get; internal set; }
        public string? WoodwideRuntimeVersion { get; internal set; }

        /// <summary>Credits billed; null until billing is final.</summary>
        public double? CreditsConsumed { get; internal set; }

        /// <summary>Percent complete, 0–100, when the API reports it (train jobs).</summary>
        public double? Progress { get; internal set; }

        public double? EstimatedSecondsRemaining { get; internal set; }

        /// <summary>When this client received the detail: the reference point of the computed times below.</summary>
        public DateTimeOffset RetrievedAt { get; internal set; }

        /// <summary>True once the job is succeeded, failed, canceled or rejected.</summary>
        public bool IsTerminal => JobStatuses.IsTerminal(Status);

        /// <summary>Run time: start to finish, or start to <see cref="RetrievedAt"/> while it runs; null before it starts.</summary>
        public TimeSpan? Duration
        {
            get
            {
                if (StartedAt is not DateTimeOffset started) return null;
                var end = FinishedAt ?? RetrievedAt;
                return end >= started ? end - started : TimeSpan.Zero;
            }
        }

        /// <summary>When the job should end, from the API's estimate at <see cref="RetrievedAt"/>; null when unknown or ended.</summary>
        public DateTimeOffset? EstimatedCompletion =>
            !IsTerminal && EstimatedSecondsRemaining is double s && s >= 0 && s < TimeSpan.MaxValue.TotalSeconds / 2
                ? RetrievedAt + TimeSpan.FromSeconds(s)
                : null;

        /// <summary>The job id, so a JobDetail passed where an id is expected (<c>Wait-WwJob -Id $job</c>) just works.</summary>
        public override string ToString() => JobId.ToString();
    }
}
