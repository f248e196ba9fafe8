using System.Collections.Generic;

namespace WoodWide.Completion
{
    /// <summary>Completes -Status with the documented statuses and any other seen in this session.</summary>
    public sealed class JobStatusCompleter : KnownValueCompleter
    {
        protected override IEnumerable<string> Documented => Model.JobStatuses.All;

        protected override string? ValueOf(SeenIds.Seen job) => job.Status;
    }
}
