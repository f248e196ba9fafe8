using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using WoodWide.Client;
using WoodWide.Completion;
using WoodWide.Model;
using WoodWide.Waiting;

namespace WoodWide.Commands
{
    /// <summary>
    /// Gets Wood Wide jobs: by id (GET /jobs/{job_id}, one JobDetail per id, in order, as they arrive), or the job
    /// list (GET /jobs, every page: JobSummary objects, or JobDetail ones with -Detailed) filtered by status and type.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WwJob", DefaultParameterSetName = ListSet, SupportsPaging = true, HelpUri = HelpPages.Base + "Get-WwJob.md")]
    [OutputType(typeof(JobDetail), ParameterSetName = new[] { IdSet })]
    [OutputType(typeof(JobSummary), typeof(JobDetail), ParameterSetName = new[] { ListSet })]
    public sealed class GetWwJobCommand : WwCmdlet
    {
        private const string IdSet = "Id";
        private const string ListSet = "List";
        private const int MaxPageSize = 100;

        /// <summary>Job ids (UUIDs). Binds strings, job objects and rows with an Id, JobId or job_id column.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdSet)]
        [Alias("JobId", "job_id")]
        [ArgumentCompleter(typeof(JobIdCompleter))]
        [AllowNull, AllowEmptyString, AllowEmptyCollection]
        [Id("job", Many = true)]
        public string?[] Id { get; set; } = Array.Empty<string>();

        /// <summary>Only jobs in these states (any case). A status the API does not document is sent too, with a warning.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(JobStatusCompleter))]
        public string[]? Status { get; set; }

        /// <summary>Only jobs of these types (wildcards allowed): dataset_ingest, train, infer_sync, infer_batch, or others.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(JobTypeCompleter))]
        public string[]? Type { get; set; }

        /// <summary>Each listed job in full (its JobDetail), fetched concurrently and written in the listing's order.</summary>
        [Parameter(ParameterSetName = ListSet)]
        public SwitchParameter Detailed { get; set; }

        /// <summary>How many jobs may be fetched at once (default 16); answers are still written in order.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 16;

        /// <summary>Jobs whose answers are not written yet, oldest first: at most ThrottleLimit requests in flight.</summary>
        private readonly Queue<Pending> _pending = new Queue<Pending>();

        private bool _answered;
        private ulong _idsSeen;
        private ulong _idsTaken;

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
            var ids = Ids.Each(Id);
            for (var i = 0; i < ids.Length; i++)
            {
                // -Skip and -First apply to the ids as given, bad ones included.
                if (_idsSeen++ < PagingParameters.Skip || _idsTaken >= PagingParameters.First) continue;
                _idsTaken++;
                Enqueue(ids[i]);
            }
        }

        protected override (string Noun, string NotDone) Items => ParameterSetName == IdSet ? ("job id", "fetched") : ("item", "fetched");

        protected override void End()
        {
            if (ParameterSetName != IdSet) return;
            WriteReady(untilBelow: 1);
            if (PagingParameters.IncludeTotalCount) WriteObject(PagingParameters.NewTotalCount(_idsSeen, 1.0));
        }

        private void Enqueue(string? text)
        {
            var pending = new Pending { Text = text };
            if (Ids.TryParse(text, out pending.Id))
            {
                // Once the work has halted, an id is only counted: nothing more is sent.
                if (Skip(text!)) return;
                pending.Request = Jobs.GetAsync(pending.Id, CancelToken);
            }
            _pending.Enqueue(pending);
            // Until one answer has come back, requests go one at a time: a bad key or base URI costs one request.
            WriteReady(untilBelow: _answered ? ThrottleLimit : 1);
        }

        /// <summary>
        /// A filter value the API does not document may be one it added since, so it is used; but it may be a typo, and
        /// a listing that then finds nothing says nothing, so a warning says it first.
        /// </summary>
        private void WarnAboutUndocumented(string[]? values, string[] documented, string what)
        {
            foreach (var value in values ?? Array.Empty<string>())
            {
                if (WildcardPattern.ContainsWildcardCharacters(value) || Array.Exists(documented, d => JobStatuses.Is(value, d))) continue;
                WriteWarning($"'{value}' is not a {what} the API documents ({string.Join(", ", documented)}); listing the jobs that have it anyway.");
            }
        }

        /// <summary>
        /// Writes answers in the order the ids came: every one already answered, then waits for the oldest until
        /// fewer than <paramref name="untilBelow"/> are left in flight. Once the work has halted, the rest of the line is
        /// written at once: the answers that came, and the requests the halt cancelled counted as not fetched.
        /// </summary>
        private void WriteReady(int untilBelow)
        {
            while (_pending.Count > 0)
            {
                var head = _pending.Peek();
                if (head.Request != null && !head.Request.IsCompleted && _pending.Count < untilBelow && !Halted) break;
                _pending.Dequeue();
                if (head.Request is not Task<JobDetail> request)
                {
                    Report(ErrorRecords.InvalidId("job", head.Text), head.Text);
                    continue;
                }
                ForItem(head.Text!, () => $"Job {head.Id}", () =>
                {
                    WriteJob(Await(request));
                    _answered = true;
                }, sent: true);
            }
            WriteTraces();
        }

        private const string JobListName = "The job list";

        private void List()
        {
            WarnAboutUndocumented(Status, JobStatuses.All, "status");
            WarnAboutUndocumented(Type, JobTypes.Known, "job type");
            var filter = new JobFilter(Status, Type);
            var skip = PagingParameters.Skip;
            var first = PagingParameters.First;
            var query = new JobListQuery
            {
                Status = filter.ServerStatus,
                Type = filter.ServerType,
                // A small page only when every match on it counts: a local filter or -Skip would throw most of it away.
                Limit = first < MaxPageSize && skip == 0 && !filter.IsLocal ? (int)first : null,
            };
            ulong skipped = 0, written = 0;
            var pagesSeen = new HashSet<string>(StringComparer.Ordinal);
            Page<JobSummary>? page = null;
            Listing(JobListName);
            ForItem(JobListName, () => ListingSubject(JobListName, (long)written), () =>
            {
                while (first > 0)
                {
                    page = Await(Jobs.ListAsync(query, page, CancelToken));
                    foreach (var job in page.Items)
                    {
                        if (!filter.Matches(job)) continue;
                        if (skipped < skip) { skipped++; continue; }
                        if (Detailed) Enqueue(job.JobId.ToString());
                        else WriteJob(job);
                        if (++written >= first) break;
                    }
                    if (written >= first || !page.HasNext) break;
                    // A server that hands back a page link it gave before would keep us here for ever.
                    if (!pagesSeen.Add(page.NextKey!))
                    {
                        WriteWarning("The job list pointed back to a page it had already given; stopping there.");
                        break;
                    }
                }
            });
            WriteReady(untilBelow: 1);
            if (PagingParameters.IncludeTotalCount)
                WriteObject(PagingParameters.NewTotalCount(written, 0.0));
        }
    }
}
