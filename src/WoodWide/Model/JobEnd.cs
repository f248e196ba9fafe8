namespace WoodWide.Model
{
    /// <summary>How a job ended: the four statuses it never leaves (see <see cref="JobStatuses.EndOf"/>).</summary>
    public enum JobEnd
    {
        Succeeded,
        Failed,
        Canceled,
        Rejected,
    }
}
