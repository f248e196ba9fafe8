using System.Collections.Generic;
using WoodWide.Model;

namespace WoodWide.Waiting
{
    /// <summary>
    /// One page of the job listing, in the wait's terms: the jobs listed, in the listing's order, and how to ask for the
    /// next page (opaque to the wait; null when there is none). The wait knows nothing of HTTP or of the cursor's form.
    /// </summary>
    public sealed class ListedPage
    {
        public ListedPage(IReadOnlyList<JobSummary> items, object? next, string? nextKey)
        {
            Items = items;
            Next = next;
            NextKey = nextKey;
        }

        public IReadOnlyList<JobSummary> Items { get; }

        /// <summary>What the caller needs to fetch the next page; null at the listing's end.</summary>
        public object? Next { get; }

        /// <summary>Names the next page, so a sweep can tell a server that hands back a page it gave before.</summary>
        public string? NextKey { get; }
    }
}
