using System;
using System.Collections.Generic;
using WoodWide.Model;

namespace WoodWide.Waiting
{
    /// <summary>
    /// One pass over the job listing, page by page, refreshing many pending jobs per request: its bookkeeping only
    /// (which wanted jobs it has seen, whether the listing's order has held, when to stop). Pure: the policy feeds it
    /// pages and acts on what it says.
    /// </summary>
    /// <remarks>
    /// It stops once every job it wants has been seen, at the listing's end, at a page it was given before, after
    /// <see cref="MaxItems"/> items, or, while the listing has been newest first all along (checked item by item, and
    /// never trusted again in a wait once broken), once the pages have gone past the oldest wanted job's created_at.
    /// </remarks>
    public sealed class Sweep
    {
        private readonly HashSet<int> _wanted;
        private readonly HashSet<Guid> _listed = new HashSet<Guid>();
        private readonly HashSet<string> _pageKeys = new HashSet<string>(StringComparer.Ordinal);
        private readonly DateTimeOffset? _oldestWanted;
        private DateTimeOffset? _lastCreated;

        internal Sweep(DateTimeOffset startedAt, HashSet<int> wanted, DateTimeOffset? oldestWanted, bool orderTrusted)
        {
            StartedAt = startedAt;
            _wanted = wanted;
            WantedAtStart = wanted.Count;
            _oldestWanted = oldestWanted;
            OrderHeld = orderTrusted;
            // However the listing behaves, a sweep's pages are no more than a quarter of the GETs it stands for (a page
            // holds up to 100 jobs): the last few hundred jobs of a wait of thousands are listed among the thousands ended.
            MaxItems = 25 * wanted.Count + 200;
        }

        public DateTimeOffset StartedAt { get; }

        /// <summary>When the last page was asked for: a job answered by its own GET after this has a fresher word.</summary>
        internal DateTimeOffset PageAskedAt { get; set; }

        /// <summary>What to pass for the next page; null before the first page.</summary>
        public object? After { get; private set; }

        public int Pages { get; private set; }

        public int ItemsRead { get; private set; }

        public int WantedAtStart { get; }

        /// <summary>Wanted jobs this sweep has seen (each once).</summary>
        public int Refreshed { get; private set; }

        /// <summary>Wanted jobs this sweep found listed as ended (each then fetched by its own GET).</summary>
        public int EndsListed { get; internal set; }

        /// <summary>Jobs this sweep saw still going whose ETA gives an end: each gets its own GET, aimed just after it.</summary>
        public int Aimed { get; internal set; }

        /// <summary>True for the sweep at the deadline that stands for the last looks: the jobs it still looks for do not time out yet.</summary>
        public bool IsFinal { get; internal set; }

        /// <summary>True while this sweep still looks for the wait's job <paramref name="index"/>.</summary>
        internal bool Wants(int index) => _wanted.Contains(index);

        /// <summary>False when a page failed and the sweep ended there.</summary>
        public bool Completed { get; private set; } = true;

        /// <summary>True while every listed job so far came no newer than the one before it (and each had a created_at).</summary>
        public bool OrderHeld { get; private set; }

        /// <summary>The wanted jobs still unseen (pending ones: a job whose wait ended is taken out).</summary>
        internal IEnumerable<int> Unseen => _wanted;

        public int MaxItems { get; }

        /// <summary>True once the sweep should ask for no more pages.</summary>
        public bool IsDone { get; private set; }

        /// <summary>
        /// Reads one listed job, checking the order as it goes: true the first time this sweep lists it, false for a job
        /// listed again (a page that shifted as new jobs arrived). <paramref name="index"/> is the wait's own for its jobs.
        /// </summary>
        internal bool See(JobSummary item, int? index)
        {
            ItemsRead++;
            if (item.CreatedAt is not DateTimeOffset created) OrderHeld = false;
            else
            {
                if (_lastCreated is DateTimeOffset last && created > last) OrderHeld = false;
                _lastCreated = created;
            }
            if (!_listed.Add(item.JobId)) return false;
            if (index is int i && _wanted.Remove(i)) Refreshed++;
            return true;
        }

        /// <summary>A wanted job's wait ended meanwhile: it is no longer looked for.</summary>
        internal void Forget(int index) => _wanted.Remove(index);

        /// <summary>After a page's items: whether to go on, and from where.</summary>
        internal void PageRead(ListedPage page)
        {
            Pages++;
            After = page.Next;
            var repeated = page.NextKey != null && !_pageKeys.Add(page.NextKey);
            var pastOldest = OrderHeld && _oldestWanted is DateTimeOffset oldest && _lastCreated is DateTimeOffset last && last < oldest;
            if (_wanted.Count == 0 || page.Next is null || repeated || pastOldest || ItemsRead >= MaxItems) IsDone = true;
        }

        /// <summary>A page failed: the sweep ends where it is.</summary>
        internal void Abort()
        {
            IsDone = true;
            Completed = false;
        }

        public override string ToString() => $"sweep: {Pages} page(s), {Refreshed} of {WantedAtStart} seen, {EndsListed} listed as ended, {Aimed} aimed at their ETA, order {(OrderHeld ? "held" : "not held")}";
    }
}
