using System;
using System.Collections.Generic;
using System.Linq;
using WoodWide.Client;
using WoodWide.Model;

namespace WoodWide.Waiting
{
    /// <summary>
    /// The waiting policy for a set of jobs, with no I/O and no PowerShell: which jobs to poll now, when to poll each
    /// one next, what an answer or a failure means, and when the whole wait is over. <see cref="WaitDriver"/> drives
    /// it: it asks for due jobs, polls them, and feeds back what it got. Time comes from the injected clock only.
    /// </summary>
    /// <remarks>
    /// Schedule per job: start at PollInterval and stretch by BackoffFactor while nothing changes, up to
    /// MaxPollInterval, with jitter; a state change starts over; while the job gives an ETA (or its progress gives a
    /// rate), poll just after it instead, up to MaxPollInterval, and back off afresh once it has run out; a
    /// Retry-After is a floor; the deadline is a ceiling.
    /// </remarks>
    public sealed partial class WaitPolicy
    {
        private readonly WaitOptions _options;
        private readonly TimeProvider _clock;
        private readonly Random _random;
        private readonly List<JobWatch> _jobs;
        // The jobs waiting for their next poll (pending, not in flight), soonest due first: taking the due ones and
        // finding the next wake cost a logarithm of the number of jobs, not a scan of them all.
        private readonly SortedSet<(DateTimeOffset At, int Index)> _due = new SortedSet<(DateTimeOffset, int)>();
        private int _pending;

        // The server's health as the polls see it: when it last answered, since when no poll has been answered (the first
        // poll taken after that answer), the last failure since, and whether that silence has been said.
        private long _answers;
        private DateTimeOffset? _unansweredSince;
        private PollFailure? _lastFailure;
        private bool _warnedUnanswered;

        public WaitPolicy(IEnumerable<Guid> jobIds, WaitOptions options, TimeProvider clock, Random? random = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            _random = random ?? new Random();
            StartedAt = clock.GetUtcNow();
            Deadline = options.Timeout is TimeSpan t ? StartedAt + t : (DateTimeOffset?)null;
            Gate = new RateGate(options.MaxRequestsPerSecond, StartedAt);
            // Ids may come as a lazy sequence of any length: each is held once, in its watch.
            var seen = new HashSet<Guid>();
            _jobs = new List<JobWatch>();
            foreach (var id in jobIds)
                if (seen.Add(id)) _jobs.Add(new JobWatch(id, _jobs.Count) { NextPollAt = StartedAt });
            _pending = _jobs.Count;
            foreach (var job in _jobs) _due.Add((job.NextPollAt, job.Index));
            if (_jobs.Count > 0) _states["not yet seen"] = _jobs.Count;
        }

        /// <summary>The one pace of every poll of this wait, and its pauses after a 429.</summary>
        public RateGate Gate { get; }

        // Kept as the wait goes, so the bars need no scan of the jobs: how many stand in each state, which pending
        // jobs should end soonest by their estimates, and which others have been answered (a job is in one at most).
        private readonly Dictionary<string, int> _states = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly SortedSet<(DateTimeOffset End, int Index)> _ending = new SortedSet<(DateTimeOffset, int)>();
        private readonly SortedSet<int> _answeredWithoutEstimate = new SortedSet<int>();

        /// <summary>The label of a job's state for the counts: its status while waited for, how its wait ended after.</summary>
        public static string StateOf(JobWatch job) => job.IsPending
            ? job.Latest?.Status ?? "not yet seen"
            : job.Outcome == WaitOutcome.Ended ? job.Latest?.Status ?? "ended" : job.Outcome == WaitOutcome.TimedOut ? "timed out" : job.Outcome.ToString().ToLowerInvariant();

        /// <summary>How many jobs stand in each state (StateOf), as of the last answer.</summary>
        public IReadOnlyDictionary<string, int> States => _states;

        /// <summary>True once every job still waited for has had an answer: from then on <see cref="SoonestFirst"/> ranks them all.</summary>
        public bool EveryPendingAnswered => _ending.Count + _answeredWithoutEstimate.Count >= _pending;

        /// <summary>When the last of the pending jobs with an estimate should end; null when none has one.</summary>
        public DateTimeOffset? LastExpectedEnd => _ending.Count > 0 ? _ending.Max.End : (DateTimeOffset?)null;

        /// <summary>
        /// Pending jobs the API has answered for, those expected to end soonest first, then the rest in the order given:
        /// for the bars. Jobs not yet answered are not among them (they have nothing to show), so taking a few costs no
        /// walk past thousands of those.
        /// </summary>
        public IEnumerable<JobWatch> SoonestFirst()
        {
            foreach (var entry in _ending) yield return _jobs[entry.Index];
            foreach (var index in _answeredWithoutEstimate) yield return _jobs[index];
        }

        private void Count(string state, int by)
        {
            _states.TryGetValue(state, out var n);
            if (n + by == 0) _states.Remove(state);
            else _states[state] = n + by;
        }

        /// <summary>Moves a job's counts and its place among the expected ends, around a change made by <paramref name="change"/>.</summary>
        private void Track(JobWatch job, Action change)
        {
            Count(StateOf(job), -1);
            if (job.ExpectedEnd is DateTimeOffset end) _ending.Remove((end, job.Index));
            else _answeredWithoutEstimate.Remove(job.Index);
            change();
            Count(StateOf(job), 1);
            job.ExpectedEnd = null;
            if (!job.IsPending) return;
            var now = Now;
            if (job.Eta.SecondsRemaining(now) is double left)
            {
                job.ExpectedEnd = now + EtaSpan(left);
                _ending.Add((job.ExpectedEnd.Value, job.Index));
            }
            else if (job.AnsweredAt != null) _answeredWithoutEstimate.Add(job.Index);
        }

        public DateTimeOffset StartedAt { get; }

        /// <summary>When the wait times out; null when it waits for ever.</summary>
        public DateTimeOffset? Deadline { get; }

        public IReadOnlyList<JobWatch> Jobs => _jobs;

        /// <summary>Failed polls that were scheduled again.</summary>
        public int Retries { get; private set; }

        /// <summary>True once any poll has been answered: from then on, a server that gives no answer is an outage to ride out.</summary>
        public bool HasAnswer { get; private set; }

        /// <summary>
        /// When a poll sent now must have its answer: at the end of the last look after the deadline; while the server
        /// has never answered, when the wait gives up on it; once it has, within <see cref="WaitOptions.AnsweredPollLimit"/>.
        /// A silent server then holds a poll no longer than that, and one that answers again is seen to.
        /// </summary>
        public DateTimeOffset? AnswerBy
        {
            get
            {
                var by = Deadline is DateTimeOffset d ? d + _options.LastLook : (DateTimeOffset?)null;
                var limit = !HasAnswer ? GiveUpOnServerAt
                    : _options.AnsweredPollLimit is TimeSpan l ? Now + l : (DateTimeOffset?)null;
                if (limit is DateTimeOffset at && (by is null || at < by)) by = at;
                return by;
            }
        }

        public DateTimeOffset Now => _clock.GetUtcNow();

        /// <summary>Jobs still waited for.</summary>
        public int Pending => _pending;

        /// <summary>True once there is nothing left to wait for.</summary>
        public bool IsOver => _pending == 0;

        /// <summary>
        /// Jobs whose poll is due, up to <paramref name="max"/> and as many as the pace allows, soonest first, marked in
        /// flight. Costs the logarithm of the number of jobs per job taken, whatever their number.
        /// </summary>
        public IReadOnlyList<JobWatch> TakeDue(int max)
        {
            var now = Now;
            var due = new List<JobWatch>();
            // While sweeps refresh the jobs, only those that want their own GET are polled one by one.
            var sweeping = SweepMode(now);
            while (due.Count < max && NextDue(sweeping) is SortedSet<(DateTimeOffset At, int Index)> line && line.Min.At <= now && Gate.TryTake(now))
            {
                var job = _jobs[line.Min.Index];
                job.Aiming = ReferenceEquals(line, _aims);
                Unline(job);
                job.InFlight = true;
                due.Add(job);
                _unansweredSince ??= now;
            }
            return due;
        }

        /// <summary>
        /// How long until a job is due (and the pace lets its poll go) or the deadline comes; null when nothing is
        /// scheduled. With <paramref name="pollsMayGo"/> false (every slot of the throttle taken) due jobs do not count:
        /// only an answer can free a slot, and waking for them would spin. With <paramref name="sweepBusy"/> (a page of a
        /// sweep in flight) the sweep's next page does not count either: its answer ends the sleep.
        /// </summary>
        public TimeSpan? TimeUntilNextWake(bool pollsMayGo = true, bool sweepBusy = false)
        {
            var now = Now;
            DateTimeOffset? next = null;
            if (pollsMayGo && NextWanted(now, sweepBusy) is DateTimeOffset wanted)
            {
                var paced = now + Gate.UntilNext(now);
                next = wanted > paced ? wanted : paced;
            }
            // Wake at the deadline, and again when the last looks it allows are over (those not taken by then time out).
            var wakeForDeadline = Deadline is not DateTimeOffset d ? (DateTimeOffset?)null
                : now < d ? d
                : now < d + _options.LastLook ? d + _options.LastLook
                : null;
            if (wakeForDeadline is DateTimeOffset w && (next is null || w < next)) next = w;
            // Wake to say that the server has gone quiet, even while its polls are still out.
            if (!_warnedUnanswered && _unansweredSince is DateTimeOffset since)
            {
                var warnAt = since + _options.UnansweredWarning;
                if (next is null || warnAt < next) next = warnAt;
            }
            if (next is not DateTimeOffset at) return null;
            var wait = at - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        /// <summary>Puts a job whose poll came back (so it is in no line) in line for its next poll.</summary>
        private void Reschedule(JobWatch job, DateTimeOffset at)
        {
            job.NextPollAt = at;
            (job.OwnPoll ? _detailDue : _due).Add((at, job.Index));
        }

        /// <summary>Ends the wait for one job; the count of those still waited for follows.</summary>
        private void Finish(JobWatch job, WaitOutcome outcome)
        {
            if (!job.IsPending) return;
            Track(job, () => job.Outcome = outcome);
            _pending--;
            Unline(job);
            _sweep?.Forget(job.Index);
        }

        /// <summary>A poll answered: records it, schedules the next one, and says what changed.</summary>
        public IReadOnlyList<WaitEvent> Polled(JobWatch job, JobDetail detail)
        {
            var events = new List<WaitEvent>();
            var now = Now;
            job.InFlight = false;
            job.Polls++;
            job.AskedAt = now;
            job.AnsweredAt = now;
            job.ConsecutiveFailures = 0;
            job.LastFailure = null;
            // Its own detail is in: what a listing hinted (an end, a miss) has been acted on.
            job.ListedEnd = null;
            job.Missed = false;
            job.DetailHadProgress = detail.Progress != null || detail.EstimatedSecondsRemaining != null;
            Learn(job, detail);
            ServerAnswered(now, events);
            Gate.Answered();
            var previous = job.Latest?.Status;
            if (!job.IsPending)
            {
                // Abandoned while in flight: the answer is kept, the counts stay as the wait ended it.
                job.Latest = detail;
                job.LatestListed = false;
                return events;
            }
            Track(job, () =>
            {
                job.Latest = detail;
                job.LatestListed = false;
                job.Eta.Observe(now, detail.Progress, detail.EstimatedSecondsRemaining);
            });

            if (JobStatuses.IsTerminal(detail.Status))
            {
                End(job, WaitOutcome.Ended, WaitReason.JobEnded, events, previous);
                return events;
            }
            job.AimMissed |= job.Aiming;
            job.Aiming = false;
            if (!string.Equals(previous, detail.Status, StringComparison.Ordinal))
            {
                events.Add(new WaitEvent(WaitEventKind.StateChanged, job, previous, detail.Status));
                job.BackoffStep = 0;
            }
            if (JobStatuses.Is(detail.Status, JobStatuses.WaitingForUpload) && !job.WarnedAboutUpload)
            {
                job.WarnedAboutUpload = true;
                events.Add(new WaitEvent(WaitEventKind.WaitingForUpload, job, to: detail.Status));
            }
            ScheduleNext(job, now);
            ExpireIfLate(events);
            return events;
        }

        /// <summary>
        /// A poll failed: retried later if it may pass, else the job's wait ends (or, for a fault about the server or
        /// the key that will not pass, the whole wait). A job whose polls keep failing while the server answers others
        /// cannot be polled: after <see cref="WaitOptions.UnpollableAfter"/> such failures over
        /// <see cref="WaitOptions.UnpollableSpan"/>, its wait ends with the failure as its own error. Before any answer,
        /// failures end the whole wait once the grace is over: that is the wrong place, or a server that is down. After
        /// one, failures of every poll are an outage, ridden out until the timeout.
        /// </summary>
        public IReadOnlyList<WaitEvent> PollFailed(JobWatch job, PollFailure failure)
        {
            var events = new List<WaitEvent>();
            var now = Now;
            job.InFlight = false;
            job.AskedAt = now;
            // A GET aimed at the job's ETA is retried as one: its end is due, and a sweep would see it only later.
            var aimed = job.Aiming;
            job.Aiming = false;
            if (failure.IsRateLimited)
            {
                // The server's limit is every poll's: all of them stop until it says, and the pace drops, so the
                // others do not each run into it. Not a failure of this job: it does not count toward Struggling.
                var pausedBefore = Gate.IsPaused(now);
                var pause = Gate.Limit(now, failure.RetryAfter);
                Retries++;
                if (job.IsPending) Retry(job, now + Clamp(pause, now), aimed);
                if (!pausedBefore)
                    events.Add(new WaitEvent(WaitEventKind.Throttled, job, failure: failure, delay: pause, count: Gate.Limited) { Pace = Gate.Pace });
                ExpireIfLate(events);
                return events;
            }
            if (++job.ConsecutiveFailures == 1)
            {
                job.FailingSince = now;
                job.AnswersBeforeFailing = _answers;
            }
            if (!job.IsPending) return events;
            job.LastFailure = failure;
            if (!failure.IsTransient)
            {
                job.Failure = failure;
                if (failure.IsAboutServer)
                {
                    // A key refused, a certificate that does not check out: every other poll would meet it.
                    AbandonPending(events, WaitReason.ServerFault, failure);
                    return events;
                }
                // The API's own answer about this job (404, 422): the server works.
                ServerAnswered(now, events);
                End(job, WaitOutcome.Error, WaitReason.PollFailed, events, job.Latest?.Status);
                return events;
            }
            _lastFailure = failure;
            if (!HasAnswer && now >= GiveUpOnServerAt)
            {
                job.Failure = failure;
                AbandonPending(events, WaitReason.Unreachable, failure, GiveUpOnServerAt - StartedAt);
                return events;
            }
            // Failures say something about this job only while the server answers other polls: else they are an outage.
            var othersAnswered = _answers - job.AnswersBeforeFailing;
            if (!failure.IsAboutServer && othersAnswered > 0)
            {
                if (job.ConsecutiveFailures >= _options.UnpollableAfter && now - job.FailingSince >= _options.UnpollableSpan
                    && othersAnswered >= _options.UnpollableOthersAnswered)
                {
                    job.Failure = failure;
                    End(job, WaitOutcome.Error, WaitReason.PollFailed, events, job.Latest?.Status);
                    return events;
                }
                if (job.ConsecutiveFailures == _options.WarnAfterFailures)
                    events.Add(new WaitEvent(WaitEventKind.Struggling, job, failure: failure, count: job.ConsecutiveFailures));
            }
            Retries++;
            var delay = Clamp(Backoff(job.ConsecutiveFailures - 1), now);
            if (failure.RetryAfter is TimeSpan asked && asked > delay) delay = Clamp(asked, now);
            Retry(job, now + delay, aimed);
            var retrying = new WaitEvent(WaitEventKind.Retrying, job, failure: failure, delay: delay, count: job.ConsecutiveFailures);
            events.Add(retrying);
            WarnIfUnanswered(now, events);
            ExpireIfLate(events);
            // At the deadline the job ends here: "polling again in 0.0 s" would be a poll that is never sent.
            if (!job.IsPending) events.Remove(retrying);
            return events;
        }

        /// <summary>
        /// When a server that has not answered once is given up on: at the end of the grace, or at the deadline if that
        /// comes first, so a short -Timeout on a wrong URI ends with the connection error, not a timeout that says to
        /// wait longer.
        /// </summary>
        private DateTimeOffset GiveUpOnServerAt =>
            Deadline is DateTimeOffset d && d < StartedAt + _options.UnreachableGrace ? d : StartedAt + _options.UnreachableGrace;

        /// <summary>The server answered a poll (with the job, or the API's own word about it): whatever silence there was is over.</summary>
        private void ServerAnswered(DateTimeOffset now, List<WaitEvent> events)
        {
            HasAnswer = true;
            _answers++;
            if (_warnedUnanswered && _unansweredSince is DateTimeOffset since)
                events.Add(new WaitEvent(WaitEventKind.AnswersAgain, null, failure: _lastFailure) { Since = since });
            _warnedUnanswered = false;
            _unansweredSince = null;
            _lastFailure = null;
        }

        /// <summary>True when no poll has been answered for <see cref="WaitOptions.UnansweredWarning"/> or more: an outage, not a blip.</summary>
        private bool IsSilent(DateTimeOffset now) => _unansweredSince is DateTimeOffset since && now - since >= _options.UnansweredWarning;

        /// <summary>Once no poll has been answered for <see cref="WaitOptions.UnansweredWarning"/>, says so, once per silence.</summary>
        private void WarnIfUnanswered(DateTimeOffset now, List<WaitEvent> events)
        {
            if (_warnedUnanswered || _pending == 0 || !IsSilent(now)) return;
            _warnedUnanswered = true;
            // When every job still waited for has been failing since before the others' answers ended, the silence is
            // theirs (they could not be polled while the server answered), not the server's: their own warnings say so.
            if (HasAnswer && _jobs.Where(j => j.IsPending).All(j => j.ConsecutiveFailures > 0 && _answers > j.AnswersBeforeFailing)) return;
            var since = _unansweredSince!.Value;
            events.Add(new WaitEvent(WaitEventKind.Unanswered, null, failure: _lastFailure,
                limit: HasAnswer ? (TimeSpan?)null : GiveUpOnServerAt - now) { Since = since });
        }

        /// <summary>
        /// What time alone brings: the word that the server has gone quiet, and at the deadline the end of every job
        /// still waited for (once each has had a first answer or failure).
        /// </summary>
        public IReadOnlyList<WaitEvent> ExpireIfDue()
        {
            var events = new List<WaitEvent>();
            WarnIfUnanswered(Now, events);
            ExpireIfLate(events);
            return events;
        }

        private void End(JobWatch job, WaitOutcome outcome, WaitReason reason, List<WaitEvent> events, string? from)
        {
            Finish(job, outcome);
            events.Add(new WaitEvent(WaitEventKind.Ended, job, from, job.Latest?.Status, job.Failure, reason: reason));
            var because = _options.Any && (outcome == WaitOutcome.Ended || outcome == WaitOutcome.Error) ? WaitReason.AnyJobEnded
                : _options.FailFast && job.IsFailure ? WaitReason.FailFast
                : (WaitReason?)null;
            if (because is WaitReason why) AbandonPending(events, why);
        }

        /// <summary>
        /// Stops waiting for every job still pending, for a reason outside the wait (an error the caller made terminating
        /// with -ErrorAction Stop): they count as no longer waited for, and say nothing more.
        /// </summary>
        public void AbandonPending()
        {
            foreach (var other in _jobs.Where(j => j.IsPending).ToList()) Finish(other, WaitOutcome.Abandoned);
        }

        /// <summary>Stops waiting for every job still pending (they go on), each with an Ended event that says why.</summary>
        private void AbandonPending(List<WaitEvent> events, WaitReason why, PollFailure? failure = null, TimeSpan? limit = null,
            DateTimeOffset? since = null)
        {
            foreach (var other in _jobs.Where(j => j.IsPending).ToList())
            {
                Finish(other, WaitOutcome.Abandoned);
                events.Add(new WaitEvent(WaitEventKind.Ended, other, other.Latest?.Status, other.Latest?.Status, failure, reason: why, limit: limit)
                    { Since = since });
            }
        }

        private void ExpireIfLate(List<WaitEvent> events)
        {
            var now = Now;
            if (Deadline is not DateTimeOffset deadline || now < deadline) return;
            // A job not yet answered gets its first poll even at timeout 0: "check once" is a fair reading of it.
            foreach (var job in _jobs.Where(j => j.IsPending && !j.InFlight && j.Asked).ToList())
            {
                if (AwaitsLastLook(job, deadline, now) || !job.IsPending) continue;
                // The last sweep stands for its last look, however long its pages take.
                if (_sweep is Sweep last && last.IsFinal && last.Wants(job.Index)) continue;
                // Listed as ended (before the deadline, or by then): it did finish in time, and is written from its own
                // detail once its GET, queued with the others, comes back; the timeout would say it had not.
                if (job.EndListed && job.LastFailure is null) continue;
                if (job.LastFailure is PollFailure failed && (!HasAnswer || IsSilent(now)))
                {
                    // The timeout came while no poll was answered: the server's silence is the reason, not the jobs.
                    job.Failure = failed;
                    if (HasAnswer) AbandonPending(events, WaitReason.ServerDark, failed, _options.Timeout, _unansweredSince);
                    else AbandonPending(events, WaitReason.Unreachable, failed, GiveUpOnServerAt - StartedAt);
                    return;
                }
                if (job.LastFailure is PollFailure own && !own.IsAboutServer)
                {
                    // Its last poll failed while the server answered others: it could not be polled, it did not time out.
                    job.Failure = own;
                    End(job, WaitOutcome.Error, WaitReason.PollFailed, events, job.Latest?.Status);
                    continue;
                }
                Finish(job, WaitOutcome.TimedOut);
                events.Add(new WaitEvent(WaitEventKind.Ended, job, job.Latest?.Status, job.Latest?.Status,
                    reason: WaitReason.TimedOut, limit: _options.Timeout));
            }
        }

        /// <summary>
        /// A job last asked before the deadline is polled once more before it is said to have timed out: its
        /// next poll was set for the deadline, and "did not finish within" must be true as of then, not as of an answer
        /// seconds older (a job that ended meanwhile would fail a CI step it passed). The look must go within
        /// <see cref="WaitOptions.LastLook"/> and not wait out a 429's pause, so the timeout stays a bound. Not against a
        /// server that has never answered, where a job's poll has failed: the look would meet the same silence, and its
        /// failure, within the look's short limit, would be the reason told instead of the first poll's.
        /// </summary>
        private bool AwaitsLastLook(JobWatch job, DateTimeOffset deadline, DateTimeOffset now) =>
            job.AskedAt < deadline && now < deadline + _options.LastLook && !Gate.IsPaused(now) && (HasAnswer || job.LastFailure is null);

        /// <summary>An ETA in seconds as a span, no longer than a year (however large the estimate, no overflow).</summary>
        private static TimeSpan EtaSpan(double seconds) => TimeSpan.FromSeconds(Math.Min(seconds, 366 * 86400.0));

        /// <summary>From now to just after the end an ETA gives: where a GET aimed at it goes.</summary>
        private TimeSpan AfterEta(double seconds) => EtaSpan(seconds) + _options.EtaMargin;

        /// <summary>
        /// The gap to a job's next look. With <paramref name="aimAtEta"/> false (its ETA has a GET aimed at it of its
        /// own, <see cref="ScheduleNext"/>) the look is what the job would get without the estimate's aim: the cap, or
        /// its lag bound.
        /// </summary>
        private TimeSpan NextDelay(JobWatch job, DateTimeOffset now, bool aimAtEta = true)
        {
            TimeSpan delay;
            if (job.Eta.SecondsRemaining(now) is double eta && eta > 0)
            {
                // Aim just after the job's own estimate of its end, sooner or later than the backoff would: polls in
                // between would only see it running. The cap still bounds the gap, so a wrong estimate costs at most
                // what a job with no estimate costs. Once the estimate runs out, back off from the first interval.
                job.BackoffStep = 0;
                var atEta = AfterEta(eta);
                var cap = TimeSpan.FromSeconds(Jittered(_options.MaxPollInterval.TotalSeconds));
                delay = aimAtEta && atEta < cap ? atEta : cap;
            }
            else delay = Backoff(job.BackoffStep++);
            // An end the estimate did not foresee (a failure at 3 s of a promised 7) is seen within a share of the
            // job's age, or the floor for a young one: the gap never outgrows what a user would call prompt for it.
            var bound = LagBound(job, now);
            return Clamp(delay < bound ? delay : bound, now);
        }

        /// <summary>
        /// The longest gap between two polls of <paramref name="job"/> now: the larger of the floor and a share of its
        /// age, capped. A first interval slower than the floor raises it: whoever asks for polls 5 s apart has said an end
        /// seen 5 s late will do, and trades that lag for fewer requests (no schedule can have both for a young job).
        /// </summary>
        public TimeSpan LagBound(JobWatch job, DateTimeOffset now)
        {
            var born = job.Latest?.CreatedAt is DateTimeOffset created && created < StartedAt ? created : StartedAt;
            var share = TimeSpan.FromTicks((long)((now - born).Ticks * _options.LagShare));
            var floor = _options.PollInterval > _options.LagFloor ? _options.PollInterval : _options.LagFloor;
            var bound = share > floor ? share : floor;
            return bound < _options.MaxPollInterval ? bound : _options.MaxPollInterval;
        }

        private TimeSpan Backoff(int step)
        {
            var seconds = _options.PollInterval.TotalSeconds * Math.Pow(_options.BackoffFactor, Math.Min(step, 64));
            return TimeSpan.FromSeconds(Jittered(Math.Min(seconds, _options.MaxPollInterval.TotalSeconds)));
        }

        private double Jittered(double seconds) => seconds * (1 + _options.Jitter * (2 * _random.NextDouble() - 1));

        private TimeSpan Clamp(TimeSpan delay, DateTimeOffset now)
        {
            if (delay < _options.MinPollInterval) delay = _options.MinPollInterval;
            // While the server has never answered, no poll goes later than the moment the wait gives up on it (the
            // deadline, or the end of the grace): a backed-off poll due past it ended a wait of a 30-s grace at 37 s.
            var by = !HasAnswer && now < GiveUpOnServerAt ? GiveUpOnServerAt : Deadline;
            if (by is DateTimeOffset d && now + delay > d) delay = d > now ? d - now : TimeSpan.Zero;
            return delay;
        }
    }
}
