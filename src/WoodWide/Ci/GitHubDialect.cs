using System;

namespace WoodWide.Ci
{
    /// <summary>
    /// GitHub Actions' workflow commands (<c>::error title=…::message</c>, <c>::group::</c>) and the step summary, a file
    /// named by GITHUB_STEP_SUMMARY that steps append Markdown to.
    /// </summary>
    public sealed class GitHubDialect : CiDialect
    {
        private readonly Func<string, string?> _environment;

        public GitHubDialect(Func<string, string?> environment) => _environment = environment;

        public override CiKind Kind => CiKind.GitHub;

        public override string GroupStart(string title) => "::group::" + Data(title);

        public override string GroupEnd() => "::endgroup::";

        public override string Error(string title, string message) => $"::error title={Property(title)}::{Data(message)}";

        public override SummaryTarget? Summary(string fileName) =>
            _environment("GITHUB_STEP_SUMMARY") is string path && path.Trim().Length > 0 ? new SummaryTarget(path, append: true, line: null) : null;

        /// <summary>A command's data: %, CR and LF escaped, so a message is one line and nothing in it reads as an escape.</summary>
        public static string Data(string text) => (text ?? string.Empty).Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

        /// <summary>A property's value: as data, and : and , too, which end a property.</summary>
        public static string Property(string text) => Data(text).Replace(":", "%3A").Replace(",", "%2C");
    }
}
