using System;
using System.Collections.Generic;
using System.Management.Automation;
using WoodWide.Client;
using WoodWide.Completion;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>
    /// Gets Wood Wide jobs: by id (GET /jobs/{job_id}, one JobDetail per id, in order, as they arrive), or the job
    /// list (GET /jobs, every page) filtered by status and type.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WwJob", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(JobDetail))]
    public sealed class GetWwJobCommand : WwCmdlet
    {
        private const string IdSet = "Id";
        private const string ListSet = "List";
        private const int MaxPageSize = 100;

        /// <summary>Job ids (UUIDs). Binds strings, JobDetail objects and rows with an Id, JobId or job_id column.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("JobId", "job_id")]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        public string?[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Only jobs in these states.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet(JobStatuses.Initializing, JobStatuses.Pending, JobStatuses.Queued, JobStatuses.Running,
            JobStatuses.Succeeded, JobStatuses.Failed, JobStatuses.Canceled, JobStatuses.Rejected, JobStatuses.WaitingForUpload,
            IgnoreCase = true)]
        public string[]? Status { get; set; }

        /// <summary>Only jobs of these types (wildcards allowed): dataset_ingest, train, infer_sync, infer_batch, or others.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(JobTypeCompleter))]
        public string[]? Type { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == IdSet)
                // A $null from the pipeline binds as a null array: it is still one (bad) id.
                foreach (var text in Id ?? new string?[] { null }) GetOne(text);
            else
                List();
        }

        private void GetOne(string? text)
        {
            if (!JobIds.TryParse(text, out var id))
            {
                WriteError(JobIds.Invalid(text));
                return;
            }
            try
            {
                WriteJob(Await(Client.GetJobAsync(id, CancelToken)));
            }
            catch (WwApiException e)
            {
                WriteApiError(e, text, id.ToString());
            }
        }

        private void List()
        {
            var filter = new JobFilter(Status, Type);
            var query = new JobListQuery
            {
                Status = filter.ServerStatus,
                Type = filter.ServerType,
                Limit = PagingParameters.First < MaxPageSize ? (int)PagingParameters.First : null,
            };
            ulong skipped = 0, written = 0;
            var pagesSeen = new HashSet<string>(StringComparer.Ordinal);
            JobPage? page = null;
            try
            {
                do
                {
                    if (PagingParameters.First == 0) break;
                    page = Await(Client.ListJobsAsync(query, page, CancelToken));
                    foreach (var job in page.Items)
                    {
                        if (!filter.Matches(job)) continue;
                        if (skipped < PagingParameters.Skip) { skipped++; continue; }
                        WriteJob(job);
                        if (++written >= PagingParameters.First) break;
                    }
                    if (written >= PagingParameters.First || !page.HasNext) break;
                    // A server that hands back a page link it gave before would keep us here for ever.
                    var next = page.NextLink ?? page.NextParameter.ToString();
                    if (!pagesSeen.Add(next))
                    {
                        WriteWarning("The job list pointed back to a page it had already given; stopping there.");
                        break;
                    }
                }
                while (true);
            }
            catch (WwApiException e)
            {
                ThrowTerminatingError(ApiErrors.ToErrorRecord(e, BaseUri?.ToString() ?? Client.Connection.BaseUri.ToString(), null));
            }
            if (PagingParameters.IncludeTotalCount)
                WriteObject(PagingParameters.NewTotalCount(written, 0.0));
        }
    }
}
