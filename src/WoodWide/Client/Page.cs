using System;
using System.Collections.Generic;

namespace WoodWide.Client
{
    /// <summary>One page of a listing, and how to ask for the next one, if there is one.</summary>
    public sealed class Page<T>
    {
        public List<T> Items { get; } = new List<T>();

        /// <summary>A link to the next page (absolute, or relative to the base URI), when the API gave one.</summary>
        public string? NextLink { get; set; }

        /// <summary>A query parameter that asks for the next page (e.g. cursor=…), when the API gave a token.</summary>
        public KeyValuePair<string, string>? NextParameter { get; set; }

        public bool HasNext => NextLink != null || NextParameter != null;

        /// <summary>Names the next page, so a caller can tell a server that hands back one it gave before.</summary>
        public string? NextKey => NextLink ?? NextParameter?.ToString();

        /// <summary>Where the page after <paramref name="previous"/> of the listing at <paramref name="path"/> is: its link, or the path with its token.</summary>
        public static string After(string path, Page<T>? previous) =>
            previous?.NextLink ?? path + (previous?.NextParameter is KeyValuePair<string, string> next
                ? "?" + next.Key + "=" + Uri.EscapeDataString(next.Value) : string.Empty);
    }
}
