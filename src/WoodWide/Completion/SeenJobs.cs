using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using WoodWide.Model;

namespace WoodWide.Completion
{
    /// <summary>
    /// The jobs this process has seen in Get-WwJob and Wait-WwJob output: what -Id completes from, with no network
    /// call in the completer. Bounded: past <see cref="Capacity"/> plus a slack, the oldest are forgotten down to
    /// <see cref="Capacity"/>.
    /// </summary>
    public static class SeenJobs
    {
        public const int Capacity = 1000;

        /// <summary>
        /// How far past <see cref="Capacity"/> the set may grow before it is trimmed. Trimming sorts every entry, so it
        /// runs once per this many new jobs rather than for each: a listing of 10,000 jobs paid 30 µs a job for it.
        /// </summary>
        public const int Slack = Capacity / 4;

        private static readonly ConcurrentDictionary<Guid, Seen> Jobs = new ConcurrentDictionary<Guid, Seen>();
        private static readonly object TrimLock = new object();
        private static long _clock;

        public sealed class Seen
        {
            internal Seen(JobSummary job, long order)
            {
                JobId = job.JobId;
                Type = job.Type;
                Status = job.Status;
                Order = order;
            }

            public Guid JobId { get; }
            public string? Type { get; }
            public string? Status { get; }
            internal long Order { get; }
        }

        public static void Remember(JobSummary job)
        {
            Jobs[job.JobId] = new Seen(job, System.Threading.Interlocked.Increment(ref _clock));
            if (Jobs.Count > Capacity + Slack) Trim();
        }

        private static void Trim()
        {
            lock (TrimLock)
            {
                var excess = Jobs.Count - Capacity;
                if (excess <= Slack) return;   // another thread trimmed first
                foreach (var old in Jobs.Values.OrderBy(s => s.Order).Take(excess).ToList())
                    Jobs.TryRemove(old.JobId, out _);
            }
        }

        /// <summary>Most recently seen first.</summary>
        public static IEnumerable<Seen> Recent() => Jobs.Values.OrderByDescending(s => s.Order);

        internal static void Forget() => Jobs.Clear();
    }
}
