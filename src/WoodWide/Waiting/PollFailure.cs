using System;

namespace WoodWide.Waiting
{
    /// <summary>
    /// A poll that failed, in the terms the waiting policy acts on. The caller classifies its own failures into this
    /// (the wait knows nothing of HTTP) and keeps the original as <see cref="Cause"/> for its error report.
    /// </summary>
    public sealed class PollFailure
    {
        public PollFailure(string message, bool isTransient, TimeSpan? retryAfter = null, bool isAboutServer = false, object? cause = null,
            bool isRateLimited = false, bool isNotFound = false)
        {
            IsRateLimited = isRateLimited;
            IsNotFound = isNotFound;
            Message = message;
            IsTransient = isTransient;
            RetryAfter = retryAfter;
            IsAboutServer = isAboutServer;
            Cause = cause;
        }

        public string Message { get; }

        /// <summary>The same poll may succeed later: the job is polled again, within the timeout.</summary>
        public bool IsTransient { get; }

        /// <summary>How long the server asked us to wait before the next poll, when it did.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>
        /// About the server or the credentials by its nature, whatever the job (no connection, no answer in time, a
        /// rejected key): it never makes one job "unpollable". One that will not pass (a key refused) ends the whole wait.
        /// </summary>
        public bool IsAboutServer { get; }

        /// <summary>The server said too many requests (a 429): about every poll of the wait, not this job.</summary>
        public bool IsRateLimited { get; }

        /// <summary>The API said there is no such job (404): its wait ends as "not found", not as one that could not be polled.</summary>
        public bool IsNotFound { get; }

        /// <summary>The caller's own record of the failure (its exception), passed back for its error report.</summary>
        public object? Cause { get; }

        public override string ToString() => Message;
    }
}
