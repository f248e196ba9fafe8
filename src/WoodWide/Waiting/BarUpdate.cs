namespace WoodWide.Waiting
{
    /// <summary>One progress bar as it should be drawn: plain data, turned into a ProgressRecord by the cmdlet.</summary>
    public sealed class BarUpdate
    {
        public int ActivityId { get; internal set; }
        public int ParentActivityId { get; internal set; } = -1;
        public string Activity { get; internal set; } = string.Empty;
        public string Status { get; internal set; } = string.Empty;
        public int PercentComplete { get; internal set; } = -1;
        public int SecondsRemaining { get; internal set; } = -1;
        public bool Completed { get; internal set; }

        public override string ToString() =>
            $"#{ActivityId}<{ParentActivityId} {Activity} | {Status} | {PercentComplete}% {SecondsRemaining}s{(Completed ? " completed" : "")}";
    }
}
