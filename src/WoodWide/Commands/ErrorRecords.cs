using System;
using System.Globalization;
using System.Management.Automation;
using WoodWide.Client;
using WoodWide.Model;
using WoodWide.Session;
using WoodWide.Waiting;

namespace WoodWide.Commands
{
    /// <summary>
    /// The one factory of WoodWide's ErrorRecords: the ErrorId and category from <see cref="ErrorCatalog"/>, the
    /// API's own message in the text, what to do about it, and the object it is about as the target.
    /// </summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord Make(string errorId, Exception exception, object? target, string? advice = null, string? message = null) =>
            new ErrorRecord(exception, errorId, ErrorCatalog.Get(errorId).Category, target)
            {
                ErrorDetails = new ErrorDetails(message ?? exception.Message) { RecommendedAction = advice },
            };

        /// <summary>A failed request; <paramref name="subject"/> ("Job 6f1c…") starts the text when there is one.</summary>
        public static ErrorRecord ForRequest(WwApiException e, object? target, string? subject)
        {
            var id = ErrorCatalog.IdOf(e);
            return Make(id, e, target, Advice(e, id), subject is null ? null : $"{subject}: {e.Message}");
        }

        public static ErrorRecord InvalidJobId(string? text)
        {
            var shown = text is null ? "(null)" : text.Length == 0 ? "(empty)" : $"'{text}'";
            var message = $"{shown} is not a job id. Job ids are UUIDs, like 3f2504e0-4f89-41d3-9a0c-0305e82c3301.";
            return Make(ErrorIds.InvalidJobId, new ArgumentException(message), text, "Pass the job_id the API returned.");
        }

        public static ErrorRecord ForConnection(ConnectionException e) => Make(e.ErrorId, e, null);

        public static ErrorRecord InvalidArgument(string message, object? target) =>
            Make(ErrorIds.InvalidArgument, new ArgumentException(message), target);

        /// <summary>How a waited-for job ended without success: its own ErrorId per end, the JobDetail as target.</summary>
        public static ErrorRecord ForJobEnd(JobDetail job, JobEnd end)
        {
            var reason = string.IsNullOrEmpty(job.ErrorMessage) ? string.Empty : ": " + job.ErrorMessage;
            return end switch
            {
                JobEnd.Failed => Make(ErrorIds.JobFailed, new WwJobException(job, $"{Name(job.JobId, job)} failed{reason}"), job,
                    "See the job's error_message; fix its input and start it again."),
                JobEnd.Canceled => Make(ErrorIds.JobCanceled, new WwJobException(job, $"{Name(job.JobId, job)} was canceled{reason}"), job),
                JobEnd.Rejected => Make(ErrorIds.JobRejected, new WwJobException(job, $"{Name(job.JobId, job)} was rejected{reason}"), job,
                    "Check the account's credits and the job's input."),
                _ => throw new ArgumentOutOfRangeException(nameof(end), end, "A job that succeeded is no error."),
            };
        }

        public static ErrorRecord ForTimeout(JobWatch job, TimeSpan? limit)
        {
            var detail = job.Latest;
            var state = detail is null ? "no answer yet" : detail.Status + (detail.Progress is double p ? ", " + WaitLog.Percent(p) : string.Empty);
            var within = limit is TimeSpan t ? string.Format(CultureInfo.InvariantCulture, "{0:0.###} s", t.TotalSeconds) : "the timeout";
            return Make(ErrorIds.JobTimeout, new TimeoutException($"{Name(job.JobId, detail)} did not finish within {within} (last seen: {state})."),
                (object?)detail ?? job.JobId.ToString(), "Wait longer with -Timeout (-1 waits for ever); the job itself goes on.");
        }

        private static string Name(Guid id, JobSummary? job) => job?.Type is string type ? $"{type} job {id}" : $"Job {id}";

        private static string? Advice(WwApiException e, string id)
        {
            if (e.RetryAfter is TimeSpan wait && (e.Kind == WwErrorKind.RateLimited || e.Kind == WwErrorKind.ServerError))
                return string.Format(CultureInfo.InvariantCulture, "The server asked for a pause: try again in {0} s.", Math.Ceiling(wait.TotalSeconds));
            return id switch
            {
                ErrorIds.AuthenticationFailed => "Check the key given by -ApiKey, Connect-WwAccount or the WOODWIDE_API_KEY environment variable.",
                ErrorIds.PermissionDenied => "Use a key that may see this.",
                ErrorIds.JobNotFound => "Check the job id; jobs of other accounts are not visible.",
                ErrorIds.DatasetNotFound => "Check the dataset id (Get-WwDataset lists them).",
                ErrorIds.ModelNotFound => "Check the model id (Get-WwModel lists them).",
                ErrorIds.ResultNotFound => "Results exist once the job has succeeded: Wait-WwJob first.",
                ErrorIds.NotFound => "Check -BaseUri or WOODWIDE_BASE_URL: the server there has no such path, so it may not be the Wood Wide API.",
                ErrorIds.QuotaExceeded => "Add credits to the Wood Wide account.",
                ErrorIds.RateLimited => "Slow down and try again.",
                ErrorIds.ServiceUnavailable => "Try again later.",
                ErrorIds.InvalidResponse => "Check -BaseUri or WOODWIDE_BASE_URL: it should be the Wood Wide API.",
                ErrorIds.RequestTimeout => "Check the network and -BaseUri, or allow longer with -RequestTimeoutSec.",
                ErrorIds.ConnectionFailed => "Check the network and -BaseUri, then try again.",
                _ => null,
            };
        }
    }
}
