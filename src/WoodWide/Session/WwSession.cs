using System;
using WoodWide.Client;

namespace WoodWide.Session
{
    /// <summary>
    /// The key and base URI a user connected with for this process (Connect-WwAccount). Process-wide on purpose:
    /// thread jobs and ForEach-Object -Parallel runspaces see it too. Replaced whole, never mutated, so readers on
    /// other threads always see a consistent pair.
    /// </summary>
    public sealed class WwSession
    {
        private static volatile WwSession? _current;

        public WwSession(ApiKey? apiKey, Uri? baseUri, DateTimeOffset? connectedAt = null, string? reached = null)
        {
            ApiKey = apiKey;
            BaseUri = baseUri;
            ConnectedAt = connectedAt;
            Reached = reached;
        }

        public DateTimeOffset? ConnectedAt { get; }

        public string? Reached { get; }

        public static WwSession? Current
        {
            get => _current;
            internal set => _current = value;
        }

        public ApiKey? ApiKey { get; }
        public Uri? BaseUri { get; }
    }
}
