using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
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
    /// The loop runs on the pipeline thread: requests run concurrently as tasks, but every Write* happens here.
    /// </remarks>
    [Cmdlet(VerbsLifecycle.Wait, "WwJob")]
    [OutputType(typeof(JobDetail))]
    [OutputType(typeof(Job))]
    public sealed class WaitWwJobCommand : WwCmdlet
    {
        /// <summary>The value of -Timeout that waits for ever.</summary>
        public const int Forever = -1;

        private readonly List<Guid> _ids = new List<Guid>();
        private readonly Dictionary<Guid, string?> _said = new Dictionary<Guid, string?>();
        private WaitSession? _session;
        private ProgressBoard? _board;

        /// <summary>Job ids (UUIDs). Binds strings, JobDetail objects and rows with an Id, JobId or job_id column.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("JobId", "job_id")]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
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

        /// <summary>Seconds between the first polls of a job (default 1); gaps grow from there.</summary>
        [Parameter]
        [ValidateRange(0.1, 3600)]
        public double PollIntervalSec { get; set; } = 1;

        /// <summary>The longest gap between polls of a job (default 15 s).</summary>
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

        /// <summary>Wait in the background: returns a PowerShell job whose output and errors are those of the wait.</summary>
        [Parameter]
        public SwitchParameter AsJob { get; set; }

        protected override void BeginProcessing()
        {
            // With -AsJob the job's own Wait-WwJob resolves the key and base URI; here there is nothing to reach.
            if (!AsJob) base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            foreach (var text in JobIds.Each(Id))
            {
                if (JobIds.TryParse(text, out var id)) _ids.Add(id);
                else WriteError(JobIds.Invalid(text));
            }
        }

        protected override void EndProcessing()
        {
            if (_ids.Count == 0) return;
            if (AsJob)
            {
                StartJob();
                return;
            }
            var options = new WaitOptions
            {
                Timeout = Timeout == Forever || Timeout == int.MaxValue ? (TimeSpan?)null : TimeSpan.FromSeconds(Timeout),
                PollInterval = TimeSpan.FromSeconds(PollIntervalSec),
                MaxPollInterval = TimeSpan.FromSeconds(Math.Max(MaxPollIntervalSec, PollIntervalSec)),
                Any = Any,
                FailFast = FailFast,
            };
            _session = new WaitSession(_ids, options, TimeProvider.System);
            _board = new ProgressBoard(TimeProvider.System);
            using var loop = CancellationTokenSource.CreateLinkedTokenSource(CancelToken);
            var inFlight = new Dictionary<Task<JobDetail>, JobWatch>();
            try
            {
                Run(_session, inFlight, loop.Token);
            }
            finally
            {
                // Polls of jobs no longer waited for (-Any, -FailFast, an error) are cancelled, not left running.
                loop.Cancel();
                foreach (var task in inFlight.Keys) _ = task.ContinueWith(t => t.Exception, TaskScheduler.Default);
                CompleteBars();
            }
            WriteVerbose(Summary(_session, RequestsSent, RequestsRetried));
        }

        /// <summary>The same command, less -AsJob, in a runspace of its own, registered as a job and written out.</summary>
        private void StartJob()
        {
            var state = InitialSessionState.CreateDefault2();
            state.ImportPSModule(new[] { MyInvocation.MyCommand.Module?.Path ?? typeof(WaitWwJobCommand).Assembly.Location });
            var runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
            var pipeline = PowerShell.Create();
            pipeline.Runspace = runspace;
            pipeline.AddCommand(MyInvocation.MyCommand.Name).AddParameter(nameof(Id), _ids.Select(id => id.ToString()).ToArray());
            foreach (var bound in MyInvocation.BoundParameters)
                if (bound.Key != nameof(Id) && bound.Key != nameof(AsJob)) pipeline.AddParameter(bound.Key, bound.Value);
            var job = new WaitJob($"Wait-WwJob -Id {string.Join(",", _ids)}", runspace, pipeline);
            JobRepository.Add(job);
            job.Start();
            WriteObject(job);
        }

        private void Run(WaitSession session, Dictionary<Task<JobDetail>, JobWatch> inFlight, CancellationToken token)
        {
            while (!session.IsOver)
            {
                foreach (var job in session.TakeDue(ThrottleLimit - inFlight.Count))
                    inFlight.Add(Client.GetJobAsync(job.JobId, token, session.Deadline), job);

                // Wake for the first answer, the next due poll or the deadline, or in a second to redraw progress.
                var wake = session.TimeUntilNextWake() ?? TimeSpan.FromSeconds(1);
                if (wake > TimeSpan.FromSeconds(1)) wake = TimeSpan.FromSeconds(1);
                var delay = Task.Delay(wake, token);
                try
                {
                    Task.WhenAny(inFlight.Keys.Cast<Task>().Append(delay)).GetAwaiter().GetResult();
                }
                finally
                {
                    WriteTraces();
                }
                if (CancelToken.IsCancellationRequested) throw new PipelineStoppedException();

                foreach (var done in inFlight.Where(p => p.Key.IsCompleted).ToList())
                {
                    inFlight.Remove(done.Key);
                    Report(Harvest(session, done.Key, done.Value));
                }
                Report(session.ExpireIfDue());
                foreach (var bar in _board!.Refresh(session)) WriteBar(bar);
            }
        }

        private IReadOnlyList<WaitEvent> Harvest(WaitSession session, Task<JobDetail> task, JobWatch job)
        {
            if (task.Status == TaskStatus.RanToCompletion) return session.Polled(job, task.Result);
            var error = task.Exception?.GetBaseException();
            if (error is WwApiException api) return session.PollFailed(job, api);
            if (CancelToken.IsCancellationRequested) throw new PipelineStoppedException();
            throw error ?? new OperationCanceledException();
        }

        private void Report(IReadOnlyList<WaitEvent> events)
        {
            foreach (var e in events)
            {
                switch (e.Kind)
                {
                    case WaitEventKind.StateChanged:
                        // The end of a job gets one line of its own (with the time and credits) when it is reported.
                        if (!JobStatuses.IsTerminal(e.To)) Say(StateLine(e.Job, e.To));
                        break;
                    case WaitEventKind.WaitingForUpload:
                        WriteWarning($"Job {e.Job.JobId} is waiting for its data upload: it will not advance until the file is " +
                                     "uploaded and the upload is completed (POST /datasets/{dataset_version_id}/complete). Still waiting.");
                        break;
                    case WaitEventKind.Retrying:
                        WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Job {0}: {1}; polling again in {2:0.0} s.",
                            e.Job.JobId, e.Error!.Message, e.Delay.TotalSeconds));
                        if (e.Job.ConsecutiveFailures == 3)
                            WriteWarning($"Job {e.Job.JobId}: 3 polls in a row failed ({e.Error.Message}); still trying until the timeout.");
                        break;
                    case WaitEventKind.Ended:
                        Ended(e.Job);
                        break;
                }
            }
        }

        private void Ended(JobWatch job)
        {
            CompleteBar(job);
            switch (job.Outcome)
            {
                case JobOutcome.Error:
                    WriteApiError(job.Error!, job.JobId.ToString(), job.JobId.ToString());
                    return;
                case JobOutcome.Abandoned:
                    WriteVerbose($"Job {job.JobId}: no longer waited for ({(Any ? "-Any" : "-FailFast")}); it was {job.Latest?.Status ?? "not yet seen"}.");
                    return;
                case JobOutcome.TimedOut:
                    WriteError(JobErrors.ForOutcome(job, _session!.Deadline - _session.StartedAt)!);
                    return;
            }
            Say(EndLine(job));
            WriteJob(job.Latest!);
            if (job.Outcome != JobOutcome.Succeeded && !NoJobError)
                WriteError(JobErrors.ForOutcome(job, null)!);
        }

        /// <summary>
        /// A line for the log: shown by default (as Write-Host is) so CI logs, where progress is not drawn, still tell
        /// the story; silenced by -InformationAction Ignore or $InformationPreference = 'Ignore'.
        /// </summary>
        private void Say(string line) =>
            WriteInformation(new HostInformationMessage { Message = line }, new[] { "PSHOST", "WoodWide" });

        private static string Name(JobWatch job) => $"{job.Latest?.Type ?? "job"} {job.JobId}";

        private string StateLine(JobWatch job, string? status)
        {
            var progress = job.Latest?.Progress is double p && !job.Latest.IsTerminal
                ? string.Format(CultureInfo.InvariantCulture, " ({0:0.#}%)", p) : string.Empty;
            var line = _said.TryGetValue(job.JobId, out var before)
                ? $"{Stamp()} {Name(job)}: {before} -> {status}{progress}"
                : $"{Stamp()} {Name(job)}: {status}{progress}";
            _said[job.JobId] = status;
            return line;
        }

        private string EndLine(JobWatch job)
        {
            var detail = job.Latest!;
            var took = detail.Duration is TimeSpan d ? " after " + ProgressBoard.Format(d) : string.Empty;
            var credits = detail.CreditsConsumed is double c ? string.Format(CultureInfo.InvariantCulture, ", {0:0.##} credits", c) : string.Empty;
            return StateLine(job, detail.Status) + took + credits;
        }

        private string Stamp() => "[" + ProgressBoard.Format(_session!.Now - _session.StartedAt) + "]";

        private void CompleteBar(JobWatch job)
        {
            foreach (var bar in _board!.Complete(_session!, job)) WriteBar(bar);
        }

        private void CompleteBars()
        {
            if (_board is null || _session is null) return;
            foreach (var bar in _board.CompleteAll(_session))
            {
                try
                {
                    WriteBar(bar);
                }
                catch (PipelineStoppedException)
                {
                    // Ctrl+C: the runtime takes no more records, but bars left behind linger in some hosts, so the
                    // Completed record goes to the host directly, under the source id the bar was drawn with.
                    Host.UI.WriteProgress(_sourceId, ToRecord(bar));
                }
            }
        }

        // Our own source id for every bar, so the Completed records of a Ctrl+C (written to the host) match them.
        private static long _lastSourceId = 0x5757_0000_0000;
        private readonly long _sourceId = Interlocked.Increment(ref _lastSourceId);

        private void WriteBar(BarUpdate bar) => CommandRuntime.WriteProgress(_sourceId, ToRecord(bar));

        private static ProgressRecord ToRecord(BarUpdate bar) =>
            new ProgressRecord(bar.ActivityId, bar.Activity, bar.Status)
            {
                ParentActivityId = bar.ParentActivityId,
                PercentComplete = bar.PercentComplete,
                SecondsRemaining = bar.SecondsRemaining,
                RecordType = bar.Completed ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };

        private static string Summary(WaitSession session, int requests, int clientRetries)
        {
            var counts = string.Join(", ", session.Jobs.GroupBy(j => j.Outcome).OrderBy(g => g.Key)
                .Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));
            return string.Format(CultureInfo.InvariantCulture, "Waited {0:0.0} s for {1} job(s): {2}; {3} request(s), {4} retried.",
                (session.Now - session.StartedAt).TotalSeconds, session.Jobs.Count, counts, requests, clientRetries + session.Retries);
        }
    }
}
