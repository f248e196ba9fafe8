using System;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace WoodWide.Commands
{
    /// <summary>
    /// The job Wait-WwJob -AsJob returns: the same wait, run in a runspace of its own on a background thread, with
    /// its output, errors, warnings, verbose lines, information and progress as the job's streams. Works on Windows
    /// PowerShell 5.1 too, where the ThreadJob module is not built in.
    /// </summary>
    internal sealed class WaitBackgroundJob : Job
    {
        private readonly Runspace _runspace;
        private readonly PowerShell _pipeline;

        public WaitBackgroundJob(string command, Runspace runspace, PowerShell pipeline) : base(command)
        {
            _runspace = runspace;
            _pipeline = pipeline;
            PSJobTypeName = "WoodWideWaitJob";
        }

        public override string Location => "localhost";

        public override string StatusMessage => string.Empty;

        public override bool HasMoreData =>
            Output.Count > 0 || Error.Count > 0 || Warning.Count > 0 || Verbose.Count > 0 || Information.Count > 0;

        public void Start()
        {
            var output = new PSDataCollection<PSObject>();
            output.DataAdded += (_, e) => Output.Add(output[e.Index]);
            var streams = _pipeline.Streams;
            streams.Error.DataAdded += (_, e) => Error.Add(streams.Error[e.Index]);
            streams.Warning.DataAdded += (_, e) => Warning.Add(streams.Warning[e.Index]);
            streams.Verbose.DataAdded += (_, e) => Verbose.Add(streams.Verbose[e.Index]);
            streams.Information.DataAdded += (_, e) => Information.Add(streams.Information[e.Index]);
            streams.Progress.DataAdded += (_, e) => Progress.Add(streams.Progress[e.Index]);
            SetJobState(JobState.Running);
            _pipeline.BeginInvoke<PSObject, PSObject>(null, output, null, OnFinished, null);
        }

        private void OnFinished(IAsyncResult result)
        {
            try
            {
                _pipeline.EndInvoke(result);
                SetJobState(JobState.Completed);
            }
            catch (PipelineStoppedException)
            {
                SetJobState(JobState.Stopped);
            }
            catch (RuntimeException e)
            {
                // A terminating error (a rejected key, say) fails the job, as it would fail the command.
                Error.Add(e.ErrorRecord);
                SetJobState(JobState.Failed);
            }
        }

        public override void StopJob()
        {
            _pipeline.Stop();
            SetJobState(JobState.Stopped);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _pipeline.Dispose();
                _runspace.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
