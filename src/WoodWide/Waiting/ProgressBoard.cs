using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace WoodWide.Waiting
{
    /// <summary>
    /// Decides which progress bars to draw, and when: at most one refresh a second, a stable ActivityId per job, an
    /// overall bar when there are several jobs, and a Completed record for every bar that was ever drawn, never a
    /// record for a bar after its Completed one.
    /// </summary>
    public sealed class ProgressBoard
    {
        /// <summary>The overall bar's id; a job's bar is this plus one plus its index.</summary>
        public const int OverallActivityId = 0x5757;

        private static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(1);
        private readonly TimeProvider _clock;
        private readonly int _maxJobBars;
        private readonly HashSet<int> _drawn = new HashSet<int>();
        private readonly HashSet<int> _completed = new HashSet<int>();
        private DateTimeOffset? _lastRefresh;

        public ProgressBoard(TimeProvider clock, int maxJobBars = 10)
        {
            _clock = clock;
            _maxJobBars = maxJobBars;
        }

        /// <summary>The bars to write now; empty when the last refresh was under a second ago.</summary>
        public IReadOnlyList<BarUpdate> Refresh(WaitSession session)
        {
            var now = _clock.GetUtcNow();
            if (_lastRefresh is DateTimeOffset last && now - last < RefreshEvery) return Array.Empty<BarUpdate>();
            _lastRefresh = now;

            var updates = new List<BarUpdate>();
            var several = session.Jobs.Count > 1;
            var elapsed = WaitLog.Clock(now - session.StartedAt);
            if (several)
            {
                var ended = session.Jobs.Count(j => !j.IsPending);
                Add(updates, new BarUpdate
                {
                    ActivityId = OverallActivityId,
                    Activity = $"Waiting for {session.Jobs.Count} Wood Wide jobs",
                    Status = $"{ended} of {session.Jobs.Count} done · {elapsed}",
                    PercentComplete = 100 * ended / session.Jobs.Count,
                });
            }
            var shown = 0;
            foreach (var job in session.Jobs)
            {
                var id = IdOf(job);
                if (!job.IsPending)
                {
                    if (_drawn.Contains(id)) Add(updates, Completion(id, several, job));
                    continue;
                }
                if (shown++ >= _maxJobBars) continue;
                var latest = job.Latest;
                var status = latest?.Status ?? "waiting for the first answer";
                if (latest?.Progress is double p) status += " · " + WaitLog.Percent(p);
                var remaining = job.SecondsRemaining(now);
                Add(updates, new BarUpdate
                {
                    ActivityId = id,
                    ParentActivityId = several ? OverallActivityId : -1,
                    Activity = Title(job),
                    Status = $"{status} · {elapsed}",
                    // Floored, so a job at 99.6 % does not read as done before the API says it is.
                    PercentComplete = latest?.Progress is double percent ? (int)Math.Floor(Math.Max(0, Math.Min(100, percent))) : -1,
                    SecondsRemaining = remaining is double s ? (int)Math.Ceiling(Math.Min(s, int.MaxValue)) : -1,
                });
            }
            return updates;
        }

        /// <summary>The Completed record of one job's bar, when it was drawn; written as soon as the job ends.</summary>
        public IReadOnlyList<BarUpdate> Complete(WaitSession session, JobWatch job)
        {
            var updates = new List<BarUpdate>();
            var id = IdOf(job);
            if (_drawn.Contains(id)) Add(updates, Completion(id, session.Jobs.Count > 1, job));
            return updates;
        }

        /// <summary>Completed records for every bar drawn and not yet completed: for every way out of the wait.</summary>
        public IReadOnlyList<BarUpdate> CompleteAll(WaitSession session)
        {
            var updates = new List<BarUpdate>();
            var several = session.Jobs.Count > 1;
            foreach (var job in session.Jobs)
            {
                var id = IdOf(job);
                if (_drawn.Contains(id)) Add(updates, Completion(id, several, job));
            }
            if (_drawn.Contains(OverallActivityId))
                Add(updates, new BarUpdate { ActivityId = OverallActivityId, Activity = $"Waiting for {session.Jobs.Count} Wood Wide jobs", Status = "done", Completed = true });
            return updates;
        }

        public static int IdOf(JobWatch job) => OverallActivityId + 1 + job.Index;

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
