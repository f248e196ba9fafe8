using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using WoodWide.Model;
using WoodWide.Waiting;

namespace WoodWide.Ci
{
    /// <summary>
    /// A wait as Markdown for a CI run's summary page: the outcomes, then a table of each job's type, status, duration,
    /// credits, a training's metrics and the API's message. Pure text.
    /// </summary>
    public static class CiSummary
    {
        /// <summary>The most rows a table gets; the heading counts every job.</summary>
        public const int MaxRows = 1000;

        public static string Markdown(WaitPolicy policy, int maxRows = MaxRows)
        {
            var jobs = policy.Jobs;
            var text = new StringBuilder();
            text.Append("### Wait-WwJob: ").Append(jobs.Count == 1 ? "1 job" : jobs.Count.ToString(CultureInfo.InvariantCulture) + " jobs")
                .Append(", ").Append(WaitLog.Outcomes(policy)).Append(" (").Append(WaitLog.Clock(policy.Now - policy.StartedAt)).Append(")\n\n");
            text.Append("| Job | Type | Status | Duration | Credits | Metrics | Message |\n");
            text.Append("| --- | --- | --- | --- | ---: | --- | --- |\n");
            foreach (var job in jobs.Take(maxRows)) text.Append(Row(job)).Append('\n');
            if (jobs.Count > maxRows)
                text.Append('\n').Append(string.Format(CultureInfo.InvariantCulture, "… and {0} more jobs, counted above.", jobs.Count - maxRows)).Append('\n');
            return text.Append('\n').ToString();
        }

        /// <summary>One job's row.</summary>
        public static string Row(JobWatch job)
        {
            var detail = job.Latest;
            var cells = new[]
            {
                "`" + job.JobId + "`",
                Cell(detail?.Type ?? string.Empty),
                Cell(Status(job)),
                detail?.Duration is TimeSpan took ? WaitLog.Clock(took) : string.Empty,
                detail?.CreditsConsumed is double c ? c.ToString("0.##", CultureInfo.InvariantCulture) : string.Empty,
                Cell(string.Equals(detail?.Type, JobTypes.Train, StringComparison.Ordinal) ? Metrics(detail!.Output) : string.Empty),
                Cell(detail?.ErrorMessage ?? job.Failure?.Message ?? string.Empty),
            };
            return "| " + string.Join(" | ", cells) + " |";
        }

        /// <summary>How the wait for the job ended, as the closing line counts it; with its last status when it did not end.</summary>
        public static string Status(JobWatch job)
        {
            var label = WaitLog.Label(job);
            return job.Outcome == WaitOutcome.Ended || job.Latest?.Status is not string last ? label : $"{label} ({last})";
        }

        /// <summary>"accuracy=0.931, f1=0.874": the metrics of a training's output, as the API gave them.</summary>
        public static string Metrics(object? output)
        {
            if (output is not IDictionary map || !map.Contains("metrics") || map["metrics"] is not IDictionary metrics) return string.Empty;
            var parts = new List<string>();
            foreach (DictionaryEntry entry in metrics)
                parts.Add(string.Format(CultureInfo.InvariantCulture, "{0}={1}", entry.Key, entry.Value is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : entry.Value));
            return string.Join(", ", parts);
        }

        /// <summary>Text that stays in its cell: no line breaks, no pipe that ends it, no markup.</summary>
        public static string Cell(string text) => text.Replace("\r\n", " ").Replace('\r', ' ').Replace('\n', ' ')
            .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("|", "\\|");
    }
}
