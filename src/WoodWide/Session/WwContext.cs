using System;

namespace WoodWide.Session
{
    /// <summary>What the next WoodWide call will use: where, and where its key comes from. Never the key itself.</summary>
    public sealed class WwContext
    {
        public WwContext(Uri baseUri, string keySource, DateTimeOffset? connectedAt, string? reached)
        {
            BaseUri = baseUri;
            KeySource = keySource;
            ConnectedAt = connectedAt;
            Reached = reached;
        }

        public Uri BaseUri { get; }

        /// <summary>Session, Environment or None.</summary>
        public string KeySource { get; }

        /// <summary>When Connect-WwAccount checked the key; null when there is no session.</summary>
        public DateTimeOffset? ConnectedAt { get; }

        /// <summary>What the check found at the other end.</summary>
        public string? Reached { get; }

        public override string ToString() => $"{BaseUri} (key: {KeySource})";
    }
}
