using System;
using System.Threading;
using System.Threading.Tasks;
using WoodWide.Client.Json;
using WoodWide.Model;

namespace WoodWide.Client
{
    /// <summary>The API's jobs: <c>GET /jobs/{job_id}</c> and <c>GET /jobs</c>, over the shared transport.</summary>
    public sealed class JobsClient
    {
        private readonly WwTransport _transport;

        public JobsClient(WwTransport transport) => _transport = transport ?? throw new ArgumentNullException(nameof(transport));

        /// <summary>GET /jobs/{job_id}. Retries end before <paramref name="deadline"/> when one is given.</summary>
        public async Task<JobDetail> GetAsync(Guid jobId, CancellationToken cancellationToken, DateTimeOffset? deadline = null)
        {
            var request = WwRequest.Get("jobs/" + jobId.ToString("D"), ApiResource.Job, "a job");
            var job = await _transport.SendAsync(request, JobJsonReader.ReadDetail, cancellationToken, deadline).ConfigureAwait(false);
            job.RetrievedAt = _transport.Clock.GetUtcNow();
            return job;
        }

        /// <summary>GET /jobs, one page of summaries. Pass the previous page to get the next one. Retries end before <paramref name="deadline"/> when one is given.</summary>
        public async Task<Page<JobSummary>> ListAsync(JobListQuery query, Page<JobSummary>? previous, CancellationToken cancellationToken,
            DateTimeOffset? deadline = null)
        {
            var target = previous?.NextLink ?? query.ToRelativeUri(previous?.NextParameter);
            var request = WwRequest.Get(target, ApiResource.JobList, "a job list");
            var page = await _transport.SendAsync(request, ReadPage, cancellationToken, deadline).ConfigureAwait(false);
            var now = _transport.Clock.GetUtcNow();
            foreach (var job in page.Items) job.RetrievedAt = now;
            return page;
        }

        private static Page<JobSummary> ReadPage(ref System.Text.Json.Utf8JsonReader reader) =>
            PageReader.Read(ref reader, JobJsonReader.ReadSummary, "job list");
    }
}
