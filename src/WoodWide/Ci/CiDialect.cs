namespace WoodWide.Ci
{
    /// <summary>
    /// One CI system's words: the lines its runner reads from a step's output (a group, an error annotation, progress)
    /// and where a step's summary goes. Pure text; writing the lines and the file is <see cref="CiLog"/>'s.
    /// </summary>
    public abstract class CiDialect
    {
        public abstract CiKind Kind { get; }

        /// <summary>The line that opens a collapsible group of log lines.</summary>
        public abstract string GroupStart(string title);

        /// <summary>The line that closes it.</summary>
        public abstract string GroupEnd();

        /// <summary>The line that makes an error annotation, shown on the run's summary page.</summary>
        public abstract string Error(string title, string message);

        /// <summary>The line that sets the step's progress; null where the system has none.</summary>
        public virtual string? Progress(int percent, string text) => null;

        /// <summary>Where a summary in Markdown goes; null when the step has no summary (no file named for it).</summary>
        /// <param name="fileName">A name of its own for a summary file the dialect makes, where it makes one.</param>
        public abstract SummaryTarget? Summary(string fileName);
    }

    /// <summary>A file to write a step summary to, whether to append to it, and a line to write once it is written.</summary>
    public sealed class SummaryTarget
    {
        public SummaryTarget(string path, bool append, string? line)
        {
            Path = path;
            Append = append;
            Line = line;
        }

        public string Path { get; }

        /// <summary>True: the file is the step's own, shared with other writers; add to its end.</summary>
        public bool Append { get; }

        /// <summary>The line that tells the runner of the file, after it is written; null when the runner reads it itself.</summary>
        public string? Line { get; }
    }
}
