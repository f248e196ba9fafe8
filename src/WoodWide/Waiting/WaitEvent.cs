using System;
using System.Collections.Generic;
using WoodWide.Model;

namespace WoodWide.Waiting
{
    /// <summary>Something the caller should tell the user about, produced by <see cref="WaitPolicy"/> and <see cref="WaitDriver"/>.</summary>
    public sealed class WaitEvent
    {
        private static readonly IReadOnlyList<BarUpdate> NoBars = Array.Empty<BarUpdate>();

        internal WaitEvent(WaitEventKind kind, JobWatch? job, string? from = null, string? to = null, PollFailure? failure = null,
            TimeSpan delay = default, WaitReason reason = WaitReason.JobEnded, TimeSpan? limit = null, int count = 0)
        {
            Kind = kind;
            Job = job;
            From = from;
            To = to;
            Failure = failure;
            Delay = delay;
            Reason = reason;
            Limit = limit;
            Count = count;
            Detail = job?.Latest;
        }

        public WaitEventKind Kind { get; }

        /// <summary>The job it is about; null for a Progress event.</summary>
        public JobWatch? Job { get; }

        /// <summary>The job as it was when this happened (its last answer then); null before any.</summary>
        public JobDetail? Detail { get; }

        /// <summary>The status before (null when the job had not been seen).</summary>
        public string? From { get; }

        /// <summary>The status now.</summary>
        public string? To { get; }

        public PollFailure? Failure { get; }

        /// <summary>When a poll will be tried again (Retrying).</summary>
        public TimeSpan Delay { get; }

        /// <summary>Why the wait ended (Ended).</summary>
        public WaitReason Reason { get; }

        /// <summary>
        /// The limit that ended it, for TimedOut (the timeout) and Unreachable (the grace); for Struggling before any
        /// answer, how long until the wait gives up on the server.
        /// </summary>
        public TimeSpan? Limit { get; }

        /// <summary>How many polls in a row failed (Struggling).</summary>
        public int Count { get; }

        /// <summary>Progress records to write with this event: the bars of a Progress event, a finished job's last one.</summary>
        public IReadOnlyList<BarUpdate> Bars { get; internal set; } = NoBars;

        /// <summary>For Throttled: the polls a second allowed from now on.</summary>
        public double Pace { get; internal set; }

        /// <summary>For Unanswered, AnswersAgain and ServerDark: since when no poll has been answered.</summary>
        public DateTimeOffset? Since { get; internal set; }

        /// <summary>For <see cref="WaitEventKind.Swept"/>: the sweep that ended.</summary>
        public Sweep? Sweep { get; internal set; }

        /// <summary>For <see cref="WaitEventKind.Swept"/>: the polls a second per-job polling would have needed instead.</summary>
        public double Demand { get; internal set; }

        /// <summary>For <see cref="WaitEventKind.Swept"/>: why sweeps stop for the rest of the wait; null while they go on.</summary>
        public string? Note { get; internal set; }

        public override string ToString() => $"{Kind} {Job?.JobId} {From}->{To} {Reason} {Failure}";
    }
}
