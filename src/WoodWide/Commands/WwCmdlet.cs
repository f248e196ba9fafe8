using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WoodWide.Client;
using WoodWide.Completion;
using WoodWide.Model;
using WoodWide.Session;

namespace WoodWide.Commands
{
    /// <summary>
    /// The base of every WoodWide cmdlet that talks to the API: resolves the key and base URI, owns cancellation
    /// (Ctrl+C cancels every request and delay), turns failures into ErrorRecords, and keeps all Write* calls on the
    /// pipeline thread.
    /// </summary>
    public abstract class WwCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly ConcurrentQueue<RequestTrace> _traces = new ConcurrentQueue<RequestTrace>();
        private WwTransport? _transport;
        private JobsClient? _jobs;
        private DatasetsClient? _datasets;
        private ModelsClient? _models;
        private InferenceClient? _inference;

        /// <summary>The API key. Defaults to the session's (Connect-WwAccount), then to $env:WOODWIDE_API_KEY.</summary>
        [Parameter]
        [ValidateNotNull]
        [Secret]
        public SecureString? ApiKey { get; set; }

        /// <summary>The API root. Defaults to the session's, then to $env:WOODWIDE_BASE_URL, then https://api.woodwide.ai.</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? BaseUri { get; set; }

        /// <summary>Seconds one HTTP request may take before it is an OperationTimeout error (default 60).</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public double RequestTimeoutSec { get; set; } = WwConnection.DefaultRequestTimeout.TotalSeconds;

        protected CancellationToken CancelToken => _cancel.Token;

        /// <summary>HTTP requests sent so far, retries included.</summary>
        protected int RequestsSent { get; private set; }

        /// <summary>Requests the transport sent again after a transient failure.</summary>
        protected int RequestsRetried { get; private set; }

        protected WwTransport Transport => _transport ?? throw new InvalidOperationException("BeginProcessing has not run.");

        protected JobsClient Jobs => _jobs ??= new JobsClient(Transport);

        private protected DatasetsClient Datasets => _datasets ??= new DatasetsClient(Transport);

        private protected ModelsClient Models => _models ??= new ModelsClient(Transport);

        private protected InferenceClient Inference => _inference ??= new InferenceClient(Transport);

        private System.Collections.Generic.HashSet<string>? _commandLine;

        protected override void BeginProcessing()
        {
            // Before any record, only the command line's parameters are bound: what is bound later came from the pipeline.
            _commandLine = new System.Collections.Generic.HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            Connect(ApiKey, WwSession.Current);
        }

        /// <summary>True when <paramref name="parameter"/> was bound from the object piped in, not given on the command line.</summary>
        protected bool FromPipeline(string parameter) =>
            MyInvocation.BoundParameters.ContainsKey(parameter) && _commandLine != null && !_commandLine.Contains(parameter);

        /// <summary>
        /// Refuses, before any request, a piped-in job (or upload, training, model) that has not succeeded, when it is
        /// what the next step would use (one of <paramref name="parameters"/> came from it): a failed training must not
        /// be sent on to an inference, only to fail there for a reason that hides the first. True when refused.
        /// </summary>
        protected bool RefusePipedInput(string? status, string step, params string[] parameters)
        {
            if (status is null || JobStatuses.Is(status, JobStatuses.Succeeded) || JobStatuses.Is(status, "ready")) return false;
            if (!Array.Exists(parameters, FromPipeline)) return false;
            var ended = JobStatuses.IsTerminal(status);
            var message = ended
                ? $"{step}: what was piped in {status}, so there is nothing to go on with. Its own error says why; fix that and run it again."
                : $"{step}: what was piped in is still {status}. Wait for it first: ... | Wait-WwJob | {MyInvocation.MyCommand.Name} ...";
            WriteError(ErrorRecords.Make(ErrorIds.InputNotReady, new InvalidOperationException(message), status));
            return true;
        }

        /// <summary>
        /// Resolves the key and base URI (this key, else the session's, else the environment's) and makes
        /// <see cref="Transport"/> use them; a key or URI that cannot be used ends the command.
        /// </summary>
        protected void Connect(SecureString? apiKey, WwSession? session)
        {
            HostInfo.Capture(this);
            WwConnection connection;
            try
            {
                connection = ConnectionResolver.Resolve(apiKey, BaseUri, session, Environment.GetEnvironmentVariable,
                    TimeSpan.FromSeconds(RequestTimeoutSec));
            }
            catch (ConnectionException e)
            {
                CommandEnd.With(this, ErrorRecords.ForConnection(e));
                return;
            }
            _transport = new WwTransport(connection) { Traced = _traces.Enqueue };
            _jobs = null;
            _datasets = null;
            _models = null;
            _inference = null;
        }

        protected override void StopProcessing() => _cancel.Cancel();

        /// <summary>Waits for a client call on the pipeline thread, then writes what it traced.</summary>
        protected T Await<T>(Task<T> task)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                WriteTraces();
            }
        }

        /// <summary>
        /// Reports a failed request about one item: non-terminating, so the rest of the pipeline goes on; but a rejected
        /// key, an unreachable server or a 5xx that outlasted the retries fails every later request too, so those end
        /// the command (the catalogue's scope), unless <paramref name="serverWideEnds"/> is false for a caller that
        /// rides them out itself (a wait).
        /// </summary>
        protected void WriteRequestError(WwApiException e, object? target, string? subject, bool serverWideEnds = true)
        {
            var record = ErrorRecords.ForRequest(e, target, subject);
            if (e.Kind == WwErrorKind.Authentication || (serverWideEnds && FailureRules.IsServerWide(e))) CommandEnd.With(this, record);
            WriteError(record);
        }

        /// <summary>
        /// Reports a failed request that creates something (a training, an inference): when the server may have acted on
        /// it before the failure, it was not sent again, and the advice says where to look for what it may have made.
        /// </summary>
        protected void WriteCreateError(WwApiException e, object? target, string subject, string lookFor)
        {
            if (!e.MayHaveActed)
            {
                WriteRequestError(e, target, subject);
                return;
            }
            var record = ErrorRecords.ForRequest(e, target, subject, "The API may have received the request before the failure, so it was not sent again.",
                "Look for what it may have started before trying again: " + lookFor);
            if (FailureRules.IsServerWide(e)) CommandEnd.With(this, record);
            WriteError(record);
        }

        /// <summary>Ends the command with a failed request that is about the whole call (the server, not one item).</summary>
        protected void ThrowRequestError(WwApiException e, string? subject = null, string? message = null)
        {
            var record = ErrorRecords.ForRequest(e, Transport.Connection.BaseUri.ToString(), subject);
            if (message != null) record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = record.ErrorDetails.RecommendedAction };
            CommandEnd.With(this, record);
        }

        /// <summary>
        /// Writes every item of a listing, page by page, as each page comes; stops if the server hands back a page it gave
        /// before. A failure is about the whole listing, so it ends the command.
        /// </summary>
        private protected void WriteListing<T>(Func<Page<T>?, CancellationToken, Task<Page<T>>> nextPage)
        {
            var pagesSeen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
            Page<T>? page = null;
            try
            {
                do
                {
                    page = Await(nextPage(page, CancelToken));
                    foreach (var item in page.Items) WriteObject(item);
                }
                while (page.HasNext && pagesSeen.Add(page.NextKey!));
            }
            catch (WwApiException e)
            {
                ThrowRequestError(e);
            }
        }

        /// <summary>Writes a job, and remembers it for the completion of -Id.</summary>
        protected void WriteJob(JobSummary job)
        {
            SeenJobs.Remember(job);
            WriteObject(job);
        }

        /// <summary>Writes the requests the transport reported since the last call, one verbose line each.</summary>
        protected void WriteTraces()
        {
            while (_traces.TryDequeue(out var trace))
            {
                RequestsSent++;
                if (trace.RetryIn != null) RequestsRetried++;
                try
                {
                    WriteVerbose(trace.ToString());
                }
                catch (PipelineStoppedException)
                {
                    // A stopping pipeline takes no more records, verbose ones included. These are only traces: the
                    // stop goes on through the Write* that comes next, and the finally blocks that called this one still
                    // complete their bars.
                }
            }
        }

        // Our own source id for every bar this command draws, so the Completed records of a Ctrl+C (written to the host
        // directly) match the bars they end.
        private static long _lastSourceId = 0x5757_0000_0000;
        private readonly long _sourceId = Interlocked.Increment(ref _lastSourceId);

        /// <summary>Draws (or completes) a progress bar under this command's own source id.</summary>
        protected void WriteBar(ProgressRecord bar) => CommandRuntime.WriteProgress(_sourceId, bar);

        /// <summary>
        /// Writes a bar's Completed record on every way out, Ctrl+C included: after a stop the pipeline takes no more
        /// records, yet a bar left without one lingers in some hosts, so it goes to the host directly then.
        /// </summary>
        protected void CompleteBar(ProgressRecord completed)
        {
            try
            {
                WriteBar(completed);
            }
            catch (PipelineStoppedException)
            {
                Host.UI.WriteProgress(_sourceId, completed);
            }
        }

        public void Dispose()
        {
            // Requests still in flight when the command ends (an error ended it early) are not left running.
            _cancel.Cancel();
            _cancel.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
