using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using WoodWide.Model;

namespace WoodWide.Waiting
{
    /// <summary>
    /// Decides which progress bars to draw, and when: at most one refresh a second; an overall bar (when there are
    /// several jobs) with the count in each state and the time until the last estimate; under it a handful of job bars,
    /// for the jobs that should end soonest, each kept until its job ends; a Completed record for every bar drawn, and
    /// no record after it unless its job, still running, is given a bar again; none at all after the wait's end.
    /// Between polls a running job's percent moves on at its estimated pace, never back and never to 100 before the API
    /// says it is done. A refresh costs the number of bars, not the number of jobs.
    /// </summary>
    public sealed class ProgressBoard
    {
        /// <summary>The overall bar's id; a job's bar is this plus one plus its index.</summary>
        public const int OverallActivityId = 0x5757;

        /// <summary>Job bars at once, by default: enough to watch the next few ends, few enough not to fill a screen.</summary>
        public const int DefaultJobBars = 5;

        private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);

        /// <summary>How late a job's next poll may be before its bar says how old its answer is.</summary>
        private static readonly TimeSpan OverdueAfter = TimeSpan.FromSeconds(2);

        /// <summary>The order states are named in on the overall bar; any other state after these.</summary>
        private static readonly string[] StateOrder =
        {
            JobStatuses.Running, JobStatuses.Queued, JobStatuses.Pending, JobStatuses.Initializing, JobStatuses.WaitingForUpload,
            "not yet seen", JobStatuses.Succeeded, JobStatuses.Failed, JobStatuses.Canceled, JobStatuses.Rejected, "timed out", "abandoned", "error",
        };

        private readonly TimeProvider _clock;
        private readonly int _maxJobBars;
        private readonly HashSet<int> _drawn = new HashSet<int>();
        private readonly HashSet<int> _completed = new HashSet<int>();
        private readonly Dictionary<int, JobWatch> _shown = new Dictionary<int, JobWatch>();
        private readonly Dictionary<int, int> _percentShown = new Dictionary<int, int>();
        private DateTimeOffset? _lastRefresh;
        private bool _settled;
        private bool _over;

        public ProgressBoard(TimeProvider clock, int maxJobBars = DefaultJobBars)
        {
            _clock = clock;
            _maxJobBars = maxJobBars;
        }

        /// <summary>How long until the next refresh is due: the driver wakes for it, so the bars move each second.</summary>
        public TimeSpan UntilRefresh()
        {
            if (_lastRefresh is not DateTimeOffset last) return TimeSpan.Zero;
            var left = last + RefreshEvery - _clock.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        /// <summary>The bars to write now; empty when the last refresh was under a second ago.</summary>
        public IReadOnlyList<BarUpdate> Refresh(WaitPolicy policy)
        {
            var now = _clock.GetUtcNow();
            if (_over || _lastRefresh is DateTimeOffset last && now - last < RefreshEvery) return Array.Empty<BarUpdate>();
            _lastRefresh = now;

            var updates = new List<BarUpdate>();
            var total = policy.Jobs.Count;
            var several = total > 1;
            var elapsed = WaitLog.Clock(now - policy.StartedAt);
            if (several)
            {
                var ended = total - policy.Pending;
                var untilLastEnd = policy.LastExpectedEnd is DateTimeOffset end && end > now ? end - now : (TimeSpan?)null;
                Add(updates, new BarUpdate
                {
                    ActivityId = OverallActivityId,
                    Activity = OverallTitle(policy),
                    Status = $"{Counts(policy)}{(untilLastEnd is TimeSpan u ? " · last ETA in " + WaitLog.Clock(u) : string.Empty)} · {elapsed}",
                    PercentComplete = (int)(100L * ended / total),
                    SecondsRemaining = untilLastEnd is TimeSpan left ? (int)Math.Ceiling(Math.Min(left.TotalSeconds, int.MaxValue)) : -1,
                });
            }
            // Bars stay with their jobs until they end (Complete), so they do not jump about; free places go to the
            // jobs that should end soonest. Those chosen before every job had its first answer were the soonest of the
            // few answered then: once all have answered, the bars go once to the soonest of all, so the first answered
            // do not hold them for the whole wait (a trial's 20 jobs: two ended at 10 s and 12 s without a bar while one
            // of 24 s kept its own).
            if (several && !_settled && policy.EveryPendingAnswered)
            {
                _settled = true;
                var soonest = new HashSet<int>(policy.SoonestFirst().Take(_maxJobBars).Select(IdOf));
                foreach (var pair in _shown.Where(p => !soonest.Contains(p.Key)).ToList())
                {
                    // Completed, then as if never drawn: its job, still running, may have a bar again.
                    updates.AddRange(Complete(policy, pair.Value));
                    _completed.Remove(pair.Key);
                    _drawn.Remove(pair.Key);
                }
            }
            if (_shown.Count < _maxJobBars)
            {
                // Of many jobs, a bar goes to one the API has answered for: one not yet seen has nothing to show (the
                // overall bar counts them), and would hold its place while the pace reaches the rest. One job has its
                // bar from the start. A job whose bar was let go when the bars were chosen again has it back when it is
                // among the soonest again (a trial's last five of 20 jobs ran their final 80 s without a bar).
                var candidates = several ? policy.SoonestFirst() : policy.Jobs.Where(j => j.IsPending);
                foreach (var job in candidates)
                {
                    if (_shown.Count >= _maxJobBars) break;
                    var id = IdOf(job);
                    if (!_shown.ContainsKey(id) && !_completed.Contains(id)) _shown[id] = job;
                }
            }
            foreach (var pair in _shown.OrderBy(p => p.Key))
            {
                var job = pair.Value;
                var latest = job.Latest;
                var percent = Percent(pair.Key, job, now);
                var status = latest?.Status ?? "waiting for the first answer";
                if (percent >= 0) status += " · " + percent.ToString(CultureInfo.InvariantCulture) + "%";
                // A poll held back for seconds past its time (the pace, shared by many jobs) leaves an old answer on the
                // bar: it says how old, as "queued" may no longer be true.
                if (job.AnsweredAt is DateTimeOffset seen && now - job.NextLookAt >= OverdueAfter)
                    status += " (as of " + WaitLog.Clock(seen - policy.StartedAt) + ")";
                var remaining = job.SecondsRemaining(now);
                Add(updates, new BarUpdate
                {
                    ActivityId = pair.Key,
                    ParentActivityId = several ? OverallActivityId : -1,
                    Activity = Title(job),
                    Status = $"{status} · {elapsed}",
                    PercentComplete = percent,
                    SecondsRemaining = remaining is double s ? (int)Math.Ceiling(Math.Min(s, int.MaxValue)) : -1,
                });
            }
            return updates;
        }

        /// <summary>The Completed record of one job's bar, when it was drawn; written as soon as the job ends.</summary>
        public IReadOnlyList<BarUpdate> Complete(WaitPolicy policy, JobWatch job)
        {
            var updates = new List<BarUpdate>();
            var id = IdOf(job);
            _shown.Remove(id);
            _percentShown.Remove(id);
            if (_drawn.Contains(id)) Add(updates, Completion(id, policy.Jobs.Count > 1, job));
            return updates;
        }

        /// <summary>Completed records for every bar drawn and not yet completed: for every way out of the wait.</summary>
        public IReadOnlyList<BarUpdate> CompleteAll(WaitPolicy policy)
        {
            var updates = new List<BarUpdate>();
            var several = policy.Jobs.Count > 1;
            _over = true;
            foreach (var id in _drawn.Where(d => d != OverallActivityId && !_completed.Contains(d)).OrderBy(d => d).ToList())
                Add(updates, Completion(id, several, policy.Jobs[id - OverallActivityId - 1]));
            _shown.Clear();
            if (_drawn.Contains(OverallActivityId))
                Add(updates, new BarUpdate { ActivityId = OverallActivityId, Activity = OverallTitle(policy), Status = "done", Completed = true });
            return updates;
        }

        public static int IdOf(JobWatch job) => OverallActivityId + 1 + job.Index;

        /// <summary>"3 running · 120 queued · 40 succeeded · 2 failed": the count in each state, in the order a job meets them.</summary>
        public static string Counts(WaitPolicy policy) => string.Join(" · ", policy.States
            .OrderBy(p => Array.IndexOf(StateOrder, p.Key) is var i && i >= 0 ? i : StateOrder.Length)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Value.ToString(CultureInfo.InvariantCulture) + " " + p.Key));

        /// <summary>
        /// The percent to show: the API's, moved on at the job's estimated pace while it runs, floored (99.6 is not yet
        /// done), and never less than was shown before: a poll that says less holds the bar until the job catches up.
        /// </summary>
        private int Percent(int id, JobWatch job, DateTimeOffset now)
        {
            if (job.Latest?.Progress is not double reported) return -1;
            var moving = JobStatuses.Is(job.Latest.Status, JobStatuses.Running) ? job.Eta.ProgressAt(now) ?? reported : reported;
            var percent = (int)Math.Floor(Math.Max(0, Math.Min(100, moving)));
            if (_percentShown.TryGetValue(id, out var before) && before > percent) percent = before;
            _percentShown[id] = percent;
            return percent;
        }

        private static string OverallTitle(WaitPolicy policy) => $"Waiting for {policy.Jobs.Count} Wood Wide jobs";

        private static string Title(JobWatch job) => $"Wood Wide {job.Latest?.Type ?? "job"} {job.JobId}";

        private static BarUpdate Completion(int id, bool several, JobWatch job) => new BarUpdate
        {
            ActivityId = id,
            ParentActivityId = several ? OverallActivityId : -1,
            Activity = Title(job),
            Status = job.Latest?.Status ?? job.Outcome.ToString().ToLowerInvariant(),
            Completed = true,
        };

        private void Add(List<BarUpdate> updates, BarUpdate update)
        {
            if (_completed.Contains(update.ActivityId)) return;
            if (update.Completed) _completed.Add(update.ActivityId);
            else _drawn.Add(update.ActivityId);
            updates.Add(update);
        }
    }
}
