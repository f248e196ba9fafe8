namespace WoodWide.Waiting
{
    /// <summary>What a <see cref="WaitEvent"/> is about.</summary>
    public enum WaitEventKind
    {
        /// <summary>The job's status changed to one it may still leave (or was seen for the first time: From is null).</summary>
        StateChanged,
        /// <summary>The job waits for its data upload; said once per job.</summary>
        WaitingForUpload,
        /// <summary>A poll failed in a way that may pass; it will be retried after Delay.</summary>
        Retrying,
        /// <summary>
        /// Polls of the job have failed Count times in a row while the server answered others (WaitOptions.WarnAfterFailures);
        /// said once per streak.
        /// </summary>
        Struggling,
        /// <summary>
        /// No poll of any job has been answered for WaitOptions.UnansweredWarning (since Since): said once per outage. Before
        /// any answer, Limit is how long until the wait gives up on the server; after one, the wait rides it out.
        /// </summary>
        Unanswered,
        /// <summary>The server answers again after an outage that was warned of (it began at Since).</summary>
        AnswersAgain,
        /// <summary>The wait for this job is over: Reason says why, From and To the last change of status.</summary>
        Ended,
        /// <summary>A poll met the server's rate limit: every poll waits Delay, and the pace is Pace a second.</summary>
        Throttled,
        /// <summary>The progress bars to draw now (Bars).</summary>
        Progress,
        /// <summary>Polls were answered and changed nothing worth a word: the caller's turn to write what it queued meanwhile.</summary>
        Answered,

        /// <summary>
        /// A sweep of the job listing ended (all its pages read, or cut short): <see cref="WaitEvent.Sweep"/> says what it
        /// saw, and <see cref="WaitEvent.Note"/> why sweeps stop for the rest of the wait, when this one stopped them.
        /// </summary>
        Swept,
    }
}
