using WoodWide.Text;
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
        /// <summary>
        /// A record of <paramref name="errorId"/>: its category from the catalogue, the exception's text (the whole text a
        /// user sees, so that <c>$_.Exception.Message</c> says what the console said) also as its display form, and the
        /// advice as its recommended action.
        /// </summary>
        public static ErrorRecord Make(string errorId, Exception exception, object? target, string? advice = null)
        {
            var entry = ErrorCatalog.Get(errorId);
            return new ErrorRecord(exception, errorId, entry.Category, target)
            {
                ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = advice ?? entry.Advice },
            };
        }

        /// <summary>
        /// A failed request; <paramref name="subject"/> ("Job 6f1c…") starts the text when there is one, and
        /// <paramref name="added"/> (what became of it) ends it, with its own <paramref name="advice"/>.
        /// </summary>
        public static ErrorRecord ForRequest(WwApiException e, object? target, string? subject, string? added = null, string? advice = null)
        {
            var text = subject is null ? e.Message : $"{subject}: {e.Message}";
            if (added != null) text = $"{Wording.Sentence(text)} {added}";
            return Make(ErrorCatalog.IdOf(e), text == e.Message ? e : e.WithMessage(text), target, advice ?? PauseAdvice(e));
        }

        /// <summary>
        /// The one error that ends a command stopped by a fault about the server: the fault's own text, then
        /// <paramref name="stopped"/> (what it did not do), with the items it did not do as its target.
        /// </summary>
        public static ErrorRecord Stopped(ErrorRecord cause, object[] notDone, string stopped)
        {
            var text = $"{Wording.Sentence(cause.Exception.Message)} {stopped}";
            Exception exception = cause.Exception is WwApiException api ? api.WithMessage(text) : new InvalidOperationException(text, cause.Exception);
            // The items not done, to run again; one on its own, not in an array of one; none left: the item whose
            // request met the fault (an upload the server may have taken), never an empty array.
            var target = notDone.Length switch { 0 => cause.TargetObject, 1 => notDone[0], _ => (object)notDone };
            return Make(ErrorCatalog.IdOf(cause), exception, target, cause.ErrorDetails?.RecommendedAction);
        }

        /// <summary>
        /// An id that is not one (<see cref="Ids"/>), of a job, a dataset or a model (or a version of either): that
        /// item's error, its text the target.
        /// </summary>
        public static ErrorRecord InvalidId(string what, string? text) =>
            Make(what.StartsWith("dataset", StringComparison.Ordinal) ? ErrorIds.InvalidDatasetId
                    : what.StartsWith("model", StringComparison.Ordinal) ? ErrorIds.InvalidModelId
                    : ErrorIds.InvalidJobId,
                new ArgumentException(Ids.NotAnId(what, text)), text);

        public static ErrorRecord ForConnection(ConnectionException e) => Make(e.ErrorId, e, e.Target);

        public static ErrorRecord InvalidArgument(string message, object? target) =>
            Make(ErrorIds.InvalidArgument, new ArgumentException(message), target);

        public static ErrorRecord InputIncomplete(string message, object? target) =>
            Make(ErrorIds.InputIncomplete, new ArgumentException(message), target);

        /// <summary>How a waited-for job ended without success: its own ErrorId per end, the JobDetail as target.</summary>
        public static ErrorRecord ForJobEnd(JobDetail job, JobEnd end)
        {
            var reason = string.IsNullOrEmpty(job.ErrorMessage) ? string.Empty : ": " + job.ErrorMessage;
            return end switch
            {
                JobEnd.Failed => Make(ErrorIds.JobFailed, new WwJobException(job, $"{Name(job.JobId, job)} failed{reason}"), job),
                JobEnd.Canceled => Make(ErrorIds.JobCanceled, new WwJobException(job, $"{Name(job.JobId, job)} was canceled{reason}"), job),
                JobEnd.Rejected => Make(ErrorIds.JobRejected, new WwJobException(job, $"{Name(job.JobId, job)} was rejected{reason}"), job),
                _ => throw new ArgumentOutOfRangeException(nameof(end), end, "A job that succeeded is no error."),
            };
        }

        public static ErrorRecord ForTimeout(JobWatch job, TimeSpan? limit)
        {
            var detail = job.Latest;
            var state = detail is null ? "no answer yet" : detail.Status + (detail.Progress is double p ? ", " + Wording.Percent(p) : string.Empty);
            var within = limit is TimeSpan t ? string.Format(CultureInfo.InvariantCulture, "{0:0.###} s", t.TotalSeconds) : "the timeout";
            return Make(ErrorIds.JobTimeout, new TimeoutException($"{Name(job.JobId, detail)} did not finish within {within} (last seen: {state})."),
                (object?)detail ?? job.JobId.ToString());
        }

        /// <summary>"train job 6f1c…", or "Job 6f1c…" when its type is not known.</summary>
        internal static string Name(Guid id, JobSummary? job) => job?.Type is string type ? $"{type} job {id}" : $"Job {id}";

        /// <summary>When the server said how long to wait, that is the advice; otherwise the catalogue's stands.</summary>
        private static string? PauseAdvice(WwApiException e) =>
            e.RetryAfter is TimeSpan wait && (e.Kind == WwErrorKind.RateLimited || e.Kind == WwErrorKind.ServerError)
                ? string.Format(CultureInfo.InvariantCulture, "The server asked for a pause: try again in {0} s.", Math.Ceiling(wait.TotalSeconds))
                : null;
    }
}
