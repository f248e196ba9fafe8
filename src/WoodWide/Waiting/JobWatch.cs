using System;
using WoodWide.Model;

namespace WoodWide.Waiting
{
    /// <summary>What the wait knows about one job: its last detail, when to poll it next, how it ended.</summary>
    public sealed class JobWatch
    {
        internal JobWatch(Guid jobId, int index)
        {
            JobId = jobId;
            Index = index;
        }

        public Guid JobId { get; }

        /// <summary>Position in the order the ids were given: stable, so it can name a progress bar.</summary>
        public int Index { get; }

        /// <summary>The last detail polled; null before the first answer.</summary>
        public JobDetail? Latest { get; internal set; }

        public WaitOutcome Outcome { get; internal set; }

        /// <summary>How the job itself ended, once <see cref="Outcome"/> is Ended.</summary>
        public JobEnd? End => Outcome == WaitOutcome.Ended ? JobStatuses.EndOf(Latest?.Status) : null;

        /// <summary>The poll failure that ended the wait for this job (Outcome Error).</summary>
        public PollFailure? Failure { get; internal set; }

        /// <summary>True when the job did not succeed: it failed, was canceled or rejected, or could not be polled.</summary>
        public bool IsFailure => Outcome == WaitOutcome.Error || (Outcome == WaitOutcome.Ended && End != JobEnd.Succeeded);

        public int Polls { get; internal set; }

        public int ConsecutiveFailures { get; internal set; }

        public DateTimeOffset NextPollAt { get; internal set; }

        public bool InFlight { get; internal set; }

        /// <summary>When its last answer came; null before the first.</summary>
        public DateTimeOffset? AnsweredAt { get; internal set; }

        public bool IsPending => Outcome == WaitOutcome.Pending;

        internal int BackoffStep { get; set; }

        /// <summary>When a poll of it last came back, answered or not (a 429 too); null before the first.</summary>
        internal DateTimeOffset? AskedAt { get; set; }

        /// <summary>A poll of it has come back: from then on the deadline may end its wait.</summary>
        internal bool Asked => AskedAt != null;

        /// <summary>When its estimate says it ends, as of its last answer; null without one.</summary>
        internal DateTimeOffset? ExpectedEnd { get; set; }

        internal bool WarnedAboutUpload { get; set; }

        /// <summary>The end a sweep listed (its status), before the job's own GET confirms it; null when none is pending.</summary>
        internal string? ListedEnd { get; set; }

        /// <summary>A sweep listed it as ended: its detail (what is reported) is fetched by its own GET, soon.</summary>
        internal bool EndListed => ListedEnd != null;

        /// <summary>True while <see cref="Latest"/> was made by the wait from a listing (no GET has answered since).</summary>
        internal bool LatestListed { get; set; }

        /// <summary>The last sweep did not see it: it falls back to its own GET until a sweep sees it again.</summary>
        internal bool Missed { get; set; }

        /// <summary>The listing lacks what its bars need (its detail had progress or an ETA, its listing neither): own GETs only.</summary>
        internal bool ByDetailOnly { get; set; }

        /// <summary>Its last detail (from its own GET) carried progress or an ETA.</summary>
        internal bool DetailHadProgress { get; set; }

        /// <summary>Listed running with neither progress nor an ETA: its own GET tells whether the listing lacks them.</summary>
        internal bool Probed { get; set; }

        /// <summary>A probe is due: its own GET, once.</summary>
        internal bool Probing { get; set; }

        /// <summary>
        /// While sweeps refresh it: when its own GET goes, just after the end its ETA gives (the end's detail takes a GET
        /// anyway, and this one comes at the end, not at the sweep after it); null when none is set.
        /// </summary>
        internal DateTimeOffset? AimAt { get; set; }

        /// <summary>When it was next due to be looked at: its next poll, or the GET aimed at its ETA if that is sooner.</summary>
        internal DateTimeOffset NextLookAt => AimAt is DateTimeOffset aim && aim < NextPollAt ? aim : NextPollAt;

        /// <summary>Its GET in flight is the one aimed at its ETA.</summary>
        internal bool Aiming { get; set; }

        /// <summary>A GET aimed at its ETA found it still going: while sweeps run, its ETA is not aimed at again.</summary>
        internal bool AimMissed { get; set; }

        /// <summary>True when its next look is its own GET, whether or not sweeps run.</summary>
        internal bool OwnPoll => EndListed || Missed || ByDetailOnly || Probing;

        /// <summary>How many times a sweep refreshed it from the listing.</summary>
        public int Listings { get; internal set; }

        /// <summary>The failure of its last poll, while the last poll failed; null after an answer.</summary>
        internal PollFailure? LastFailure { get; set; }

        /// <summary>When the first of its failures in a row came.</summary>
        internal DateTimeOffset FailingSince { get; set; }

        /// <summary>How many answers the server had given (to any poll) when its failures in a row began.</summary>
        internal long AnswersBeforeFailing { get; set; }

        internal EtaEstimator Eta { get; } = new EtaEstimator();

        /// <summary>Seconds left as of <paramref name="now"/>, from the API's estimate or the progress rate.</summary>
        public double? SecondsRemaining(DateTimeOffset now) => IsPending ? Eta.SecondsRemaining(now) : null;

        public override string ToString() => $"{JobId} {Latest?.Status ?? "(not polled)"} {Outcome}";
    }
}
