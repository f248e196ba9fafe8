using WoodWide.Emulator;
using WoodWide.Model;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Cmdlets;

[Collection(PowerShellCollection.Name)]
public class GetWwJobListTests
{
    private readonly PowerShellFixture _ps;

    public GetWwJobListTests(PowerShellFixture ps) => _ps = ps;

    private List<JobDetail> List(string arguments = "")
    {
        var r = _ps.Run($"Get-WwJob -ApiKey $key -BaseUri $base {arguments}");
        Assert.False(r.HadErrors, string.Join("; ", r.Errors));
        return r.Output.Select(o => (JobDetail)o.BaseObject).ToList();
    }

    [Fact]
    public void Lists_every_job_across_pages_newest_first()
    {
        var jobs = List("-Verbose");

        Assert.Equal(SeedJobs.Create(DateTimeOffset.UtcNow).Count(), jobs.Count);
        Assert.Equal(jobs.Count, jobs.Select(j => j.JobId).Distinct().Count());
        Assert.Equal(jobs.OrderByDescending(j => j.CreatedAt).Select(j => j.JobId), jobs.Select(j => j.JobId));
    }

    [Fact]
    public void Follows_the_cursor_one_request_per_page()
    {
        var r = _ps.Run("Get-WwJob -ApiKey $key -BaseUri $base -Verbose");

        var pages = (int)Math.Ceiling(r.Output.Count / 4.0);
        Assert.Equal(pages, r.Streams.Verbose.Count);
        Assert.Contains(r.Streams.Verbose, v => v.Message.Contains("cursor="));
    }

    [Fact]
    public void Filters_by_status()
    {
        var jobs = List("-Status failed");

        Assert.Equal(new[] { SeedJobs.FailedTrain, SeedJobs.FailedIngest }.OrderBy(g => g), jobs.Select(j => j.JobId).OrderBy(g => g));
    }

    [Fact]
    public void Filters_by_several_statuses_on_the_client()
    {
        var jobs = List("-Status canceled,rejected");

        Assert.Equal(new[] { "canceled", "rejected" }, jobs.Select(j => j.Status).OrderBy(s => s));
    }

    [Fact]
    public void Filters_by_type_with_wildcards()
    {
        var jobs = List("-Type infer*");

        Assert.NotEmpty(jobs);
        Assert.All(jobs, j => Assert.StartsWith("infer_", j.Type));
        Assert.Contains(jobs, j => j.Type == "infer_sync");
        Assert.Contains(jobs, j => j.Type == "infer_batch");
    }

    [Fact]
    public void Stops_after_First_and_honours_Skip()
    {
        var all = List();
        var some = List("-Skip 2 -First 3");

        Assert.Equal(all.Skip(2).Take(3).Select(j => j.JobId), some.Select(j => j.JobId));
    }

    [Fact]
    public void Refuses_an_unknown_status_before_any_request()
    {
        var r = _ps.Run("Get-WwJob -ApiKey $key -BaseUri $base -Status finished -Verbose");

        Assert.Empty(r.Output);
        Assert.Contains("ParameterArgumentValidationError", Assert.Single(r.Errors).FullyQualifiedErrorId);
        Assert.Empty(r.Streams.Verbose);
    }
}
