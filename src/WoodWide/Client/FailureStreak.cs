using System;
using System.Collections.Generic;

namespace WoodWide.Client
{
    /// <summary>
    /// The fault model's classifier, for the requests of one command: tells a failure about one item from a failure
    /// about the server. A failure that may pass and says nothing of the server by itself (a 5xx, a 429, a body that
    /// is not the API's) is about its item, until the same kind of failure has met <see cref="Threshold"/> different
    /// targets in a row with no other answer between them; from then on it is about the server (every request meets
    /// it), and <see cref="WwApiException.Repeated"/> says so. A success, or any answer the API gives of its own
    /// (a 404 for one job), ends the streak. Thread-safe: concurrent requests report to it as each ends.
    /// </summary>
    /// <remarks>
    /// One 500 is a bug in the handling of one job more often than an outage: it must not cost the other items
    /// anything. Three different items failing the same way, with nothing answered between, is the server.
    /// Connection failures, timeouts and a rejected key need no streak: they are about the server by their nature
    /// (the error catalogue's scope says so).
    /// </remarks>
    public sealed class FailureStreak
    {
        /// <summary>How many different targets in a row make a failure about the server.</summary>
        public const int Threshold = 3;

        private readonly object _gate = new object();
        private readonly HashSet<string> _targets = new HashSet<string>(StringComparer.Ordinal);
        private WwErrorKind? _kind;

        /// <summary>True while the last request to end met a failure that could start a streak: the next get fewer tries.</summary>
        public bool Holds
        {
            get { lock (_gate) return _kind != null; }
        }

        /// <summary>The failures that a streak is made of: transient, and not about the server by themselves.</summary>
        public static bool Counts(WwApiException error) =>
            (error.Kind == WwErrorKind.ServerError || error.Kind == WwErrorKind.RateLimited || error.Kind == WwErrorKind.InvalidResponse)
            && error.IsTransient
            // A 404 about the path itself (no such route: most likely a wrong -BaseUri) for different items in a row.
            || error.Kind == WwErrorKind.NotFound && error.Resource == ApiResource.Path;

        /// <summary>A request ended with an answer: the server works.</summary>
        public void Answered()
        {
            lock (_gate)
            {
                _targets.Clear();
                _kind = null;
            }
        }

        /// <summary>
        /// A request to <paramref name="target"/> ended with <paramref name="error"/>, after its retries: marks it
        /// <see cref="WwApiException.Repeated"/> when it makes a streak. An error that is the API's own answer ends one.
        /// </summary>
        public void Failed(string target, WwApiException error)
        {
            if (!Counts(error))
            {
                if (error.StatusCode != null && error.Kind != WwErrorKind.RedirectRefused) Answered();
                return;
            }
            lock (_gate)
            {
                if (_kind != error.Kind)
                {
                    _targets.Clear();
                    _kind = error.Kind;
                }
                _targets.Add(target);
                error.Repeated = _targets.Count >= Threshold;
            }
        }
    }
}
