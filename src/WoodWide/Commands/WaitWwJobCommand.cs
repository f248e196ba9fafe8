using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using WoodWide.Ci;
using WoodWide.Client;
using WoodWide.Completion;
using WoodWide.Model;
using WoodWide.Waiting;

namespace WoodWide.Commands
{
    /// <summary>
    /// Waits until Wood Wide jobs end, showing each job's own progress and ETA, and writes each job's final
    /// JobDetail as it ends. Failed, canceled and rejected jobs, and a timeout, are errors, so a CI step fails.
    /// </summary>
    /// <remarks>
    /// Ids are collected as they arrive (ProcessRecord) and waited for together (EndProcessing), as Wait-Job does.
    /// The wait itself is <see cref="WaitDriver"/>'s; this cmdlet turns its events into output on the pipeline thread.
    /// </remarks>
    [Cmdlet(VerbsLifecycle.Wait, "WwJob", HelpUri = HelpPages.Base + "Wait-WwJob.md")]
    [OutputType(typeof(JobDetail))]
    [OutputType(typeof(Job))]
    public sealed class WaitWwJobCommand : WwCmdlet
    {
        /// <summary>The value of -Timeout that waits for ever.</summary>
        public const int Forever = -1;

        private readonly List<Guid> _ids = new List<Guid>();
        private WaitDriver? _driver;
        private CiLog? _ci;

        /// <summary>Job ids (UUIDs). Binds strings, job objects and rows with an Id, JobId or job_id column.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("JobId", "job_id")]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [Id("job", Many = true)]
        public string?[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Seconds to wait for all jobs (default 3600); -1 waits for ever.</summary>
        [Parameter]
        [Alias("TimeoutSec")]
        [ValidateRange(Forever, int.MaxValue)]
        public int Timeout { get; set; } = (int)WaitOptions.DefaultTimeout.TotalSeconds;

        /// <summary>Return as soon as one job ends.</summary>
        [Parameter]
        public SwitchParameter Any { get; set; }

        /// <summary>Stop waiting for the others as soon as one job fails, is canceled or rejected.</summary>
        [Parameter]
        public SwitchParameter FailFast { get; set; }

        /// <summary>Seconds between the first polls of a job (default 1); gaps grow from there. Above 1.5 it is the floor of the lag bound too.</summary>
        [Parameter]
        [ValidateRange(0.1, 3600)]
        public double PollIntervalSec { get; set; } = 1;

        /// <summary>The longest gap between polls of a job (default 15 s); not less than -PollIntervalSec.</summary>
        [Parameter]
        [ValidateRange(0.1, 3600)]
        public double MaxPollIntervalSec { get; set; } = 15;

        /// <summary>How many polls may be in flight at once (default 16).</summary>
        [Parameter]
        [ValidateRange(1, 256)]
        public int ThrottleLimit { get; set; } = 16;

        /// <summary>Write no error for failed, canceled or rejected jobs: only their JobDetail.</summary>
        [Parameter]
        public SwitchParameter NoJobError { get; set; }

        /// <summary>
        /// The most polls a second, all jobs together (default 50). After a 429 every poll pauses for its Retry-After and
        /// the pace halves, then grows back.
        /// </summary>
        [Parameter]
        [ValidateRange(0.1, 10000)]
        public double MaxRequestsPerSecond { get; set; } = RateGate.DefaultPerSecond;

        /// <summary>Wait in the background: returns a PowerShell job whose output and errors are those of the wait.</summary>
        [Parameter]
        public SwitchParameter AsJob { get; set; }

        /// <summary>
        /// Which state lines to write: a line per change (Changes), per job end (Ends), or, by default (Auto), per change
        /// unless the host draws the bars for more than a few jobs (<see cref="StateLines"/>).
        /// </summary>
        [Parameter]
        public WaitLines Lines { get; set; } = WaitLines.Auto;

        private bool _everyChange = true;

        protected override void BeginProcessing()
        {
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey(nameof(PollIntervalSec)) && bound.ContainsKey(nameof(MaxPollIntervalSec)) && PollIntervalSec > MaxPollIntervalSec)
                Report(ErrorRecords.InvalidArgument(
                    $"-PollIntervalSec ({PollIntervalSec:0.###}) is longer than -MaxPollIntervalSec ({MaxPollIntervalSec:0.###}); " +
                    "the first gap cannot exceed the longest one.", PollIntervalSec), null);
            // With -AsJob the job's own Wait-WwJob resolves the key and base URI; here there is nothing to reach.
            if (!AsJob) base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            foreach (var text in Ids.Each(Id))
            {
                if (Ids.TryParse(text, out var id)) _ids.Add(id);
                else Report(ErrorRecords.InvalidId("job", text), text);
            }
        }

        protected override void End()
        {
            if (_ids.Count == 0) return;
            var lines = StateLines.Resolve(Lines, HostInfo.DrawsBars(this), _ids.Distinct().Count());
            _everyChange = lines == WaitLines.Changes;
            if (AsJob)
            {
                StartJob(lines);
                return;
            }
            var options = Options(MyInvocation.BoundParameters.Keys);
            // A 429 goes to the wait, which pauses every poll at once, instead of each poll waiting it out alone.
            Transport.Retry = Retries.ForWait();
            var policy = new WaitPolicy(_ids, options, TimeProvider.System);
            // Each id is held once, in its watch; the list the pipeline filled is not kept beside it.
            if (!AsJob)
            {
                _ids.Clear();
                _ids.Capacity = 0;
            }
            // A poll's answer is due by the last look after the deadline, and by the end of the grace while the server has
            // never answered: a silent server holds it no longer.
            _driver = new WaitDriver(policy, (id, token) => Jobs.GetAsync(id, token, policy.AnswerBy), ToPollFailure,
                ThrottleLimit, new ProgressBoard(TimeProvider.System), TimeProvider.System, list: JobSweeps.Lister(Jobs, policy));
            _ci = StartCi(policy);
            // The count closes a wait that ran its course, and one that -ErrorAction Stop ended at a job's error.
            var closes = false;
            try
            {
                // On the stop token, not the work token: a fault about the server halts the work (Report cancels the
                // work token) while the wait is still handing out its last events, and that must not read as Ctrl+C.
                foreach (var e in _driver.Run(StopToken))
                {
                    WriteTraces();
                    Report(e);
                }
                closes = true;
            }
            catch (OperationCanceledException) when (StopRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (Exception e) when (e is ActionPreferenceStopException || e is PipelineStoppedException && !StopRequested)
            {
                // -ErrorAction Stop made a job's error terminating (the engine stops the pipeline; no Ctrl+C came): as
                // -FailFast, the others are no longer waited for, and the count still closes the wait, after the CI group.
                closes = true;
                policy.AbandonPending();
                throw;
            }
            finally
            {
                // The bars first: on a stop, they are what the user still sees.
                CompleteBars();
                WriteTraces();
                EndCi(policy);
                if (closes && policy.Jobs.Count > 1) Say(WaitLog.EndLine(policy));
            }
            WriteVerbose(WaitLog.Summary(policy, RequestsSent, RequestsRetried + policy.Retries));
        }

        /// <summary>
        /// The transport's failures, in the wait's terms (what is about the server is the catalogue's scope); anything
        /// else is a bug and goes up as it is.
        /// </summary>
        internal static PollFailure? ToPollFailure(Exception e) => e is WwApiException api
            ? new PollFailure(api.Message, api.IsTransient, api.RetryAfter, ErrorCatalog.Get(ErrorCatalog.IdOf(api)).Scope == ErrorScope.Server, api,
                isRateLimited: api.Kind == WwErrorKind.RateLimited, isNotFound: api.Kind == WwErrorKind.NotFound)
            : null;

        protected override string StoppedSentence() => Halted && NotDoneCount > 0
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, "Stopped waiting for {0}; Wait-WwJob cancels none.",
                NotDoneCount == 1 ? "1 job" : NotDoneCount + " jobs")
            : base.StoppedSentence();

        private int _throttled;

        private void Report(WaitEvent e)
        {
            foreach (var bar in e.Bars) WriteBar(bar);
            _ci?.Bars(e.Bars);
            switch (e.Kind)
            {
                case WaitEventKind.StateChanged:
                    if (_everyChange) Say(WaitLog.StateLine(e, Elapsed));
                    break;
                case WaitEventKind.WaitingForUpload:
                    WriteWarning(WaitLog.UploadWarning(e));
                    break;
                case WaitEventKind.Swept:
                    WriteVerbose(WaitLog.SweptLine(e));
                    break;
                case WaitEventKind.Retrying:
                    WriteVerbose(WaitLog.RetryLine(e));
                    break;
                case WaitEventKind.Struggling:
                    WriteWarning(WaitLog.StrugglingWarning(e));
                    break;
                case WaitEventKind.Unanswered:
                    WriteWarning(WaitLog.UnansweredWarning(e, _driver!.Policy.Now));
                    break;
                case WaitEventKind.AnswersAgain:
                    Say(WaitLog.AnswersAgainLine(e, _driver!.Policy.Now, Elapsed));
                    break;
                case WaitEventKind.Throttled:
                    // Said once in the log (a CI log should show why a wait slowed); the pauses after it only to -Verbose.
                    // Not a warning: the wait copes, and -Debug would make a warning ask a question.
                    if (_throttled++ == 0) Say(WaitLog.FirstThrottledLine(e, Elapsed));
                    else WriteVerbose(WaitLog.ThrottledLine(e));
                    break;
                case WaitEventKind.Ended:
                    Ended(e);
                    break;
            }
        }

        private void Ended(WaitEvent e)
        {
            var job = e.Job!;
            var id = job.JobId.ToString();
            switch (e.Reason)
            {
                case WaitReason.JobEnded:
                    Say(WaitLog.StateLine(e, Elapsed));
                    WriteJob(e.Detail!);
                    if (job.End is JobEnd end && end != JobEnd.Succeeded && !NoJobError)
                        Failed(job, ErrorRecords.ForJobEnd(e.Detail!, end), id);
                    return;
                case WaitReason.PollFailed:
                    // The wait's policy found this job's own: about this job, whatever a streak of the transport said.
                    Report(ErrorRecords.ForRequest(((WwApiException)e.Failure!.Cause!).AsRepeated(false), id, $"Job {id}", WaitLog.Unpollable(job)), id);
                    return;
                case WaitReason.TimedOut:
                    Failed(job, ErrorRecords.ForTimeout(job, e.Limit), id);
                    return;
                case WaitReason.Unreachable:
                case WaitReason.ServerFault:
                case WaitReason.ServerDark:
                    // Every job is ended by the same failure, about the server: one error for them all, at the end.
                    if (Halted) NotDone(id);
                    else Report(ErrorRecords.ForRequest(((WwApiException)e.Failure!.Cause!).AsRepeated(true), id, null, WaitLog.ServerEnd(e)), id);
                    return;
                default:
                    WriteVerbose(WaitLog.AbandonedLine(e));
                    return;
            }
        }

        /// <summary>A job's error, told to the CI system first (as an annotation with the error's text), then written.</summary>
        private void Failed(JobWatch job, ErrorRecord record, string id)
        {
            _ci?.Failed(job, record.Exception.Message);
            Report(record, id);
        }

        /// <summary>
        /// Under a CI system (<see cref="CiDetection"/>), opens the group the wait's lines go in. Its lines go where the
        /// state lines go, so they reach the step's log and never the pipeline.
        /// </summary>
        private CiLog? StartCi(WaitPolicy policy)
        {
            if (CiDetection.Dialect(Environment.GetEnvironmentVariable) is not CiDialect dialect) return null;
            var ci = new CiLog(dialect, line => Say(line, "CI"), CiLog.WriteFile);
            ci.Start(policy);
            return ci;
        }

        /// <summary>Closes the group and writes the summary, on every way out; after Ctrl+C, as much as the pipeline takes.</summary>
        private void EndCi(WaitPolicy policy)
        {
            if (_ci is null) return;
            try
            {
                if (_ci.End(policy, $"woodwide-wait-{Guid.NewGuid():N}.md") is string problem) WriteWarning(problem);
            }
            catch (PipelineStoppedException) when (Stopping)
            {
                // Stopped (Ctrl+C): the summary file is written; the lines the pipeline no longer takes are lost.
            }
        }

        private TimeSpan Elapsed => _driver!.Policy.Now - _driver.Policy.StartedAt;

        /// <summary>
        /// A line for the log: shown by default (as Write-Host is) so CI logs, where progress is not drawn, still tell
        /// the story; silenced by -InformationAction Ignore or $InformationPreference = 'Ignore'.
        /// </summary>
        private void Say(string line, string? tag = null) =>
            WriteInformation(new HostInformationMessage { Message = line },
                tag is null ? new[] { "PSHOST", "WoodWide" } : new[] { "PSHOST", "WoodWide", tag });

        /// <summary>
        /// The wait's options from the parameters, <paramref name="bound"/> naming those given: what the wait runs with.
        /// Internal so that tests can run the schedule these options make on a fake clock.
        /// </summary>
        internal WaitOptions Options(ICollection<string> bound) => new WaitOptions
        {
            Timeout = Timeout == Forever || Timeout == int.MaxValue ? (TimeSpan?)null : TimeSpan.FromSeconds(Timeout),
            // Either bound given alone may pass the other's default: -PollIntervalSec 20 raises the cap with it,
            // and -MaxPollIntervalSec 0.5 brings the first interval down to it (given together, their order was checked).
            PollInterval = TimeSpan.FromSeconds(GivenAlone(bound, nameof(MaxPollIntervalSec)) ? Math.Min(PollIntervalSec, MaxPollIntervalSec) : PollIntervalSec),
            MaxPollInterval = TimeSpan.FromSeconds(GivenAlone(bound, nameof(PollIntervalSec)) ? Math.Max(MaxPollIntervalSec, PollIntervalSec) : MaxPollIntervalSec),
            Any = Any,
            FailFast = FailFast,
            MaxRequestsPerSecond = MaxRequestsPerSecond,
            // A -RequestTimeoutSec given is the user's word on how long a poll may take; else the wait's own bound.
            AnsweredPollLimit = bound.Contains(nameof(RequestTimeoutSec)) ? (TimeSpan?)null : new WaitOptions().AnsweredPollLimit,
        };

        /// <summary>True when <paramref name="interval"/> was given and the other of the two intervals was not.</summary>
        private static bool GivenAlone(ICollection<string> bound, string interval)
        {
            var other = interval == nameof(PollIntervalSec) ? nameof(MaxPollIntervalSec) : nameof(PollIntervalSec);
            return bound.Contains(interval) && !bound.Contains(other);
        }

        /// <summary>The same command, less -AsJob, in a runspace of its own, registered as a job and written out.</summary>
        private void StartJob(WaitLines lines)
        {
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { ModuleManifest() });
            var runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
            var pipeline = PowerShell.Create();
            pipeline.Runspace = runspace;
            pipeline.AddCommand(MyInvocation.MyCommand.Name).AddParameter(nameof(Id), _ids.Select(id => id.ToString()).ToArray());
            foreach (var bound in MyInvocation.BoundParameters)
                if (bound.Key != nameof(Id) && bound.Key != nameof(AsJob)) pipeline.AddParameter(bound.Key, bound.Value);
            // The job's host draws no bars; the lines are those of the host the job was started from.
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(Lines))) pipeline.AddParameter(nameof(Lines), lines);
            // The job's Command names a few ids, not hundreds: Get-Job lists it on one line.
            var shown = _ids.Count <= 3 ? string.Join(",", _ids) : $"{_ids[0]},{_ids[1]},… ({_ids.Count} jobs)";
            var job = new WaitBackgroundJob($"Wait-WwJob -Id {shown}", runspace, pipeline);
            JobRepository.Add(job);
            job.Start();
            WriteObject(job);
        }

        /// <summary>
        /// The module's manifest, for the job's runspace: imported by its dll alone, the module would come without its
        /// types file, and the objects the job writes would show no properties.
        /// </summary>
        private string ModuleManifest()
        {
            var module = MyInvocation.MyCommand.Module;
            var folder = module?.ModuleBase ?? System.IO.Path.GetDirectoryName(typeof(WaitWwJobCommand).Assembly.Location)!;
            var manifest = System.IO.Path.Combine(folder, "WoodWide.psd1");
            return System.IO.File.Exists(manifest) ? manifest : module?.Path ?? typeof(WaitWwJobCommand).Assembly.Location;
        }

        private void CompleteBars()
        {
            if (_driver is null) return;
            foreach (var bar in _driver.CompleteBars()) CompleteBar(ToRecord(bar));
        }

        private void WriteBar(BarUpdate bar) => WriteBar(ToRecord(bar));

        private static ProgressRecord ToRecord(BarUpdate bar) =>
            new ProgressRecord(bar.ActivityId, bar.Activity, bar.Status)
            {
                ParentActivityId = bar.ParentActivityId,
                PercentComplete = bar.PercentComplete,
                SecondsRemaining = bar.SecondsRemaining,
                RecordType = bar.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
    }
}
