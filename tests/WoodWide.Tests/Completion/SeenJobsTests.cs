using WoodWide.Completion;
using WoodWide.Model;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Completion;

/// <summary>SeenJobs is process-wide, as in-process cmdlets fill it: these run in the cmdlets' serial collection.</summary>
[Collection(PowerShellCollection.Name)]
public class SeenJobsTests : IDisposable
{
    public SeenJobsTests() => SeenJobs.Forget();

    public void Dispose() => SeenJobs.Forget();

    private static JobDetail Job(int n) => new() { JobId = new Guid(n, 0, 0, new byte[8]), Type = "train", Status = "running" };

    [Fact]
    public void Forgets_the_oldest_in_batches_and_never_holds_more_than_capacity_plus_slack()
    {
        var most = 0;
        for (var n = 1; n <= 3 * SeenJobs.Capacity; n++)
        {
            SeenJobs.Remember(Job(n));
            most = Math.Max(most, SeenJobs.Recent().Count());
        }

        Assert.Equal(SeenJobs.Capacity + SeenJobs.Slack, most);
        var kept = SeenJobs.Recent().Select(s => s.JobId).ToList();
        Assert.Equal(Job(3 * SeenJobs.Capacity).JobId, kept[0]);
        // Whatever is kept is the newest run of jobs, with no gaps.
        Assert.Equal(Enumerable.Range(3 * SeenJobs.Capacity - kept.Count + 1, kept.Count).Reverse().Select(n => Job(n).JobId), kept);
    }

    [Fact]
    public void Seeing_a_job_again_makes_it_the_newest()
    {
        SeenJobs.Remember(Job(1));
        SeenJobs.Remember(Job(2));
        SeenJobs.Remember(Job(1));

        Assert.Equal(new[] { Job(1).JobId, Job(2).JobId }, SeenJobs.Recent().Select(s => s.JobId));
    }
}
