using System;
using System.Globalization;

namespace WoodWide.Ci
{
    /// <summary>
    /// Azure Pipelines' logging commands (<c>##vso[task.logissue type=error]</c>, <c>##vso[task.setprogress]</c>,
    /// <c>##vso[task.uploadsummary]</c>) and formatting commands (<c>##[group]</c>). A summary is a Markdown file of the
    /// step's own, in the agent's temp folder, that the runner is told of.
    /// </summary>
    public sealed class AzureDialect : CiDialect
    {
        private readonly Func<string, string?> _environment;

        public AzureDialect(Func<string, string?> environment) => _environment = environment;

        public override CiKind Kind => CiKind.Azure;

        public override string GroupStart(string title) => "##[group]" + OneLine(title);

        public override string GroupEnd() => "##[endgroup]";

        /// <summary>Azure's issue has no title: it starts the message.</summary>
        public override string Error(string title, string message) => "##vso[task.logissue type=error]" + Data(title + ": " + message);

        public override string? Progress(int percent, string text) =>
            string.Format(CultureInfo.InvariantCulture, "##vso[task.setprogress value={0};]{1}", Math.Max(0, Math.Min(100, percent)), Data(text));

        public override SummaryTarget? Summary(string fileName)
        {
            var folder = _environment("AGENT_TEMPDIRECTORY") is string temp && temp.Trim().Length > 0 ? temp : System.IO.Path.GetTempPath();
            var path = System.IO.Path.Combine(folder, fileName);
            return new SummaryTarget(path, append: false, line: "##vso[task.uploadsummary]" + Data(path));
        }

        /// <summary>A command's data, as the agent's task library escapes it: %, CR and LF.</summary>
        public static string Data(string text) => (text ?? string.Empty).Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A");

        /// <summary>A formatting command takes no escapes: its text is kept to one line.</summary>
        private static string OneLine(string text) => (text ?? string.Empty).Replace("\r", " ").Replace("\n", " ");
    }
}
