using System;

namespace WoodWide.Model
{
    /// <summary>The job statuses the API documents, spelled as on the wire, and the one rule of which are terminal.</summary>
    /// <remarks>
    /// Status stays a string on jobs rather than an enum: the API may add values, and PowerShell users compare with
    /// the API's own spelling (<c>$j.status -eq 'waiting_for_upload'</c>).
    /// </remarks>
    public static class JobStatuses
    {
        public const string Initializing = "initializing";
        public const string Pending = "pending";
        public const string Queued = "queued";
        public const string Running = "running";
        public const string Succeeded = "succeeded";
        public const string Failed = "failed";
        public const string Canceled = "canceled";
        public const string Rejected = "rejected";
        public const string WaitingForUpload = "waiting_for_upload";

        /// <summary>Every documented status, in the order a job usually meets them.</summary>
        public static readonly string[] All =
        {
            Initializing, Pending, Queued, WaitingForUpload, Running, Succeeded, Failed, Canceled, Rejected,
        };

        /// <summary>How a job in <paramref name="status"/> ended; null while it may still change (an unknown status too).</summary>
        public static JobEnd? EndOf(string? status)
        {
            if (Is(status, Succeeded)) return JobEnd.Succeeded;
            if (Is(status, Failed)) return JobEnd.Failed;
            if (Is(status, Canceled)) return JobEnd.Canceled;
            if (Is(status, Rejected)) return JobEnd.Rejected;
            return null;
        }

        /// <summary>True for the states a job never leaves.</summary>
        public static bool IsTerminal(string? status) => EndOf(status) != null;

        public static bool Is(string? status, string value) =>
            string.Equals(status, value, StringComparison.OrdinalIgnoreCase);
    }
}
