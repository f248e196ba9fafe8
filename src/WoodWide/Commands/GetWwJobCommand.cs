using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
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

        /// <summary>How many ids may be fetched at once (default 16); answers are still written in the order of the ids.</summary>
        [Parameter(ParameterSetName = IdSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 16;

        /// <summary>Ids whose answers are not written yet, oldest first: at most ThrottleLimit requests in flight.</summary>
        private readonly Queue<Pending> _pending = new Queue<Pending>();

        private bool _answered;

        private sealed class Pending
        {
            public string? Text;
            public Guid Id;
            public Task<JobDetail>? Request;
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != IdSet)
            {
                List();
                return;
            }
            foreach (var text in JobIds.Each(Id))
            {
                var pending = new Pending { Text = text };
                if (JobIds.TryParse(text, out pending.Id)) pending.Request = Client.GetJobAsync(pending.Id, CancelToken);
                _pending.Enqueue(pending);
                // Until one answer has come back, requests go one at a time: a bad key or base URI costs one request.
                WriteReady(untilBelow: _answered ? ThrottleLimit : 1);
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == IdSet) WriteReady(untilBelow: 1);
        }

        /// <summary>
        /// Writes answers in the order the ids came: every one already answered, then waits for the oldest until
        /// fewer than <paramref name="untilBelow"/> are left in flight.
        /// </summary>
        private void WriteReady(int untilBelow)
        {
            while (_pending.Count > 0)
            {
                var head = _pending.Peek();
                if (head.Request != null && !head.Request.IsCompleted && _pending.Count < untilBelow) break;
                _pending.Dequeue();
                if (head.Request is null)
                {
                    WriteError(JobIds.Invalid(head.Text));
                    continue;
                }
                try
                {
                    WriteJob(Await(head.Request));
                    _answered = true;
                }
                catch (WwApiException e)
                {
                    WriteApiError(e, head.Text, head.Id.ToString());
                }
            }
            WriteTraces();
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
                ThrowTerminatingError(ApiErrors.ToErrorRecord(e, Client.Connection.BaseUri.ToString(), null));
            }
            if (PagingParameters.IncludeTotalCount)
                WriteObject(PagingParameters.NewTotalCount(written, 0.0));
        }
    }
}
