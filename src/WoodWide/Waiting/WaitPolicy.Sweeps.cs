using System;
using System.Collections.Generic;
using System.Linq;
using WoodWide.Client;
using WoodWide.Model;

namespace WoodWide.Waiting
{
    /// <summary>
    /// The second way to refresh: sweeping the job listing, page by page, when the pending jobs are more than per-job
    /// polls at the pace can keep within the lag bound. Pure, as the rest of the policy.
    /// </summary>
    /// <remarks>
    /// The rule: sweep while the polls a second that per-job polling needs to keep every pending job within its lag
    /// bound (the sum of 1 / <see cref="LagBound"/>) exceed the pace allowed now (<see cref="RateGate.Pace"/>), and stop
    /// sweeping for the rest of the wait once a sweep cost more pages than the jobs it refreshed, or the listing failed
    /// twice (or once, in a way that will not pass). At the deadline, one last sweep stands for the last looks when they are
    /// more than the pace lets go in their time (FinalSweepDue). A listed job
    /// is only a hint: one listed as ended gets its own GET at once, and only its detail is reported; one a sweep did
    /// not see falls back to its own GET; one whose listing lacks the progress and ETA its detail had is polled by GET.
    /// A sweep starts when a job it refreshes is due, no sooner than <see cref="WaitOptions.PollInterval"/> after the
    /// last, and no more often than lets its pages take <see cref="WaitOptions.SweepShare"/> of the pace.
    /// </remarks>
    public sealed partial class WaitPolicy
    {
        // Jobs due for their own GET while sweeps refresh the rest (listed as ended, missed, or not refreshable).
        private readonly SortedSet<(DateTimeOffset At, int Index)> _detailDue = new SortedSet<(DateTimeOffset, int)>();
        // While sweeps run, the GETs aimed just after the ends that jobs' ETAs give, each job's beside its place in a line
        // for its next look (which a sweep serves): a foreseen end is fetched as it comes, an unforeseen one swept up.
        private readonly SortedSet<(DateTimeOffset At, int Index)> _aims = new SortedSet<(DateTimeOffset, int)>();
        private Dictionary<Guid, int>? _byId;
        private Sweep? _sweep;
        private DateTimeOffset? _lastSweepStart;
        private int _lastSweepPages;
        private int _sweepFailures;
        private bool _orderBroken;
        private DateTimeOffset _demandAt = DateTimeOffset.MinValue;
        private double _demand;
        private int _sweepable;
        private double _tightest;

        /// <summary>True when the caller can list jobs: without it, every look is a job's own GET.</summary>
        public bool CanSweep { get; set; }

        /// <summary>Why sweeps stopped for the rest of the wait; null while they may run.</summary>
        public string? SweepsOff { get; private set; }

        /// <summary>Sweeps completed or cut short.</summary>
        public int Sweeps { get; private set; }

        /// <summary>Pages read by all sweeps.</summary>
        public int SweepPages { get; private set; }

        /// <summary>The sweep under way; null between sweeps.</summary>
        public Sweep? CurrentSweep => _sweep;

        /// <summary>
        /// The polls a second per-job polling needs to keep every pending job (that a sweep may refresh) within its lag
        /// bound now, recomputed at most once a second.
        /// </summary>
        public double PollDemand(DateTimeOffset now) => PollDemand(now, fresh: false);

        private double PollDemand(DateTimeOffset now, bool fresh)
        {
            if (!fresh && now - _demandAt < TimeSpan.FromSeconds(1) && now >= _demandAt) return _demand;
            _demandAt = now;
            _demand = 0;
            _sweepable = 0;
            var foreseen = 0;
            var horizon = _options.MaxPollInterval.TotalSeconds;
            _tightest = horizon;
            foreach (var job in _jobs)
            {
                if (!job.IsPending || job.ByDetailOnly) continue;
                _sweepable++;
                var bound = Math.Max(0.001, LagBound(job, now).TotalSeconds);
                _demand += 1 / bound;
                if (bound < _tightest) _tightest = bound;
                if (job.Eta.SecondsRemaining(now) is double eta && eta > 0 && eta <= horizon) foreseen++;
            }
            // Each end an ETA foresees takes a GET of its own as well, at its time: those due over the next cap, spread
            // over it (without them, a wait whose looks just fit the pace would switch to per-job polls and fall behind).
            _demand += foreseen / Math.Max(0.001, horizon);
            return _demand;
        }

        /// <summary>True while jobs are refreshed by sweeps (and only those wanting their own GET are polled one by one).</summary>
        public bool SweepMode(DateTimeOffset now)
        {
            if (_sweep != null) return true;
            if (!CanSweep || SweepsOff != null || _pending < 2) return false;
            if (Deadline is DateTimeOffset d && now >= d) return FinalSweepDue(now, d);
            var demand = PollDemand(now);
            if (_sweepable < 2) return false;
            if (demand > Gate.Pace) return true;
            // Once they have run, sweeps go on while they cost fewer requests than per-job polls would: the last sweep's
            // pages once per the tightest lag bound, against a look at each job within its own (the GETs aimed at ETAs
            // are the same either way). Switching back would turn a tail of a few hundred jobs into a GET each per look.
            return Sweeps > 0 && _lastSweepPages / _tightest < demand;
        }

        private bool _finalSweepTaken;

        /// <summary>
        /// At the deadline, one last sweep instead of the last looks, when those are more than the pace lets go within
        /// <see cref="WaitOptions.LastLook"/>: its pages see every job as of the deadline, so a job that ended just before
        /// is fetched and written as ended (its GET going past the deadline as the pace allows), and only the jobs it
        /// shows still going time out. Once per wait.
        /// </summary>
        private bool FinalSweepDue(DateTimeOffset now, DateTimeOffset deadline)
        {
            if (_finalSweepTaken || now >= deadline + _options.LastLook) return false;
            var looks = 0;
            foreach (var job in _jobs)
                if (Refreshable(job) && ++looks > Gate.Pace * _options.LastLook.TotalSeconds) return true;
            return false;
        }

        /// <summary>A job a sweep looks for: pending, not yet listed as ended, and not one whose bars only its GETs keep.</summary>
        private static bool Refreshable(JobWatch job) => job.IsPending && !job.EndListed && !job.ByDetailOnly;

        /// <summary>When the next sweep may start: a job it would refresh is due, and the gap since the last has passed.</summary>
        private DateTimeOffset? NextSweepAt()
        {
            var now = Now;
            // The last sweep goes at once: no gap, no waiting for the ends already found.
            if (Deadline is DateTimeOffset d && now >= d) return now;
            if (_due.Count == 0) return null;
            // Ends already found come first: while their GETs outnumber the last sweep's pages, a sweep would only find
            // more ends to queue behind them, and take the pace they need.
            var backlog = Math.Max(1, _lastSweepPages);
            if (_detailDue.TakeWhile(e => e.At <= now).Take(backlog + 1).Count() > backlog) return null;
            var at = _due.Min.At;
            if (_lastSweepStart is DateTimeOffset last)
            {
                var gap = Math.Max(_options.MinPollInterval.TotalSeconds, _lastSweepPages / (Gate.Pace * _options.SweepShare));
                var earliest = last + TimeSpan.FromSeconds(gap);
                if (earliest > at) at = earliest;
            }
            return at;
        }

        /// <summary>
        /// The line of due jobs to take from next, the one whose first is soonest: the jobs wanting their own GET and the
        /// GETs aimed at ETAs, and unless sweeping (when a sweep serves them) the jobs due for a look.
        /// </summary>
        private SortedSet<(DateTimeOffset At, int Index)>? NextDue(bool sweeping)
        {
            var line = Sooner(_detailDue, _aims);
            return sweeping ? line : Sooner(line, _due);
        }

        private static SortedSet<(DateTimeOffset At, int Index)>? Sooner(SortedSet<(DateTimeOffset At, int Index)>? a, SortedSet<(DateTimeOffset At, int Index)> b) =>
            a is null || a.Count == 0 ? (b.Count > 0 ? b : null) : b.Count == 0 || a.Min.At <= b.Min.At ? a : b;

        /// <summary>When something may go next, the pace aside: a due job's GET, or a sweep's page.</summary>
        private DateTimeOffset? NextWanted(DateTimeOffset now, bool sweepBusy)
        {
            var sweeping = SweepMode(now);
            var line = NextDue(sweeping);
            DateTimeOffset? next = line?.Min.At;
            if (sweeping && !sweepBusy)
            {
                var page = _sweep != null ? (_sweep.IsDone ? (DateTimeOffset?)null : now) : NextSweepAt();
                if (page is DateTimeOffset p && (next is null || p < next)) next = p;
            }
            return next;
        }

        /// <summary>
        /// The sweep whose next page may go now, started if one is due, with the pace's leave taken; null when none may.
        /// </summary>
        public Sweep? NextSweepPage()
        {
            var now = Now;
            if (_sweep is Sweep current)
            {
                if (current.IsDone || !Gate.TryTake(now)) return null;
                current.PageAskedAt = now;
                _unansweredSince ??= now;
                return current;
            }
            if (!SweepMode(now) || !(NextSweepAt() is DateTimeOffset at) || at > now || !Gate.TryTake(now)) return null;
            _byId ??= _jobs.ToDictionary(j => j.JobId, j => j.Index);
            var wanted = new HashSet<int>();
            DateTimeOffset? oldest = null;
            var allDated = true;
            foreach (var job in _jobs)
            {
                if (!Refreshable(job) || job.InFlight) continue;
                wanted.Add(job.Index);
                if (job.Latest?.CreatedAt is DateTimeOffset created) { if (oldest is null || created < oldest) oldest = created; }
                else allDated = false;
            }
            var final = Deadline is DateTimeOffset deadline && now >= deadline;
            _finalSweepTaken |= final;
            _sweep = new Sweep(now, wanted, allDated ? oldest : null, orderTrusted: !_orderBroken) { PageAskedAt = now, IsFinal = final };
            _lastSweepStart = now;
            _unansweredSince ??= now;
            return _sweep;
        }

        /// <summary>A page of the sweep came back: refreshes the jobs it lists, and says whether the sweep goes on.</summary>
        public IReadOnlyList<WaitEvent> SweepListed(ListedPage page)
        {
            var events = new List<WaitEvent>();
            var sweep = _sweep ?? throw new InvalidOperationException("No sweep is under way.");
            var now = Now;
            ServerAnswered(now, events);
            Gate.Answered();
            foreach (var item in page.Items)
            {
                if (item is null) continue;
                int? index = _byId!.TryGetValue(item.JobId, out var i) ? i : (int?)null;
                // A job listed again on a later page (the pages shifted as new jobs came) is read once; others' jobs not at all.
                if (!sweep.See(item, index) || index is null) continue;
                var job = _jobs[i];
                // Its own GET is out, or answered since this page was asked for: that word is the fresher one.
                if (!job.IsPending || job.InFlight || job.AnsweredAt > sweep.PageAskedAt) continue;
                if (JobStatuses.IsTerminal(item.Status))
                {
                    // Ended, the listing says: only its detail is reported, so that is fetched now, ahead of the others.
                    // Queued by when it ended (as listed, never later than now), so the GETs go oldest end first.
                    if (!job.EndListed)
                    {
                        sweep.EndsListed++;
                        Requeue(job, () => job.ListedEnd = item.Status, item.FinishedAt is DateTimeOffset f && f < now ? f : now);
                    }
                    continue;
                }
                if (job.ByDetailOnly) continue;
                if (item.Progress is null && item.EstimatedSecondsRemaining is null && LacksBars(job, item))
                {
                    // The listing lacks what its bars show: its own GETs keep them, for the rest of the wait.
                    Requeue(job, () => job.ByDetailOnly = true, job.NextPollAt);
                    continue;
                }
                if (Refresh(job, item, now, events)) sweep.Aimed++;
            }
            sweep.PageRead(page);
            if (!sweep.OrderHeld) _orderBroken = true;
            if (sweep.IsDone) EndSweep(sweep, completed: true, events);
            ExpireIfLate(events);
            return events;
        }

        /// <summary>A page failed: the sweep ends; a 429 pauses every request as any poll's does, the rest fall back to GETs.</summary>
        public IReadOnlyList<WaitEvent> SweepFailed(PollFailure failure)
        {
            var events = new List<WaitEvent>();
            var sweep = _sweep ?? throw new InvalidOperationException("No sweep is under way.");
            var now = Now;
            sweep.Abort();
            if (failure.IsRateLimited)
            {
                var pausedBefore = Gate.IsPaused(now);
                var pause = Gate.Limit(now, failure.RetryAfter);
                Retries++;
                // Not the jobs' fault: the next sweep, after the pause, looks for them again.
                EndSweep(sweep, completed: false, events, lookAgain: true);
                if (!pausedBefore)
                    events.Add(new WaitEvent(WaitEventKind.Throttled, null, failure: failure, delay: pause, count: Gate.Limited) { Pace = Gate.Pace });
                ExpireIfLate(events);
                return events;
            }
            // A cursor refused, a listing the server does not have, a failed page: whatever it did not see is looked up by GET.
            var off = !failure.IsTransient || ++_sweepFailures >= 2;
            EndSweep(sweep, completed: false, events, off ? "the listing failed: " + failure.Message : null);
            ExpireIfLate(events);
            return events;
        }

        // Job types whose detail shows progress or an ETA that their listing lacks, and for each type how many running
        // jobs listed without either were looked up by GET to learn that.
        private readonly HashSet<string> _listingLacksProgress = new HashSet<string>(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _probes = new Dictionary<string, int>(StringComparer.Ordinal);
        private const int ProbesPerType = 3;

        /// <summary>
        /// Whether a job listed with neither progress nor an ETA lacks them only in the listing: its own detail had one,
        /// or a detail of its type did while the listing showed none. A running job of a type not yet known is looked up
        /// by GET (a few per type), to learn it; a type whose details show none either needs nothing.
        /// </summary>
        private bool LacksBars(JobWatch job, JobSummary item)
        {
            var type = item.Type ?? job.Latest?.Type ?? "";
            if (job.DetailHadProgress || _listingLacksProgress.Contains(type))
            {
                _listingLacksProgress.Add(type);
                return true;
            }
            if (!JobStatuses.Is(item.Status, JobStatuses.Running) || job.Probed) return false;
            _probes.TryGetValue(type, out var probed);
            if (probed >= ProbesPerType) return false;
            _probes[type] = probed + 1;
            Requeue(job, () => job.Probed = job.Probing = true, Now);
            return false;
        }

        /// <summary>A probe's detail came: if it shows what its listing lacked, the listing lacks it for its type.</summary>
        private void Learn(JobWatch job, JobDetail detail)
        {
            if (!job.Probing) return;
            job.Probing = false;
            if (job.DetailHadProgress && !JobStatuses.IsTerminal(detail.Status)) _listingLacksProgress.Add(detail.Type ?? "");
        }

        /// <summary>
        /// A sweep ended (read to its end, or cut short by a failed page): what it did not see falls back to GETs (unless
        /// <paramref name="lookAgain"/>: the next sweep looks for it, as after a 429), and a sweep that cost more pages than
        /// the jobs it refreshed, or <paramref name="stopWith"/>, stops sweeps for the wait.
        /// </summary>
        private void EndSweep(Sweep sweep, bool completed, List<WaitEvent> events, string? stopWith = null, bool lookAgain = false)
        {
            _sweep = null;
            Sweeps++;
            SweepPages += sweep.Pages;
            var wasOff = SweepsOff != null;
            foreach (var index in lookAgain ? Enumerable.Empty<int>() : sweep.Unseen.ToList())
            {
                var job = _jobs[index];
                if (job.IsPending && !job.InFlight && !job.OwnPoll) Requeue(job, () => job.Missed = true, job.NextPollAt);
            }
            if (completed)
            {
                _sweepFailures = 0;
                _lastSweepPages = sweep.Pages;
                if (sweep.Refreshed < sweep.Pages) stopWith ??= $"a sweep read {sweep.Pages} page(s) to refresh {sweep.Refreshed} job(s)";
            }
            SweepsOff ??= stopWith;
            events.Add(Swept(sweep, wasOff ? null : SweepsOff));
        }

        /// <summary>What -Verbose says of a sweep that ended, and whether it was the last.</summary>
        private WaitEvent Swept(Sweep sweep, string? off) =>
            new WaitEvent(WaitEventKind.Swept, null) { Sweep = sweep, Demand = PollDemand(Now, fresh: true), Pace = Gate.Pace, Note = off };

        /// <summary>Moves a pending job that is in a line (not in flight) to the line its flags now say, due at <paramref name="at"/>.</summary>
        private void Requeue(JobWatch job, Action change, DateTimeOffset at)
        {
            var inLine = Unqueue(job);
            change();
            // A job whose next look is its own GET needs no second one aimed at its ETA.
            if (job.OwnPoll) Unaim(job);
            if (inLine) Reschedule(job, at);
        }

        /// <summary>Takes a job out of the lines, and its aim: it is polled now, refreshed, or its wait is over.</summary>
        private void Unline(JobWatch job)
        {
            Unqueue(job);
            Unaim(job);
        }

        /// <summary>Takes a job's next look out of its line (the looks, or the GETs wanted); true when it was in one.</summary>
        private bool Unqueue(JobWatch job) => _due.Remove((job.NextPollAt, job.Index)) | _detailDue.Remove((job.NextPollAt, job.Index));

        private void Aim(JobWatch job, DateTimeOffset at)
        {
            job.AimAt = at;
            _aims.Add((at, job.Index));
        }

        /// <summary>
        /// A failed poll goes again at <paramref name="at"/>. One aimed at the job's ETA goes again as an aimed GET while
        /// sweeps run, its look left where the lag bound puts it (a look due at once would start a sweep for one job).
        /// </summary>
        private void Retry(JobWatch job, DateTimeOffset at, bool aimed)
        {
            var now = Now;
            if (!aimed || job.OwnPoll || !SweepMode(now))
            {
                Reschedule(job, at);
                return;
            }
            var look = now + Clamp(LagBound(job, now), now);
            Reschedule(job, look > at ? look : at);
            Aim(job, at);
        }

        private void Unaim(JobWatch job)
        {
            if (job.AimAt is DateTimeOffset at) _aims.Remove((at, job.Index));
            job.AimAt = null;
        }

        /// <summary>
        /// Puts a job that answered (its GET, or a listing), and is in no line, in line for its next look. While sweeps
        /// run, a job they refresh whose ETA gives an end also gets a GET aimed just after it, however far off (each
        /// listing aims it afresh): the look itself is then one the lag bound asks for, served by the sweeps, which see an
        /// end the estimate did not foresee. Not once such a GET found the job still going: its estimates are left to
        /// the sweeps. Without sweeps, the look itself is aimed at the ETA when that comes sooner. True when a GET was aimed.
        /// </summary>
        private bool ScheduleNext(JobWatch job, DateTimeOffset now)
        {
            if (!job.OwnPoll && !job.AimMissed && SweepMode(now) && job.Eta.SecondsRemaining(now) is double eta && eta > 0)
            {
                Reschedule(job, now + NextDelay(job, now, aimAtEta: false));
                Aim(job, now + Clamp(AfterEta(eta), now));
                return true;
            }
            Reschedule(job, now + NextDelay(job, now));
            return false;
        }

        /// <summary>
        /// A listed job still going: its status, progress and ETA as listed, kept with its last detail's own fields. True
        /// when its ETA has a GET aimed at it.
        /// </summary>
        private bool Refresh(JobWatch job, JobSummary item, DateTimeOffset now, List<WaitEvent> events)
        {
            Unline(job);
            job.Missed = false;
            job.Listings++;
            job.AskedAt = now;
            job.AnsweredAt = now;
            job.ConsecutiveFailures = 0;
            job.LastFailure = null;
            var previous = job.Latest?.Status;
            Track(job, () =>
            {
                job.Latest = FromListing(item, job.Latest, reuse: job.LatestListed);
                job.LatestListed = true;
                job.Eta.Observe(now, item.Progress, item.EstimatedSecondsRemaining);
            });
            if (!string.Equals(previous, item.Status, StringComparison.Ordinal))
            {
                events.Add(new WaitEvent(WaitEventKind.StateChanged, job, previous, item.Status));
                job.BackoffStep = 0;
            }
            if (JobStatuses.Is(item.Status, JobStatuses.WaitingForUpload) && !job.WarnedAboutUpload)
            {
                job.WarnedAboutUpload = true;
                events.Add(new WaitEvent(WaitEventKind.WaitingForUpload, job, to: item.Status));
            }
            return ScheduleNext(job, now);
        }

        /// <summary>
        /// What the wait shows of a job refreshed by a listing: the listed status, times, progress and ETA, with the fields
        /// only a detail has kept from its last detail. Never what is reported at its end: that is a GET's. With
        /// <paramref name="reuse"/> (<paramref name="last"/> was made here from an earlier listing, and is seen by nothing
        /// but the wait) it is updated in place: a sweep of 10,000 jobs then leaves no 10,000 objects behind to collect.
        /// </summary>
        internal static JobDetail FromListing(JobSummary listed, JobDetail? last, bool reuse = false)
        {
            var detail = reuse && last != null ? last : new JobDetail
            {
                JobId = listed.JobId,
                // What a job never changes comes from the first word on it.
                Type = last?.Type ?? listed.Type,
                CreatedAt = last?.CreatedAt ?? listed.CreatedAt,
                CreatedBy = last?.CreatedBy ?? listed.CreatedBy,
                Input = last?.Input,
                Output = last?.Output,
                Resources = last?.Resources,
                ErrorMessage = last?.ErrorMessage,
                WoodwideRuntimeVersion = last?.WoodwideRuntimeVersion,
                CreditsConsumed = last?.CreditsConsumed,
            };
            detail.Type ??= listed.Type;
            detail.CreatedAt ??= listed.CreatedAt;
            detail.Status = listed.Status ?? last?.Status;
            detail.StartedAt = listed.StartedAt ?? last?.StartedAt;
            detail.FinishedAt = listed.FinishedAt ?? last?.FinishedAt;
            detail.Progress = listed.Progress;
            detail.EstimatedSecondsRemaining = listed.EstimatedSecondsRemaining;
            detail.RetrievedAt = listed.RetrievedAt;
            return detail;
        }
    }
}
