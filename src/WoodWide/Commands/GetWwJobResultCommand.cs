using System;
using System.Management.Automation;
using System.Text.Json;
using WoodWide.Client;
using WoodWide.Completion;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>
    /// Gets a finished job's results (GET /jobs/{job_id}/results): one object per row, written as the rows arrive,
    /// from whichever form the API sends (JSON columns or rows, CSV, or an artifact URL it points at, fetched without
    /// the key); or the file itself with -OutFile. Binds job ids like Wait-WwJob, so <c>… | Wait-WwJob | Get-WwJobResult</c> works.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WwJobResult", HelpUri = HelpPages.Base + "Get-WwJobResult.md")]
    [OutputType(typeof(ResultRow), typeof(System.IO.FileInfo))]
    public sealed class GetWwJobResultCommand : WwResultCmdlet
    {
        private int _jobs;

        /// <summary>The job's id. Binds job ids, and JobId and job_id properties (JobDetail, Start-WwInference's output).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("JobId", "job_id")]
        [AllowNull]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [Id("job", Many = true)]
        public string?[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Save the results to this file as the API serves them (csv, parquet, json) instead of writing rows; one job only.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        /// <summary>With -OutFile: refuse to replace a file that is there (as Out-File -NoClobber does); without it, the file is replaced.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        protected override void ProcessRecord()
        {
            // -Id $null (a step before it failed and left the variable empty) is one id that is not one, as for Wait-WwJob.
            foreach (var text in Ids.Each(Id))
            {
                if (!Ids.TryParse(text, out var id))
                {
                    Report(ErrorRecords.InvalidId("job", text), text);
                    continue;
                }
                if (Skip(id.ToString())) continue;
                if (OutFile != null && ++_jobs > 1)
                {
                    Report(ErrorRecords.InputIncomplete(
                        $"Job {id}: -OutFile takes one job's results, and it already holds another's. Save each to its own file: " +
                        "$ids | ForEach-Object { Get-WwJobResult -Id $_ -OutFile \"$_.csv\" }", id.ToString()), id.ToString());
                    continue;
                }
                Fetch(id);
            }
        }

        private void Fetch(Guid id)
        {
            var subject = $"The results of job {id}";
            var path = OutFile is null ? null : InputFile.Output(this, OutFile, NoClobber);
            if (OutFile != null && path is null) return;
            try
            {
                using var body = Await(Inference.OpenResultsAsync(id, CancelToken));
                if (path != null) Save(body, path);
                else if (WriteRows(body, new ResultColumns { JobId = id }, id.ToString(), subject) == 0)
                    WriteWarning($"The results of job {id} have no rows.");
            }
            catch (WwApiException e) when (e.Kind == WwErrorKind.NotFound && e.Resource == ApiResource.Result)
            {
                ExplainMissing(id, e);
            }
            catch (WwApiException e)
            {
                Report(e, id.ToString(), subject);
            }
            catch (JsonException e)
            {
                Report(NotResults(e, subject), id.ToString(), null);
            }
            catch (OperationCanceledException) when (WasHalted)
            {
                NotDone(id.ToString());
            }
        }

        protected override (string Noun, string NotDone) Items => ("job id", "fetched");

        /// <summary>A 404 for results: say why from the job itself (not finished, failed, or not one with results).</summary>
        private void ExplainMissing(Guid id, WwApiException notFound)
        {
            JobDetail job;
            try
            {
                job = Await(Jobs.GetAsync(id, CancelToken));
            }
            catch (WwApiException e)
            {
                Report(e, id.ToString(), $"Job {id}");
                return;
            }
            var name = ErrorRecords.Name(id, job);
            var end = JobStatuses.EndOf(job.Status);
            if (end is null)
            {
                var progress = job.Progress is double p ? ", " + Text.Wording.Percent(p) : string.Empty;
                Report(ErrorRecords.Make(ErrorIds.ResultNotReady, new InvalidOperationException(
                    $"{name} is {job.Status}{progress}: its results exist once it has succeeded."),
                    job, $"Wait for it first: Wait-WwJob -Id {id} | Get-WwJobResult"), id.ToString());
                return;
            }
            var why = end == JobEnd.Succeeded
                ? $"{name} succeeded but has no results" + (job.Type is "train" or "dataset_ingest" ? ": only inference jobs have results."
                    : job.Type == JobTypes.InferSync ? ": the predictions of an infer_sync job are the answer to the call that ran it."
                    : $" ({Text.Wording.Sentence(notFound.Message).TrimEnd('.')})")
                : $"{name} {job.Status}" + (string.IsNullOrEmpty(job.ErrorMessage) ? string.Empty : ": " + job.ErrorMessage) + "; it has no results.";
            Report(ErrorRecords.Make(ErrorIds.ResultNotFound, new InvalidOperationException(Text.Wording.Sentence(why)), job), id.ToString());
        }
    }
}
