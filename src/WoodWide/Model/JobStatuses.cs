using System;

namespace WoodWide.Model
{
    /// <summary>The job statuses the API documents, spelled as on the wire.</summary>
    /// <remarks>
    /// Status stays a string on <see cref="JobDetail"/> rather than an enum: the API may add values, and
    /// PowerShell users compare with the API's own spelling (<c>$j.status -eq 'waiting_for_upload'</c>).
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

        /// <summary>True for the states a job never leaves. An unknown status is not terminal.</summary>
        public static bool IsTerminal(string? status) =>
            Is(status, Succeeded) || Is(status, Failed) || Is(status, Canceled) || Is(status, Rejected);

        public static bool IsKnown(string? status) => Array.Exists(All, s => Is(status, s));

        private static bool Is(string? status, string value) =>
            string.Equals(status, value, StringComparison.OrdinalIgnoreCase);
    }
}
