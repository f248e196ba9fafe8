using System;
using System.Collections.Generic;
using System.Globalization;
using WoodWide.Waiting;

namespace WoodWide.Ci
{
    /// <summary>
    /// What a wait tells the CI system it runs under, through the writers given: its lines in a collapsible group, an
    /// error annotation for each job that failed or timed out, the step's progress where the system shows one, and a
    /// summary of every job. No PowerShell types: the cmdlet gives it its log line writer (on the pipeline thread) and
    /// the file writer.
    /// </summary>
    public sealed class CiLog
    {
        private readonly CiDialect _dialect;
        private readonly Action<string> _line;
        private readonly Action<string, string, bool> _file;
        private int _percent = -1;
        private bool _open;

        /// <param name="line">Writes one line to the step's output, where the runner reads it.</param>
        /// <param name="file">Writes text to a file (path, text, append).</param>
        public CiLog(CiDialect dialect, Action<string> line, Action<string, string, bool> file)
        {
            _dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
            _line = line ?? throw new ArgumentNullException(nameof(line));
            _file = file ?? throw new ArgumentNullException(nameof(file));
        }

        public CiDialect Dialect => _dialect;

        /// <summary>"Wait-WwJob: train 6f1c…" is not known yet at the start: "Wait-WwJob: job 6f1c…", "Wait-WwJob: 300 jobs".</summary>
        public static string Title(IReadOnlyList<JobWatch> jobs) => jobs.Count == 1
            ? "Wait-WwJob: job " + jobs[0].JobId
            : string.Format(CultureInfo.InvariantCulture, "Wait-WwJob: {0} jobs", jobs.Count);

        /// <summary>Opens the group the wait's lines go in.</summary>
        public void Start(WaitPolicy policy)
        {
            _line(_dialect.GroupStart(Title(policy.Jobs)));
            _open = true;
        }

        /// <summary>
        /// An error annotation for a job that failed, was canceled or rejected, or timed out: titled with its type and
        /// outcome, its text the error's own (the job id, its type and the API's message).
        /// </summary>
        public void Failed(JobWatch job, string message) => _line(_dialect.Error(FailureTitle(job), message));

        /// <summary>"Wood Wide train failed", "Wood Wide train timed out".</summary>
        public static string FailureTitle(JobWatch job) => $"Wood Wide {job.Latest?.Type ?? "job"} {WaitLog.Label(job)}";

        /// <summary>The step's progress follows the top bar (the overall one, or the one job's), once per change.</summary>
        public void Bars(IReadOnlyList<BarUpdate> bars)
        {
            foreach (var bar in bars)
                if (!bar.Completed && bar.ParentActivityId == -1 && bar.PercentComplete >= 0) Progress(bar.PercentComplete, bar.Activity);
        }

        /// <summary>
        /// Closes the group, moves the progress to the share of jobs ended, and writes the summary. A summary that cannot
        /// be written is no failure of the wait: its reason is returned, for a warning.
        /// </summary>
        public string? End(WaitPolicy policy, string fileName)
        {
            // The file first: a stopped pipeline takes no more lines, and the summary is still worth having.
            string? problem = null;
            var target = _dialect.Summary(fileName);
            if (target != null)
            {
                try
                {
                    _file(target.Path, CiSummary.Markdown(policy), target.Append);
                }
                catch (Exception e) when (e is System.IO.IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
                {
                    problem = $"The CI summary could not be written to {target.Path}: {e.Message}";
                    target = null;
                }
            }
            if (_open)
            {
                _open = false;
                _line(_dialect.GroupEnd());
            }
            var total = policy.Jobs.Count;
            if (total > 0) Progress((int)(100L * (total - policy.Pending) / total), Title(policy.Jobs));
            if (target?.Line != null) _line(target.Line);
            return problem;
        }

        /// <summary>The file writer of a real wait: UTF-8 without a byte order mark, added to the end or replacing the file.</summary>
        public static void WriteFile(string path, string text, bool append)
        {
            var utf8 = new System.Text.UTF8Encoding(false);
            if (append) System.IO.File.AppendAllText(path, text, utf8);
            else System.IO.File.WriteAllText(path, text, utf8);
        }

        private void Progress(int percent, string text)
        {
            if (percent == _percent) return;
            if (_dialect.Progress(percent, text) is string line)
            {
                _percent = percent;
                _line(line);
            }
        }
    }
}
