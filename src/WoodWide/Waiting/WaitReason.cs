namespace WoodWide.Waiting
{
    /// <summary>Why the wait for a job (or for all of them) ended: carried by every <see cref="WaitEventKind.Ended"/> event.</summary>
    public enum WaitReason
    {
        /// <summary>The job reached a status it never leaves.</summary>
        JobEnded,
        /// <summary>A poll failed in a way retrying cannot fix.</summary>
        PollFailed,
        /// <summary>The timeout (the event's Limit) came first.</summary>
        TimedOut,
        /// <summary>Another job ended and -Any was given.</summary>
        AnyJobEnded,
        /// <summary>Another job failed and -FailFast was given.</summary>
        FailFast,
        /// <summary>The server never answered a poll within the grace (the event's Limit): the whole wait ends.</summary>
        Unreachable,
        /// <summary>A fault about the server or the key that will not pass (a rejected key, a refused redirect): the whole wait ends.</summary>
        ServerFault,
        /// <summary>The timeout (the event's Limit) came while the server gave no answer (since the event's Since): the whole wait ends.</summary>
        ServerDark,
    }
}
