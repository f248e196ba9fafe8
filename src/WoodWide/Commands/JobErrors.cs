using System;
using System.Globalization;
using System.Management.Automation;
using WoodWide.Model;
using WoodWide.Waiting;

namespace WoodWide.Commands
{
    /// <summary>ErrorRecords for how a waited-for job ended: its own ErrorId per outcome, the JobDetail as target.</summary>
    internal static class JobErrors
    {
        public static ErrorRecord? ForOutcome(JobWatch job, TimeSpan? timeout)
        {
            var detail = job.Latest;
            var name = detail?.Type is string type ? $"{type} job {job.JobId}" : $"Job {job.JobId}";
            var reason = string.IsNullOrEmpty(detail?.ErrorMessage) ? string.Empty : ": " + detail!.ErrorMessage;
            switch (job.Outcome)
            {
                case JobOutcome.Failed:
                    return Make(new WwJobException(job, $"{name} failed{reason}"), "WwJobFailed", ErrorCategory.InvalidResult,
                        detail, "See the job's error_message; fix its input and start it again.");
                case JobOutcome.Canceled:
                    return Make(new WwJobException(job, $"{name} was canceled{reason}"), "WwJobCanceled", ErrorCategory.OperationStopped,
                        detail, null);
                case JobOutcome.Rejected:
                    return Make(new WwJobException(job, $"{name} was rejected{reason}"), "WwJobRejected", ErrorCategory.InvalidOperation,
                        detail, "Check the account's credits and the job's input.");
                case JobOutcome.TimedOut:
                    var state = detail is null ? "no answer yet" : detail.Status + (detail.Progress is double p
                        ? string.Format(CultureInfo.InvariantCulture, ", {0:0.#}%", p) : string.Empty);
                    var limit = timeout is TimeSpan t ? string.Format(CultureInfo.InvariantCulture, "{0:0.###} s", t.TotalSeconds) : "the timeout";
                    return Make(new TimeoutException($"{name} did not finish within {limit} (last seen: {state})."),
                        "WwJobTimeout", ErrorCategory.OperationTimeout, (object?)detail ?? job.JobId.ToString(),
                        "Wait longer with -Timeout (-1 waits for ever); the job itself goes on.");
                default:
                    return null;
            }
        }

        private static ErrorRecord Make(Exception e, string id, ErrorCategory category, object? target, string? advice) =>
            new ErrorRecord(e, id, category, target) { ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = advice } };
    }

    /// <summary>A job that ended without success: carries its last JobDetail for scripts that catch it.</summary>
    public sealed class WwJobException : Exception
    {
        public WwJobException(JobWatch job, string message) : base(message) => Job = job.Latest;

        public JobDetail? Job { get; }
    }
}
