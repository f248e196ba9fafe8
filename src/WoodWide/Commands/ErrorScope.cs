namespace WoodWide.Commands
{
    /// <summary>
    /// What a condition is about, and so what it does to the rest of the work: the fault model, one value per entry of
    /// <see cref="ErrorCatalog"/>, obeyed by one path (<see cref="WwCmdlet.Report"/>).
    /// </summary>
    public enum ErrorScope
    {
        /// <summary>About one item (a job, a file, a model): that item's non-terminating error; the next items go on.</summary>
        Item,

        /// <summary>
        /// About one item, until several different items in a row meet it with no answer between them
        /// (<see cref="Client.FailureStreak"/>; for a wait, the wait's own policy): then about the server.
        /// </summary>
        ItemUnlessRepeated,

        /// <summary>
        /// About the server or the credentials: nothing more is sent; every answer already received is written, and the
        /// command ends with one error that counts (and lists, as its target) the items it did not do.
        /// </summary>
        Server,

        /// <summary>About how the command was called (its parameters, the key, the base URI): it ends before any request.</summary>
        Command,
    }
}
