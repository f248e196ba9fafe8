namespace WoodWide.Waiting
{
    /// <summary>How the wait for one job ended.</summary>
    public enum JobOutcome
    {
        /// <summary>Still waiting.</summary>
        Pending,
        Succeeded,
        Failed,
        Canceled,
        Rejected,
        /// <summary>A request failed in a way retrying cannot fix (404, 403, …).</summary>
        Error,
        /// <summary>The timeout came first.</summary>
        TimedOut,
        /// <summary>No longer waited for: -Any was satisfied or -FailFast triggered by another job.</summary>
        Abandoned,
    }

    internal static class JobOutcomes
    {
        public static bool IsJobEnd(this JobOutcome o) =>
            o == JobOutcome.Succeeded || o == JobOutcome.Failed || o == JobOutcome.Canceled || o == JobOutcome.Rejected;

        public static bool IsFailure(this JobOutcome o) =>
            o == JobOutcome.Failed || o == JobOutcome.Canceled || o == JobOutcome.Rejected || o == JobOutcome.Error;
    }
}
