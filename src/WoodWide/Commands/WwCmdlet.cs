using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
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
    /// (Ctrl+C cancels every request and delay), keeps all Write* calls on the pipeline thread, and is the one path
    /// every error goes out by (<see cref="Report"/>), which obeys the error catalogue's scope.
    /// </summary>
    /// <remarks>
    /// The fault model: a fault about one item is that item's non-terminating error, and the next items go on. A fault
    /// about the server or the credentials halts the work: nothing more is sent (requests in flight are cancelled, and
    /// items still to come, piped or not, are only counted), every answer already received is written, and once the
    /// input is over the command ends with one terminating error that counts and lists the items it did not do. It
    /// is terminating so that try/catch and -ErrorAction Stop see a down server as they see any failure of the whole
    /// call; what was written before it stays in the pipeline and in -OutVariable (an assignment,
    /// <c>$r = Get-WwJob …</c>, gets nothing from a command that ends so: PowerShell's rule for any terminating error).
    /// </remarks>
    public abstract class WwCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        // Cancelled on Ctrl+C, and when a fault about the server halts the work: what every request of the command takes.
        private readonly CancellationTokenSource _work;
        private readonly ConcurrentQueue<RequestTrace> _traces = new ConcurrentQueue<RequestTrace>();
        private WwTransport? _transport;
        private JobsClient? _jobs;
        private DatasetsClient? _datasets;
        private ModelsClient? _models;
        private InferenceClient? _inference;

        // The fault that halted the work, and the items not done since (the one it met first).
        private ErrorRecord? _halt;
        private readonly List<object> _notDone = new List<object>();

        protected WwCmdlet() => _work = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);

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

        /// <summary>The token every request and delay of the command takes: cancelled by Ctrl+C, and when the work halts.</summary>
        protected CancellationToken CancelToken => _work.Token;

        /// <summary>Cancelled by Ctrl+C only (StopProcessing): what tells a stop from a halt.</summary>
        protected CancellationToken StopToken => _cancel.Token;

        /// <summary>True once the pipeline is being stopped (Ctrl+C), not when the work halted at a fault.</summary>
        protected bool StopRequested => _cancel.IsCancellationRequested;

        /// <summary>HTTP requests sent so far, retries included.</summary>
        protected int RequestsSent { get; private set; }

        /// <summary>Requests the transport sent again after a transient failure.</summary>
        protected int RequestsRetried { get; private set; }

        protected WwTransport Transport => _transport ?? throw new InvalidOperationException("BeginProcessing has not run.");

        protected JobsClient Jobs => _jobs ??= new JobsClient(Transport);

        private protected DatasetsClient Datasets => _datasets ??= new DatasetsClient(Transport);

        private protected ModelsClient Models => _models ??= new ModelsClient(Transport);

        private protected InferenceClient Inference => _inference ??= new InferenceClient(Transport);

        protected override void BeginProcessing()
        {
            _commandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            Connect(ApiKey, WwSession.Current);
        }

        private HashSet<string> _commandLine = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>True when <paramref name="parameter"/> was given on the command line, not bound from a piped object.</summary>
        protected bool OnCommandLine(string parameter) => _commandLine.Contains(parameter);

        /// <summary>
        /// A value as given: null for an empty one that came from a piped row (an empty CSV cell gives nothing); an
        /// empty one on the command line stays, for the parameter's own check to refuse.
        /// </summary>
        protected string? Given(string? value, string parameter) => value is { Length: 0 } && !OnCommandLine(parameter) ? null : value;

        /// <summary>Runs <see cref="End"/>, then, if a fault about the server halted the work, ends the command with it.</summary>
        protected sealed override void EndProcessing()
        {
            // A halted command still ends as it would (the answers it holds are written); it sends nothing more.
            End();
            WriteTraces();
            if (_halt != null) CommandEnd.Throw(this, ErrorRecords.Stopped(_halt, _notDone.ToArray(), StoppedSentence()));
        }

        /// <summary>The command's own end (EndProcessing): what it does once the input is over.</summary>
        protected virtual void End()
        {
        }

        /// <summary>
        /// Reads the id in <paramref name="text"/>, given to a parameter that takes one (null when none was given and
        /// none is <paramref name="required"/>). One that is not an id is this item's error (<see cref="Ids"/>),
        /// reported here; false then, and the item is skipped.
        /// </summary>
        protected bool TryId(string? text, string what, out Guid? id, bool required = false)
        {
            id = null;
            if (text is null && !required) return true;
            if (Ids.TryParse(text, out var parsed))
            {
                id = parsed;
                return true;
            }
            Report(ErrorRecords.InvalidId(what, text), text);
            return false;
        }

        /// <summary>
        /// Refuses, before any request, a step of the module's own piped in (a job, an upload, a training, a model) that
        /// has not succeeded: a failed training must not be sent on to an inference, only to fail there for a reason that
        /// hides the first. Only the module's own types are read (<see cref="PipedStep"/>); a CSV row or any other
        /// object binds by property name and is never refused for a "status" of its own. True when refused.
        /// </summary>
        protected bool RefusePipedInput(object? piped, string step, object? item)
        {
            var status = PipedStep.StatusOf(piped);
            if (status is null || JobStatuses.Is(status, JobStatuses.Succeeded) || JobStatuses.Is(status, "ready")) return false;
            var ended = JobStatuses.IsTerminal(status);
            var job = PipedStep.JobOf(piped);
            var what = job is Guid id ? $"job {id}" : "what was piped in";
            var message = ended
                ? $"{step}: {what} {status}, so there is nothing to go on with."
                : $"{step}: {what} is still {status}.";
            // Advice to act on as written: the job to wait for by its id; for one that ended, where to look.
            var advice = ended
                ? (job is Guid failed ? $"See why with Get-WwJob -Id {failed} (its error_message); fix that, run that step again, and pipe its result on." : null)
                : (job is Guid pending ? $"Wait for it first: Wait-WwJob -Id {pending} | {MyInvocation.MyCommand.Name}, with the same parameters." : null);
            // The target is what is not ready (the job or upload piped in), not the model or file the step was for.
            Report(ErrorRecords.Make(ErrorIds.InputNotReady, new InvalidOperationException(message), piped, advice), item);
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
                Report(ErrorRecords.ForConnection(e), null);
                return;
            }
            _transport = new WwTransport(connection) { Traced = _traces.Enqueue, Retry = Retries };
            _jobs = null;
            _datasets = null;
            _models = null;
            _inference = null;
        }

        /// <summary>
        /// The retry policy of every command's transport. The in-process fault matrix gives one with the same tries and
        /// millisecond delays, so a hundred faults cost seconds; nothing else changes it.
        /// </summary>
        internal static RetryPolicy Retries { get; set; } = RetryPolicy.Default;

        protected override void StopProcessing() => _cancel.Cancel();

        /// <summary>Waits for a client call on the pipeline thread, then writes what it traced.</summary>
        protected T Await<T>(Task<T> task)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (StopRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                WriteTraces();
            }
        }

        /// <summary>
        /// The one path of every error the command writes. The catalogue's scope of its ErrorId says what it does: about
        /// one item, it is that item's non-terminating error; about the server or the credentials, it halts the work
        /// (<see cref="WwCmdlet"/>'s remarks), <paramref name="item"/> counted among those not done; about the call, it
        /// ends the command now.
        /// </summary>
        protected internal void Report(ErrorRecord record, object? item)
        {
            switch (ErrorCatalog.ScopeOf(record))
            {
                case ErrorScope.Command:
                    CommandEnd.Throw(this, record);
                    return; // never reached: C# wants a switch section to end in a jump
                case ErrorScope.Server:
                    Halt(record, item);
                    return;
                default:
                    WriteError(record);
                    return;
            }
        }

        /// <summary>A failed request about <paramref name="item"/>; <paramref name="subject"/> ("Job 6f1c…") starts its text.</summary>
        protected void Report(WwApiException e, object? item, string? subject) => Report(ErrorRecords.ForRequest(e, item, subject), item);

        /// <summary>
        /// A failed request that creates something (a training, an inference): when the server may have acted on it
        /// before the failure, it was not sent again, and the advice says where to look for what it may have made.
        /// </summary>
        protected void ReportCreate(WwApiException e, object? item, string subject, string lookFor) =>
            Report(e.MayHaveActed
                ? ErrorRecords.ForRequest(e, item, subject, "The API may have received the request before the failure, so it was not sent again.",
                    "Look for what it may have started before trying again: " + lookFor)
                : ErrorRecords.ForRequest(e, item, subject), item);

        /// <summary>True once a fault about the server has halted the work: nothing more is sent.</summary>
        protected bool Halted => _halt != null;

        /// <summary>
        /// True, with <paramref name="item"/> counted among those not done, when the work has halted: call it before
        /// anything is done for an item (a check of its file, a -Confirm prompt), so a halted command only counts.
        /// </summary>
        protected bool Skip(object item)
        {
            if (_halt is null) return false;
            _notDone.Add(item);
            return true;
        }

        /// <summary>
        /// Does one item's work: skipped (and counted) once the work has halted; a failed request goes to
        /// <see cref="Report"/> with <paramref name="subject"/>; a request the halt cancelled is counted as not done.
        /// </summary>
        protected void ForItem(object item, string subject, Action work) => ForItem(item, () => subject, work);

        /// <summary>As above, with a subject made when it is needed (a listing says how far it got).</summary>
        /// <param name="sent">
        /// The item's request went out before the halt (one of several in flight): its answer, if it came, is still
        /// written; only a request the halt cancelled counts as not done.
        /// </param>
        protected void ForItem(object item, Func<string> subject, Action work, bool sent = false)
        {
            if (!sent && Skip(item)) return;
            try
            {
                work();
            }
            catch (WwApiException e)
            {
                Report(e, item, subject());
            }
            catch (OperationCanceledException) when (WasHalted)
            {
                _notDone.Add(item);
            }
        }

        /// <summary>True when a request ended because the halt cancelled it (not because of Ctrl+C).</summary>
        protected bool WasHalted => _halt != null && !StopRequested;

        /// <summary>How many items the halt left undone so far.</summary>
        protected int NotDoneCount => _notDone.Count;

        /// <summary>Counts <paramref name="item"/> among those not done (its request was cancelled by the halt).</summary>
        protected void NotDone(object item) => _notDone.Add(item);

        private void Halt(ErrorRecord record, object? item)
        {
            if (_halt is null)
            {
                _halt = record;
                // Requests still in flight would meet the same fault, or hold the command for their timeouts.
                _work.Cancel();
            }
            // What may have been done (a create whose answer was lost) is not counted as not done: its own text says so.
            if (item != null && record.Exception is not WwApiException { MayHaveActed: true }) _notDone.Add(item);
        }

        /// <summary>What the items of this command are, for the sentence that ends a halted command: "job id", "fetched".</summary>
        protected virtual (string Noun, string NotDone) Items => ("item", "done");

        /// <summary>
        /// "Stopped there, since every request to this server fails so for now: 3 job ids were not fetched (…)." The
        /// count is exact, piped input included: what came after the halt was counted, not sent.
        /// </summary>
        protected virtual string StoppedSentence()
        {
            var id = ErrorCatalog.IdOf(_halt!);
            var why = id == ErrorIds.AuthenticationFailed || id == ErrorIds.PermissionDenied
                ? "since every request with this key would be refused so"
                : id == ErrorIds.RedirectRefused
                    ? "since the server sends every request where the key does not go"
                    : "since every request to this server fails so for now";
            var (noun, notDone) = Items;
            // A listing is one item, and the text already names it: "1 item was not fetched (The model list)" says nothing more.
            if (_notDone.Count == 0 || _notDone.Count == 1 && _listing != null && Equals(_notDone[0], _listing)) return $"Stopped there, {why}.";
            return string.Format(System.Globalization.CultureInfo.InvariantCulture, "Stopped there, {0}: {1} {2}{3} {4} not {5} ({6}).",
                why, _notDone.Count, noun, _notDone.Count == 1 ? string.Empty : "s", _notDone.Count == 1 ? "was" : "were", notDone, Listed(_notDone));
        }

        /// <summary>The first few items, and how many more: the target lists them all.</summary>
        private static string Listed(List<object> items)
        {
            const int Shown = 5;
            var shown = string.Join(", ", items.Take(Shown).Select(i => Echo.Cut(i?.ToString() ?? "(null)")));
            return items.Count > Shown ? $"{shown}, and {items.Count - Shown} more" : shown;
        }

        /// <summary>
        /// Writes every item of a listing, page by page, as each page comes; stops if the server hands back a page it gave
        /// before. The listing is one item (<paramref name="what"/>): a failure part-way keeps what was written, and its
        /// text says how far it got.
        /// </summary>
        private protected void WriteListing<T>(string what, Func<Page<T>?, CancellationToken, Task<Page<T>>> nextPage)
        {
            Listing(what);
            var written = 0;
            ForItem(what, () => ListingSubject(what, written), () =>
            {
                foreach (var item in Listed(nextPage))
                {
                    WriteObject(item);
                    written++;
                }
            });
        }

        /// <summary>
        /// The items of a listing, page by page as they are read, on the pipeline thread; it ends at the last page, or
        /// at a page whose next key was given before (a server that loops).
        /// </summary>
        private protected IEnumerable<T> Listed<T>(Func<Page<T>?, CancellationToken, Task<Page<T>>> nextPage)
        {
            var pagesSeen = new HashSet<string>(StringComparer.Ordinal);
            Page<T>? page = null;
            do
            {
                page = Await(nextPage(page, CancelToken));
                foreach (var item in page.Items) yield return item;
            }
            while (page.HasNext && pagesSeen.Add(page.NextKey!));
        }

        /// <summary>
        /// The first item of a listing that <paramref name="match"/> accepts, read page by page until found; null if none
        /// is, or if the listing fails (for advice about another error, which stays that error).
        /// </summary>
        private protected T? FindListed<T>(Func<Page<T>?, CancellationToken, Task<Page<T>>> nextPage, Func<T, bool> match) where T : class
        {
            try
            {
                foreach (var item in Listed(nextPage))
                    if (match(item)) return item;
            }
            catch (WwApiException)
            {
            }
            return null;
        }

        private string? _listing;

        /// <summary>Marks <paramref name="what"/> ("The job list") as the listing this command fetches, one item of its own.</summary>
        private protected void Listing(string what) => _listing = what;

        /// <summary>"The job list, after 250 item(s) written": the subject of a listing's failure, with how far it got.</summary>
        private protected static string ListingSubject(string what, long written) =>
            written == 0 ? what : string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}, after {1} item(s) written", what, written);

        /// <summary>Writes a job.</summary>
        protected void WriteJob(JobSummary job) => WriteObject(job);

        /// <summary>
        /// Writes an object to the pipeline, and remembers the ids it carries for the completion of the id parameters
        /// (<see cref="SeenIds"/>): every object a cmdlet writes goes through here.
        /// </summary>
        protected new void WriteObject(object? sendToPipeline)
        {
            SeenIds.Remember(sendToPipeline);
            base.WriteObject(sendToPipeline);
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
                catch (PipelineStoppedException) when (Stopping)
                {
                    // A stopping pipeline (Ctrl+C) takes no more records, verbose ones included. These are only traces:
                    // the stop goes on through the Write* that comes next, and the finally blocks that called this one
                    // still complete their bars. Not a command downstream that has all it wants (Select-Object -First
                    // after 4>&1): that stop must go on from here, or the engine takes it for a stop of the whole script.
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
            _work.Dispose();
            _cancel.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
