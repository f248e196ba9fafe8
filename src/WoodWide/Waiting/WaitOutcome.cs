namespace WoodWide.Waiting
{
    /// <summary>How the wait for one job ended.</summary>
    public enum WaitOutcome
    {
        /// <summary>Still waiting.</summary>
        Pending,
        /// <summary>The job reached a status it never leaves: see <see cref="JobWatch.End"/>.</summary>
        Ended,
        /// <summary>
        /// The job could not be polled: a failure retrying cannot fix (404), or polls that kept failing while the server
        /// answered others. See <see cref="JobWatch.Failure"/>.
        /// </summary>
        Error,
        /// <summary>The timeout came first.</summary>
        TimedOut,
        /// <summary>No longer waited for: -Any was satisfied, -FailFast triggered, or the server could not be reached.</summary>
        Abandoned,
    }
}
