using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WoodWide.Client;

namespace WoodWide.Commands
{
    /// <summary>
    /// Every condition WoodWide reports, with its category and scope: the index the README's error table is checked
    /// against, and the one place that turns a failed request into its ErrorId.
    /// </summary>
    internal static class ErrorCatalog
    {
        private const string PerItem = "per item";
        private const string PerJob = "per job";
        private const string EndsCommand = "ends the command";
        private const string ServerWide = "ends the command: every other request would meet it too (a wait rides it out once the server has answered)";

        public static readonly IReadOnlyList<ErrorEntry> All = new[]
        {
            new ErrorEntry(ErrorIds.InvalidJobId, ErrorCategory.InvalidArgument, "an id is not a UUID", PerItem),
            new ErrorEntry(ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, "parameters that contradict each other", EndsCommand),
            new ErrorEntry(ErrorIds.FileNotFound, ErrorCategory.ObjectNotFound, "a file to upload is not there", PerItem),
            new ErrorEntry(ErrorIds.InvalidFile, ErrorCategory.InvalidArgument, "a file to upload is a folder, empty or unreadable", PerItem),
            new ErrorEntry(ErrorIds.JobNotFound, ErrorCategory.ObjectNotFound, "404 for a job", PerItem),
            new ErrorEntry(ErrorIds.DatasetNotFound, ErrorCategory.ObjectNotFound, "404 for a dataset", PerItem),
            new ErrorEntry(ErrorIds.ModelNotFound, ErrorCategory.ObjectNotFound, "404 for a model", PerItem),
            new ErrorEntry(ErrorIds.ResultNotFound, ErrorCategory.ObjectNotFound, "404 for a job's results (not ready yet)", PerItem),
            new ErrorEntry(ErrorIds.NotFound, ErrorCategory.ObjectNotFound, "404 for a path the API should have (a wrong -BaseUri)", PerItem),
            new ErrorEntry(ErrorIds.InvalidRequest, ErrorCategory.InvalidArgument, "400, 422", PerItem),
            new ErrorEntry(ErrorIds.QuotaExceeded, ErrorCategory.QuotaExceeded, "402", PerItem),
            new ErrorEntry(ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, "403", PerItem),
            new ErrorEntry(ErrorIds.Conflict, ErrorCategory.ResourceExists, "409", PerItem),
            new ErrorEntry(ErrorIds.DatasetExists, ErrorCategory.ResourceExists, "a dataset of that name already exists (400)", PerItem),
            new ErrorEntry(ErrorIds.RateLimited, ErrorCategory.LimitsExceeded, "429", PerItem),
            new ErrorEntry(ErrorIds.ServiceUnavailable, ErrorCategory.ResourceUnavailable, "5xx, after the retries", ServerWide),
            new ErrorEntry(ErrorIds.UnexpectedStatus, ErrorCategory.ProtocolError, "any other HTTP status", PerItem),
            new ErrorEntry(ErrorIds.InvalidResponse, ErrorCategory.InvalidData,
                "not the JSON the API documents (an HTML proxy page, truncated JSON)", PerItem),
            new ErrorEntry(ErrorIds.RequestTimeout, ErrorCategory.OperationTimeout, "no answer within -RequestTimeoutSec (60 s)", PerItem),
            new ErrorEntry(ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, "server unreachable (refused, DNS, TLS), after the retries", ServerWide),
            new ErrorEntry(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, "401", EndsCommand),
            new ErrorEntry(ErrorIds.ApiKeyMissing, ErrorCategory.AuthenticationError, "no key anywhere", EndsCommand),
            new ErrorEntry(ErrorIds.ApiKeyEmpty, ErrorCategory.AuthenticationError, "an empty -ApiKey", EndsCommand),
            new ErrorEntry(ErrorIds.InvalidBaseUri, ErrorCategory.InvalidArgument, "a base URI that is not an absolute http(s) URI", EndsCommand),
            new ErrorEntry(ErrorIds.InsecureBaseUri, ErrorCategory.InvalidArgument, "`http://` to a remote host", EndsCommand),
            new ErrorEntry(ErrorIds.JobFailed, ErrorCategory.InvalidResult, "(Wait-WwJob) the job failed", PerJob),
            new ErrorEntry(ErrorIds.JobCanceled, ErrorCategory.OperationStopped, "(Wait-WwJob) the job was canceled", PerJob),
            new ErrorEntry(ErrorIds.JobRejected, ErrorCategory.InvalidOperation, "(Wait-WwJob) the job was rejected", PerJob),
            new ErrorEntry(ErrorIds.JobTimeout, ErrorCategory.OperationTimeout, "(Wait-WwJob) the timeout came first", PerJob),
        };

        private static readonly Dictionary<string, ErrorEntry> ById = All.ToDictionary(e => e.Id, StringComparer.Ordinal);

        public static ErrorEntry Get(string id) =>
            ById.TryGetValue(id, out var entry) ? entry : throw new ArgumentException($"'{id}' is not in the error catalogue.", nameof(id));

        /// <summary>The ErrorId of a failed request: by what went wrong, and for a 404 by what was asked for.</summary>
        public static string IdOf(WwApiException e) => e.Kind switch
        {
            WwErrorKind.Authentication => ErrorIds.AuthenticationFailed,
            WwErrorKind.PermissionDenied => ErrorIds.PermissionDenied,
            WwErrorKind.NotFound => e.Resource switch
            {
                ApiResource.Job => ErrorIds.JobNotFound,
                ApiResource.Dataset => ErrorIds.DatasetNotFound,
                ApiResource.Model => ErrorIds.ModelNotFound,
                ApiResource.Result => ErrorIds.ResultNotFound,
                _ => ErrorIds.NotFound,
            },
            WwErrorKind.InvalidRequest => ErrorIds.InvalidRequest,
            WwErrorKind.QuotaExceeded => ErrorIds.QuotaExceeded,
            WwErrorKind.Conflict => ErrorIds.Conflict,
            WwErrorKind.RateLimited => ErrorIds.RateLimited,
            WwErrorKind.ServerError => ErrorIds.ServiceUnavailable,
            WwErrorKind.UnexpectedStatus => ErrorIds.UnexpectedStatus,
            WwErrorKind.InvalidResponse => ErrorIds.InvalidResponse,
            WwErrorKind.Timeout => ErrorIds.RequestTimeout,
            WwErrorKind.Connection => ErrorIds.ConnectionFailed,
            _ => ErrorIds.UnexpectedStatus,
        };
    }
}
