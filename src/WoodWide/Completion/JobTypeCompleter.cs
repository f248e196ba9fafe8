using System.Collections.Generic;

namespace WoodWide.Completion
{
    /// <summary>Completes -Type with the documented job types and any other seen in this session.</summary>
    public sealed class JobTypeCompleter : KnownValueCompleter
    {
        protected override IEnumerable<string> Documented => Model.JobTypes.Known;

        protected override string? ValueOf(SeenIds.Seen job) => job.Type;
    }
}
