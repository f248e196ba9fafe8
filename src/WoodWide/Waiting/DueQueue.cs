using System;
using System.Collections.Generic;

namespace WoodWide.Waiting
{
    /// <summary>
    /// The jobs of a wait by when each is next due: a binary heap, so taking the due ones and finding the next wake
    /// cost a logarithm of the number of jobs, not a scan of them all. A job scheduled again leaves its old entry
    /// behind, marked stale by its version, and it is dropped when it comes to the top.
    /// </summary>
    internal sealed class DueQueue
    {
        private readonly List<(DateTimeOffset At, int Index, int Version)> _heap = new List<(DateTimeOffset, int, int)>();
        private readonly Func<int, JobWatch> _job;

        public DueQueue(Func<int, JobWatch> job) => _job = job;

        public int Count => _heap.Count;

        /// <summary>Puts <paramref name="job"/> in line for <see cref="JobWatch.NextPollAt"/>; any earlier entry goes stale.</summary>
        public void Schedule(JobWatch job)
        {
            job.QueueVersion++;
            _heap.Add((job.NextPollAt, job.Index, job.QueueVersion));
            Up(_heap.Count - 1);
        }

        /// <summary>The job due soonest, or null when none is waiting; stale entries on top are dropped on the way.</summary>
        public JobWatch? Peek()
        {
            while (_heap.Count > 0)
            {
                var top = _heap[0];
                var job = _job(top.Index);
                if (top.Version == job.QueueVersion && job.IsPending && !job.InFlight) return job;
                Pop();
            }
            return null;
        }

        public void Pop()
        {
            var last = _heap.Count - 1;
            _heap[0] = _heap[last];
            _heap.RemoveAt(last);
            if (_heap.Count > 0) Down(0);
        }

        private static bool Before((DateTimeOffset At, int Index, int Version) a, (DateTimeOffset At, int Index, int Version) b) =>
            a.At < b.At || (a.At == b.At && a.Index < b.Index);

        private void Up(int i)
        {
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (!Before(_heap[i], _heap[parent])) return;
                (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
                i = parent;
            }
        }

        private void Down(int i)
        {
            while (true)
            {
                var left = 2 * i + 1;
                if (left >= _heap.Count) return;
                var smallest = left + 1 < _heap.Count && Before(_heap[left + 1], _heap[left]) ? left + 1 : left;
                if (!Before(_heap[smallest], _heap[i])) return;
                (_heap[i], _heap[smallest]) = (_heap[smallest], _heap[i]);
                i = smallest;
            }
        }
    }
}
