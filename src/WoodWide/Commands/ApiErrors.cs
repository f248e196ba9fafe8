using System;
using System.Management.Automation;
using WoodWide.Client;

namespace WoodWide.Commands
{
    /// <summary>Turns client failures into ErrorRecords: one ErrorId and category per condition, the API's message in the text.</summary>
    internal static class ApiErrors
    {
        public static ErrorRecord ToErrorRecord(WwApiException e, object? target, string? jobId)
        {
            var (errorId, category) = Classify(e.Kind);
            var record = new ErrorRecord(e, errorId, category, target);
            var subject = jobId is null ? string.Empty : $"Job {jobId}: ";
            record.ErrorDetails = new ErrorDetails(subject + e.Message) { RecommendedAction = Advice(e) };
            return record;
        }

        public static (string ErrorId, ErrorCategory Category) Classify(WwErrorKind kind) => kind switch
        {
            WwErrorKind.Authentication => ("WwAuthenticationFailed", ErrorCategory.AuthenticationError),
            WwErrorKind.PermissionDenied => ("WwPermissionDenied", ErrorCategory.PermissionDenied),
            WwErrorKind.NotFound => ("WwJobNotFound", ErrorCategory.ObjectNotFound),
            WwErrorKind.InvalidRequest => ("WwInvalidRequest", ErrorCategory.InvalidArgument),
            WwErrorKind.QuotaExceeded => ("WwQuotaExceeded", ErrorCategory.QuotaExceeded),
            WwErrorKind.Conflict => ("WwConflict", ErrorCategory.ResourceExists),
            WwErrorKind.RateLimited => ("WwRateLimited", ErrorCategory.LimitsExceeded),
            WwErrorKind.ServerError => ("WwServiceUnavailable", ErrorCategory.ResourceUnavailable),
            WwErrorKind.UnexpectedStatus => ("WwUnexpectedStatus", ErrorCategory.ProtocolError),
            WwErrorKind.InvalidResponse => ("WwInvalidResponse", ErrorCategory.InvalidData),
            WwErrorKind.Timeout => ("WwRequestTimeout", ErrorCategory.OperationTimeout),
            WwErrorKind.Connection => ("WwConnectionFailed", ErrorCategory.ConnectionError),
            _ => ("WwApiError", ErrorCategory.InvalidOperation),
        };

        private static string? Advice(WwApiException e) => e.Kind switch
        {
            WwErrorKind.Authentication => "Check the key given by -ApiKey or the WOODWIDE_API_KEY environment variable.",
            WwErrorKind.PermissionDenied => "Use a key that may see this job.",
            WwErrorKind.NotFound => "Check the job id; jobs of other accounts are not visible.",
            WwErrorKind.QuotaExceeded => "Add credits to the Wood Wide account.",
            WwErrorKind.RateLimited => e.RetryAfter is TimeSpan wait
                ? $"Try again in {Math.Ceiling(wait.TotalSeconds)} s."
                : "Slow down and try again.",
            WwErrorKind.ServerError => "Try again later.",
            WwErrorKind.InvalidResponse => "Check -BaseUri or WOODWIDE_BASE_URL: it should be the Wood Wide API.",
            WwErrorKind.Timeout or WwErrorKind.Connection => "Check the network and -BaseUri, then try again.",
            _ => null,
        };
    }
}
