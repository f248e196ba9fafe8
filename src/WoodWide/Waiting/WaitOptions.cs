using System;
using WoodWide.Client;

namespace WoodWide.Waiting
{
    /// <summary>How long and how often to wait for jobs.</summary>
    public sealed class WaitOptions
    {
        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

        /// <summary>The whole wait's budget; null waits for ever. Every job is polled at least once, even with zero.</summary>
        public TimeSpan? Timeout { get; set; } = DefaultTimeout;

        /// <summary>
        /// At the deadline, how long the last polls of jobs not answered since may take to go out (the pace and the
        /// throttle hold some back when there are many); a job whose last look did not go by then times out as it was.
        /// </summary>
        public TimeSpan LastLook { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The first gap between polls of a job, and the gap after a state change.</summary>
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The longest gap between polls of a job that gives no estimate.</summary>
        public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>Each unchanged poll stretches the gap by this factor, up to <see cref="MaxPollInterval"/>.</summary>
        public double BackoffFactor { get; set; } = 1.5;

        /// <summary>Gaps vary by up to this fraction either way, so many waiters do not poll in step.</summary>
        public double Jitter { get; set; } = 0.1;

        /// <summary>When a job gives an ETA, the poll lands this long after it: late enough to see the end.</summary>
        public TimeSpan EtaMargin { get; set; } = TimeSpan.FromMilliseconds(250);

        /// <summary>The shortest gap between polls of one job, whatever the estimate says.</summary>
        public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

        /// <summary>
        /// The pace of all polls of a wait together: at most this many a second (<see cref="RateGate"/>), less after a 429.
        /// </summary>
        public double MaxRequestsPerSecond { get; set; } = RateGate.DefaultPerSecond;

        /// <summary>An end no estimate foresaw is seen within the larger of this and <see cref="LagShare"/> of the job's age.</summary>
        public TimeSpan LagFloor { get; set; } = TimeSpan.FromSeconds(1.5);

        /// <summary>The share of a job's age that bounds the gap between its polls (above <see cref="LagFloor"/>).</summary>
        public double LagShare { get; set; } = 0.25;

        /// <summary>After this many failed polls of one job in a row (while others are answered), the wait says so (a Struggling event).</summary>
        public int WarnAfterFailures { get; set; } = 3;

        /// <summary>
        /// A job whose polls failed this many times in a row, over at least <see cref="UnpollableSpan"/>, while the server
        /// answered other polls (at least <see cref="UnpollableOthersAnswered"/> times) cannot be polled: its wait ends with
        /// that failure as its own error.
        /// </summary>
        public int UnpollableAfter { get; set; } = 5;

        /// <summary>
        /// How many answers to other polls must come during a job's failures for them to be its own: fewer is the start
        /// of an outage, which every job meets.
        /// </summary>
        public int UnpollableOthersAnswered { get; set; } = 2;

        /// <summary>How long the failures of one unpollable job must span (so a blip of a few seconds is ridden out).</summary>
        public TimeSpan UnpollableSpan { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Once the server has answered, how long a poll may wait for its answer (null: the request timeout alone). A
        /// poll held by a server that went quiet then ends in time to see it answer again, not a minute later.
        /// </summary>
        public TimeSpan? AnsweredPollLimit { get; set; } = TimeSpan.FromSeconds(15);

        /// <summary>With no poll answered for this long (a poll still out, or failing), the wait says so once: an Unanswered event.</summary>
        public TimeSpan UnansweredWarning { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>
        /// Until the server has answered once, polls that fail (no connection, no answer, a 5xx, a page that is not the
        /// API's) are given this long; then the whole wait ends with that failure instead of waiting out the timeout on a
        /// wrong URI or a server that is down. A poll's own timeout ends by then, so a silent server holds it no longer.
        /// </summary>
        public TimeSpan UnreachableGrace { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// While sweeps of the job listing refresh the jobs, the share of the pace their pages may take (the rest is left
        /// for the GETs of jobs that ended): sweeps of many pages come that much less often.
        /// </summary>
        public double SweepShare { get; set; } = 0.5;

        /// <summary>Stop as soon as one job ends.</summary>
        public bool Any { get; set; }

        /// <summary>Stop waiting on the rest as soon as one job fails, is canceled or rejected, or cannot be polled.</summary>
        public bool FailFast { get; set; }
    }
}
