using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WoodWide.Client;

namespace WoodWide.Commands
{
    /// <summary>
    /// Every condition WoodWide reports, with its category and scope: what the about_WoodWide_Errors help topic
    /// lists (the help build reads it), and the one place that turns a failed request into its ErrorId.
    /// </summary>
    internal static class ErrorCatalog
    {
        private const ErrorScope PerItem = ErrorScope.Item;
        private const ErrorScope UnlessRepeated = ErrorScope.ItemUnlessRepeated;
        private const ErrorScope AboutServer = ErrorScope.Server;
        private const ErrorScope EndsCommand = ErrorScope.Command;

        private const string CheckBaseUri = "Check -BaseUri or WOODWIDE_BASE_URL: it should be the Wood Wide API (https://api.woodwide.ai), or an emulator on this machine.";

        public static readonly IReadOnlyList<ErrorEntry> All = new[]
        {
            new ErrorEntry(ErrorIds.InvalidJobId, ErrorCategory.InvalidArgument, "a job id is not a UUID", PerItem,
                "Pass the job_id the API returned."),
            new ErrorEntry(ErrorIds.InvalidDatasetId, ErrorCategory.InvalidArgument, "a dataset or dataset version id is not a UUID", PerItem,
                "Pass the dataset's id (or its version's) as New-WwDataset or Get-WwDataset wrote it."),
            new ErrorEntry(ErrorIds.InvalidModelId, ErrorCategory.InvalidArgument, "a model or model version id is not a UUID", PerItem,
                "Pass the model's id (or its version's) as Start-WwTraining or Get-WwModel wrote it."),
            new ErrorEntry(ErrorIds.InvalidArgument, ErrorCategory.InvalidArgument, "parameters that contradict each other", EndsCommand,
                "Change one of the parameters the message names."),
            new ErrorEntry(ErrorIds.InputIncomplete, ErrorCategory.InvalidArgument,
                "an input lacks what the command needs (the data to train or score), or wants what another took (one -OutFile)", PerItem,
                "Give what the message names for that input."),
            new ErrorEntry(ErrorIds.FileNotFound, ErrorCategory.ObjectNotFound, "a file to upload is not there", PerItem,
                "Check the path, relative to the current location. In -Path, * ? [ ] are wildcards; -LiteralPath takes a name as written."),
            new ErrorEntry(ErrorIds.InvalidFile, ErrorCategory.InvalidArgument, "a file to upload is a folder, empty or unreadable", PerItem,
                "Pass a file that has data and that this account may read."),
            new ErrorEntry(ErrorIds.FileExists, ErrorCategory.ResourceExists, "-OutFile names a file that is there, with -NoClobber", PerItem,
                "Give -OutFile another path, or leave out -NoClobber to replace the file."),
            new ErrorEntry(ErrorIds.JobNotFound, ErrorCategory.ObjectNotFound, "404 for a job", PerItem,
                "Check the job id; jobs of other accounts are not visible."),
            new ErrorEntry(ErrorIds.DatasetNotFound, ErrorCategory.ObjectNotFound, "404 for a dataset", PerItem,
                "Check the dataset id (Get-WwDataset lists them)."),
            new ErrorEntry(ErrorIds.ModelNotFound, ErrorCategory.ObjectNotFound, "404 for a model", PerItem,
                "Check the model id (Get-WwModel lists them)."),
            new ErrorEntry(ErrorIds.ResultNotFound, ErrorCategory.ObjectNotFound, "a job has no results (it failed, or it is not an inference)", PerItem,
                "Only a succeeded inference job started with Start-WwInference has results to fetch; Invoke-WwInference's rows come in its answer."),
            new ErrorEntry(ErrorIds.ResultNotReady, ErrorCategory.ResourceUnavailable, "a job's results are asked for before it has succeeded", PerItem,
                "Wait for the job first: Wait-WwJob -Id <job id> | Get-WwJobResult"),
            new ErrorEntry(ErrorIds.ResultNeedsOutFile, ErrorCategory.InvalidOperation, "results in a binary format (parquet) asked for as rows", PerItem,
                "Save them with -OutFile, e.g. Get-WwJobResult -Id <job id> -OutFile results.parquet; or start the inference with -OutputType csv or json."),
            new ErrorEntry(ErrorIds.NotFound, ErrorCategory.ObjectNotFound, "404 for a path the API should have (a wrong -BaseUri)", UnlessRepeated,
                CheckBaseUri),
            new ErrorEntry(ErrorIds.InvalidRequest, ErrorCategory.InvalidArgument, "400, 422", PerItem,
                "Correct what the API's message names, then try again."),
            new ErrorEntry(ErrorIds.QuotaExceeded, ErrorCategory.QuotaExceeded, "402", PerItem,
                "Add credits to the Wood Wide account."),
            new ErrorEntry(ErrorIds.PermissionDenied, ErrorCategory.PermissionDenied, "403", AboutServer,
                "Use a key that may see and do this."),
            new ErrorEntry(ErrorIds.Conflict, ErrorCategory.ResourceExists, "409", PerItem,
                "See what the API's message says is in the way, then try again."),
            new ErrorEntry(ErrorIds.DatasetExists, ErrorCategory.ResourceExists, "a dataset of that name already exists (400)", PerItem,
                "Add the file as a version of that dataset with -DatasetId, or give another -Name."),
            new ErrorEntry(ErrorIds.ModelExists, ErrorCategory.ResourceExists, "a model of that name already exists (409)", PerItem,
                "Give another -Name: model names are unique in the account."),
            new ErrorEntry(ErrorIds.DatasetNotReady, ErrorCategory.ResourceUnavailable, "the dataset has no ready version yet (409)", PerItem,
                "Wait for its ingest job to end (Get-WwJob -Type dataset_ingest -First 5 | Wait-WwJob), then run this again; if it failed, upload the file again."),
            new ErrorEntry(ErrorIds.ModelNotReady, ErrorCategory.ResourceUnavailable, "the model has no ready version yet (409)", PerItem,
                "Wait for its training job to end (Get-WwJob -Type train -First 5 | Wait-WwJob); if it failed, see its error and retrain the model with Start-WwTraining -ModelId."),
            new ErrorEntry(ErrorIds.InputNotReady, ErrorCategory.ResourceUnavailable, "a piped-in job has not succeeded (it failed, or has not finished)", PerItem,
                "Pipe it through Wait-WwJob first if it has not ended; one that failed has to be fixed and started again."),
            new ErrorEntry(ErrorIds.RateLimited, ErrorCategory.LimitsExceeded, "429", UnlessRepeated,
                "Slow down and try again."),
            new ErrorEntry(ErrorIds.ServiceUnavailable, ErrorCategory.ResourceUnavailable, "5xx, after the retries", UnlessRepeated,
                "Try again later."),
            new ErrorEntry(ErrorIds.UnexpectedStatus, ErrorCategory.ProtocolError, "any other HTTP status", PerItem,
                CheckBaseUri),
            new ErrorEntry(ErrorIds.InvalidResponse, ErrorCategory.InvalidData,
                "not the JSON the API documents (an HTML proxy page, truncated JSON)", UnlessRepeated, CheckBaseUri),
            new ErrorEntry(ErrorIds.RequestTimeout, ErrorCategory.OperationTimeout, "no answer within -RequestTimeoutSec (60 s)", AboutServer,
                "Check the network and -BaseUri, or allow longer with -RequestTimeoutSec."),
            new ErrorEntry(ErrorIds.RedirectRefused, ErrorCategory.SecurityError,
                "a redirect to another origin, where the key is withheld (and refused), to plain http, or more than 5 in a row", AboutServer,
                "If the origin it named is the API's new address and you trust it, use it as -BaseUri; WoodWide never takes the key to another origin by itself."),
            new ErrorEntry(ErrorIds.ConnectionFailed, ErrorCategory.ConnectionError, "server unreachable (refused, DNS, TLS), after the retries", AboutServer,
                "Check the network and -BaseUri, then try again."),
            new ErrorEntry(ErrorIds.AuthenticationFailed, ErrorCategory.AuthenticationError, "401", AboutServer,
                "Check the key given by -ApiKey, Connect-WwAccount or the WOODWIDE_API_KEY environment variable."),
            new ErrorEntry(ErrorIds.ApiKeyMissing, ErrorCategory.AuthenticationError, "no key anywhere", EndsCommand,
                "Pass -ApiKey, run Connect-WwAccount, or set the WOODWIDE_API_KEY environment variable."),
            new ErrorEntry(ErrorIds.ApiKeyEmpty, ErrorCategory.AuthenticationError, "an empty -ApiKey", EndsCommand,
                "Pass the key itself, e.g. -ApiKey (Get-Secret WoodWideApiKey), or leave -ApiKey out to use the session's or the environment's."),
            new ErrorEntry(ErrorIds.InvalidBaseUri, ErrorCategory.InvalidArgument, "a base URI that is not an absolute http(s) URI", EndsCommand,
                "Give an absolute https URI, such as https://api.woodwide.ai, with no user name or password in it."),
            new ErrorEntry(ErrorIds.InsecureBaseUri, ErrorCategory.InvalidArgument, "`http://` to a remote host", EndsCommand,
                "Use https for any remote host; plain http is only for an emulator on this machine (127.0.0.1)."),
            new ErrorEntry(ErrorIds.JobFailed, ErrorCategory.InvalidResult, "(Wait-WwJob) the job failed", PerItem,
                "See the job's error_message; fix its input and start it again."),
            new ErrorEntry(ErrorIds.JobCanceled, ErrorCategory.OperationStopped, "(Wait-WwJob) the job was canceled", PerItem,
                "Start the job again if its result is still wanted."),
            new ErrorEntry(ErrorIds.JobRejected, ErrorCategory.InvalidOperation, "(Wait-WwJob) the job was rejected", PerItem,
                "Check the account's credits and the job's input."),
            new ErrorEntry(ErrorIds.JobTimeout, ErrorCategory.OperationTimeout, "(Wait-WwJob) the timeout came first", PerItem,
                "Wait longer with -Timeout (-1 waits for ever); the job itself goes on."),
        };

        private static readonly Dictionary<string, ErrorEntry> ById = All.ToDictionary(e => e.Id, StringComparer.Ordinal);

        /// <summary>
        /// What a record is about: its condition's scope, where a failure about one item that several items in a row met
        /// (<see cref="WwApiException.Repeated"/>) is about the server.
        /// </summary>
        public static ErrorScope ScopeOf(ErrorRecord record)
        {
            var scope = Get(IdOf(record)).Scope;
            if (scope != ErrorScope.ItemUnlessRepeated) return scope;
            return record.Exception is WwApiException { Repeated: true } ? ErrorScope.Server : ErrorScope.Item;
        }

        /// <summary>The ErrorId a record was made with (its FullyQualifiedErrorId gains the command's name once written).</summary>
        public static string IdOf(ErrorRecord record)
        {
            var id = record.FullyQualifiedErrorId;
            var comma = id.IndexOf(',');
            return comma < 0 ? id : id.Substring(0, comma);
        }

        public static ErrorEntry Get(string id) =>
            ById.TryGetValue(id, out var entry) ? entry : throw new ArgumentException($"'{id}' is not in the error catalogue.", nameof(id));

        /// <summary>The ErrorId of a failed request: by what went wrong, and for a 404 by what was asked for.</summary>
        public static string IdOf(WwApiException e) => e.Kind switch
        {
            WwErrorKind.Authentication => ErrorIds.AuthenticationFailed,
            WwErrorKind.PermissionDenied => ErrorIds.PermissionDenied,
            WwErrorKind.NotFound => NotFoundId(e),
            // The API answers a taken dataset name with 400, not 409.
            WwErrorKind.InvalidRequest => e.Resource == ApiResource.Dataset ? NameTakenId(e) ?? ErrorIds.InvalidRequest : ErrorIds.InvalidRequest,
            WwErrorKind.QuotaExceeded => ErrorIds.QuotaExceeded,
            WwErrorKind.Conflict => ConflictId(e),
            WwErrorKind.RateLimited => ErrorIds.RateLimited,
            WwErrorKind.ServerError => ErrorIds.ServiceUnavailable,
            WwErrorKind.UnexpectedStatus => ErrorIds.UnexpectedStatus,
            WwErrorKind.InvalidResponse => ErrorIds.InvalidResponse,
            WwErrorKind.Timeout => ErrorIds.RequestTimeout,
            WwErrorKind.Connection => ErrorIds.ConnectionFailed,
            WwErrorKind.RedirectRefused => ErrorIds.RedirectRefused,
            _ => ErrorIds.UnexpectedStatus,
        };

        /// <summary>
        /// What a 404 is about: the API's message names it when a request involves two things (an inference on a dataset
        /// that is not there: "Dataset not found"); else what the request was for. A 404 without the API's word is the path's.
        /// </summary>
        private static string NotFoundId(WwApiException e)
        {
            if (e.Resource != ApiResource.Path && e.Detail is string detail)
            {
                if (detail.StartsWith("Dataset", StringComparison.OrdinalIgnoreCase)) return ErrorIds.DatasetNotFound;
                if (detail.StartsWith("Model", StringComparison.OrdinalIgnoreCase)) return ErrorIds.ModelNotFound;
                if (detail.StartsWith("Job", StringComparison.OrdinalIgnoreCase)) return ErrorIds.JobNotFound;
            }
            return e.Resource switch
            {
                ApiResource.Job => ErrorIds.JobNotFound,
                ApiResource.Dataset => ErrorIds.DatasetNotFound,
                ApiResource.Model => ErrorIds.ModelNotFound,
                ApiResource.Result => ErrorIds.ResultNotFound,
                _ => ErrorIds.NotFound,
            };
        }

        /// <summary>
        /// What a 409 is about, from the API's message (its only word on it): a name that is taken, or data or a model
        /// that is not ready yet; else a conflict in general.
        /// </summary>
        private static string ConflictId(WwApiException e)
        {
            if (NameTakenId(e) is string taken) return taken;
            if (Says(e, "ready") && Says(e, "dataset")) return ErrorIds.DatasetNotReady;
            if (Says(e, "ready")) return ErrorIds.ModelNotReady;
            return ErrorIds.Conflict;
        }

        /// <summary>A name that is taken, when the API's message says so: a dataset's on a dataset request, else a model's.</summary>
        private static string? NameTakenId(WwApiException e) =>
            Says(e, "already exists") ? e.Resource == ApiResource.Dataset ? ErrorIds.DatasetExists : ErrorIds.ModelExists : null;

        private static bool Says(WwApiException e, string words) => e.Detail?.IndexOf(words, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
