using System;
using WoodWide.Client;

namespace WoodWide.Waiting
{
    public enum WaitEventKind
    {
        /// <summary>The job's status changed (or was seen for the first time: From is null).</summary>
        StateChanged,
        /// <summary>The job waits for its data upload; said once per job.</summary>
        WaitingForUpload,
        /// <summary>A poll failed in a way that may pass; it will be retried after Delay.</summary>
        Retrying,
        /// <summary>The wait for this job is over: see the job's Outcome.</summary>
        Ended,
    }

    /// <summary>Something the cmdlet should tell the user about, produced by <see cref="WaitSession"/>.</summary>
    public sealed class WaitEvent
    {
        internal WaitEvent(WaitEventKind kind, JobWatch job, string? from = null, string? to = null,
            WwApiException? error = null, TimeSpan delay = default)
        {
            Kind = kind;
            Job = job;
            From = from;
            To = to;
            Error = error;
            Delay = delay;
        }

        public WaitEventKind Kind { get; }
        public JobWatch Job { get; }
        public string? From { get; }
        public string? To { get; }
        public WwApiException? Error { get; }
        public TimeSpan Delay { get; }

        public override string ToString() => $"{Kind} {Job.JobId} {From}->{To} {Error?.Kind}";
    }
}
