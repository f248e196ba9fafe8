using System;
using System.Threading;
using System.Threading.Tasks;
using WoodWide.Client;
using WoodWide.Model;
using WoodWide.Waiting;

namespace WoodWide.Commands
{
    /// <summary>How the wait's sweeps read the job listing: GET /jobs, the largest page the API takes, newest first.</summary>
    internal static class JobSweeps
    {
        /// <summary>The largest page GET /jobs is assumed to take (the emulator's limit; the API's is not documented).</summary>
        public const int PageSize = 100;

        /// <summary>A page of the listing after the one given, for <see cref="WaitDriver"/>; answered by the same bound as a poll.</summary>
        public static Func<object?, CancellationToken, Task<ListedPage>> Lister(JobsClient jobs, WaitPolicy policy) =>
            async (after, token) =>
            {
                var page = await jobs.ListAsync(new JobListQuery { Limit = PageSize }, after as Page<JobSummary>, token, policy.AnswerBy)
                    .ConfigureAwait(false);
                return new ListedPage(page.Items, page.HasNext ? page : null, page.NextKey);
            };
    }
}
