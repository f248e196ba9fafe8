namespace WoodWide.Waiting
{
    /// <summary>Which state lines a wait writes (Wait-WwJob -Lines).</summary>
    public enum WaitLines
    {
        /// <summary>Changes where the bars are not drawn, or for a few jobs; Ends under the bars of many.</summary>
        Auto,
        /// <summary>A line for every change of a job's state (queued, running, succeeded).</summary>
        Changes,
        /// <summary>A line for each job's end only.</summary>
        Ends,
    }

    /// <summary>
    /// The rule for the state lines. Where output is redirected (a CI log) the bars are not drawn and the lines are the
    /// whole story, so every change has its line. Where the host draws the bars, they show the changes as they happen,
    /// and a line per change for many jobs piles up under them: a few jobs (no more than there are job bars) keep
    /// every change, more keep a line per end. The closing count is written either way.
    /// </summary>
    public static class StateLines
    {
        /// <summary>How many jobs still get a line per change under the bars: as many as have a bar of their own.</summary>
        public const int FewJobs = ProgressBoard.DefaultJobBars;

        /// <summary>What <paramref name="chosen"/> means here: Changes or Ends, never Auto.</summary>
        public static WaitLines Resolve(WaitLines chosen, bool barsDrawn, int jobs) => chosen switch
        {
            WaitLines.Changes => WaitLines.Changes,
            WaitLines.Ends => WaitLines.Ends,
            _ => !barsDrawn || jobs <= FewJobs ? WaitLines.Changes : WaitLines.Ends,
        };
    }
}
