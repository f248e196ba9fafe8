using System;
using System.Collections.Generic;
using System.Linq;
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
    public sealed class WaitSession
    {
        private readonly WaitOptions _options;
        private readonly TimeProvider _clock;
        private readonly Random _random;
        private readonly List<JobWatch> _jobs;
        private bool _warnedUnreachable;

        public WaitSession(IEnumerable<Guid> jobIds, WaitOptions options, TimeProvider clock, Random? random = null)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            _random = random ?? new Random();
            StartedAt = clock.GetUtcNow();
            Deadline = options.Timeout is TimeSpan t ? StartedAt + t : (DateTimeOffset?)null;
            _jobs = jobIds.Distinct().Select((id, i) => new JobWatch(id, i) { NextPollAt = StartedAt }).ToList();
        }

        public DateTimeOffset StartedAt { get; }

        /// <summary>When the wait times out; null when it waits for ever.</summary>
        public DateTimeOffset? Deadline { get; }

        public IReadOnlyList<JobWatch> Jobs => _jobs;

        /// <summary>Failed polls that were scheduled again.</summary>
        public int Retries { get; private set; }

        /// <summary>True once any poll has been answered: from then on, an unreachable server is a passing blip.</summary>
        public bool HasAnswer { get; private set; }

        public DateTimeOffset Now => _clock.GetUtcNow();

        /// <summary>True once there is nothing left to wait for.</summary>
        public bool IsOver => _jobs.All(j => !j.IsPending);

        /// <summary>Jobs whose poll is due, up to <paramref name="max"/>, marked in flight.</summary>
        public IReadOnlyList<JobWatch> TakeDue(int max)
        {
            var now = Now;
            var due = _jobs.Where(j => j.IsPending && !j.InFlight && j.NextPollAt <= now)
                .OrderBy(j => j.NextPollAt).ThenBy(j => j.Index).Take(Math.Max(0, max)).ToList();
            foreach (var job in due) job.InFlight = true;
            return due;
        }

        /// <summary>How long until a job is due or the deadline comes; null when nothing is scheduled.</summary>
        public TimeSpan? TimeUntilNextWake()
        {
            var idle = _jobs.Where(j => j.IsPending && !j.InFlight).Select(j => (DateTimeOffset?)j.NextPollAt).Min();
            var next = idle;
            if (Deadline is DateTimeOffset d && (next is null || d < next)) next = d;
            if (next is not DateTimeOffset at) return null;
            var wait = at - Now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        /// <summary>A poll answered: records it, schedules the next one, and says what changed.</summary>
        public IReadOnlyList<WaitEvent> Polled(JobWatch job, JobDetail detail)
        {
            var events = new List<WaitEvent>();
            var now = Now;
            job.InFlight = false;
            job.Polls++;
            job.ConsecutiveFailures = 0;
            HasAnswer = true;
            var previous = job.Latest?.Status;
            job.Latest = detail;
            job.Eta.Observe(now, detail.Progress, detail.EstimatedSecondsRemaining);
            if (!job.IsPending) return events;   // abandoned while in flight

            if (JobStatuses.IsTerminal(detail.Status))
            {
                End(job, WaitOutcome.Ended, WaitReason.JobEnded, events, previous);
                return events;
            }
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
            job.NextPollAt = now + NextDelay(job, now);
            ExpireIfLate(events);
            return events;
        }

        /// <summary>
        /// A poll failed: retried later if it may pass, else the job's wait ends. Before any answer, a server that
        /// cannot be reached ends the whole wait once the grace is over: it is not a blip, it is the wrong place.
        /// </summary>
        public IReadOnlyList<WaitEvent> PollFailed(JobWatch job, PollFailure failure)
        {
            var events = new List<WaitEvent>();
            var now = Now;
            job.InFlight = false;
            job.ConsecutiveFailures++;
            if (!job.IsPending) return events;
            if (!failure.IsTransient)
            {
                job.Failure = failure;
                End(job, WaitOutcome.Error, WaitReason.PollFailed, events, job.Latest?.Status);
                return events;
            }
            if (failure.IsUnreachable && !HasAnswer && now - StartedAt >= _options.UnreachableGrace)
            {
                job.Failure = failure;
                foreach (var other in _jobs.Where(j => j.IsPending))
                {
                    other.Outcome = WaitOutcome.Abandoned;
                    events.Add(new WaitEvent(WaitEventKind.Ended, other, other.Latest?.Status, other.Latest?.Status, failure,
                        reason: WaitReason.Unreachable, limit: _options.UnreachableGrace));
                }
                return events;
            }
            Retries++;
            var delay = Clamp(Backoff(job.ConsecutiveFailures - 1), now);
            if (failure.RetryAfter is TimeSpan asked && asked > delay) delay = Clamp(asked, now);
            job.NextPollAt = now + delay;
            events.Add(new WaitEvent(WaitEventKind.Retrying, job, failure: failure, delay: delay, count: job.ConsecutiveFailures));
            if (job.ConsecutiveFailures == _options.WarnAfterFailures)
            {
                // Before any answer, the server is the trouble, not this job: said once for the wait, with when it gives up
                // (the grace's end, not the timeout). After one, each job's own streak is worth a word.
                var serverWide = failure.IsUnreachable && !HasAnswer;
                if (!serverWide || !_warnedUnreachable)
                {
                    _warnedUnreachable |= serverWide;
                    events.Add(new WaitEvent(WaitEventKind.Struggling, job, failure: failure, count: job.ConsecutiveFailures,
                        limit: serverWide ? _options.UnreachableGrace - (now - StartedAt) : (TimeSpan?)null));
                }
            }
            ExpireIfLate(events);
            return events;
        }

        /// <summary>At the deadline, ends every job still waited for (once each has had a first answer or failure).</summary>
        public IReadOnlyList<WaitEvent> ExpireIfDue()
        {
            var events = new List<WaitEvent>();
            ExpireIfLate(events);
            return events;
        }

        private void End(JobWatch job, WaitOutcome outcome, WaitReason reason, List<WaitEvent> events, string? from)
        {
            job.Outcome = outcome;
            events.Add(new WaitEvent(WaitEventKind.Ended, job, from, job.Latest?.Status, job.Failure, reason: reason));
            var because = _options.Any && (outcome == WaitOutcome.Ended || outcome == WaitOutcome.Error) ? WaitReason.AnyJobEnded
                : _options.FailFast && job.IsFailure ? WaitReason.FailFast
                : (WaitReason?)null;
            if (because is not WaitReason why) return;
            foreach (var other in _jobs.Where(j => j.IsPending))
            {
                other.Outcome = WaitOutcome.Abandoned;
                events.Add(new WaitEvent(WaitEventKind.Ended, other, other.Latest?.Status, other.Latest?.Status, reason: why));
            }
        }

        private void ExpireIfLate(List<WaitEvent> events)
        {
            if (Deadline is not DateTimeOffset deadline || Now < deadline) return;
            // A job not yet answered gets its first poll even at timeout 0: "check once" is a fair reading of it.
            foreach (var job in _jobs.Where(j => j.IsPending && !j.InFlight && (j.Polls > 0 || j.ConsecutiveFailures > 0)))
            {
                job.Outcome = WaitOutcome.TimedOut;
                events.Add(new WaitEvent(WaitEventKind.Ended, job, job.Latest?.Status, job.Latest?.Status,
                    reason: WaitReason.TimedOut, limit: _options.Timeout));
            }
        }

        private TimeSpan NextDelay(JobWatch job, DateTimeOffset now)
        {
            if (job.Eta.SecondsRemaining(now) is double eta && eta > 0)
            {
                // Aim just after the job's own estimate of its end, sooner or later than the backoff would: polls in
                // between would only see it running. The cap still bounds the gap, so a wrong estimate costs at most
                // what a job with no estimate costs. Once the estimate runs out, back off from the first interval.
                job.BackoffStep = 0;
                var atEta = TimeSpan.FromSeconds(eta) + _options.EtaMargin;
                var cap = TimeSpan.FromSeconds(Jittered(_options.MaxPollInterval.TotalSeconds));
                return Clamp(atEta < cap ? atEta : cap, now);
            }
            return Clamp(Backoff(job.BackoffStep++), now);
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
            if (Deadline is DateTimeOffset d && now + delay > d) delay = d > now ? d - now : TimeSpan.Zero;
            return delay;
        }
    }
}
