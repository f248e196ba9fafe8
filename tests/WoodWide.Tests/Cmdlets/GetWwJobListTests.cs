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

    private List<JobSummary> List(string arguments = "")
    {
        var r = _ps.Run($"Get-WwJob -ApiKey $key -BaseUri $base {arguments}");
        Assert.False(r.HadErrors, string.Join("; ", r.Errors));
        return r.Output.Select(o => (JobSummary)o.BaseObject).ToList();
    }

    /// <summary>The requests a listing sent, from its -Verbose lines.</summary>
    private List<string> Requests(string arguments)
    {
        var r = _ps.Run($"Get-WwJob -ApiKey $key -BaseUri $base -Verbose {arguments}");
        Assert.False(r.HadErrors, string.Join("; ", r.Errors));
        return r.Streams.Verbose.Select(v => v.Message).ToList();
    }

    private static int SeededCount => SeedJobs.Create(DateTimeOffset.UtcNow).Count();

    [Fact]
    public void Lists_every_job_across_pages_newest_first()
    {
        var jobs = List("-Verbose");

        Assert.Equal(SeededCount, jobs.Count);
        Assert.Equal(jobs.Count, jobs.Select(j => j.JobId).Distinct().Count());
        Assert.Equal(jobs.OrderByDescending(j => j.CreatedAt).Select(j => j.JobId), jobs.Select(j => j.JobId));
    }

    [Fact]
    public void A_command_downstream_that_has_enough_of_the_verbose_lines_stops_the_listing_not_the_script()
    {
        // Select-Object -First stops what is upstream of it; a trace line that swallowed that stop made the engine take
        // the next write's for a stop of the whole script, and the lines after it never ran (exit code 0, no error).
        var r = _ps.Run("Get-WwJob -ApiKey $key -BaseUri $base -Verbose 4>&1 | " +
                        "Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -First 1; 'after'; " +
                        "Get-WwJob -ApiKey $key -BaseUri $base -Verbose 4>&1 | Select-Object -First 2 | Out-Null; 'after again'");

        Assert.False(r.HadErrors, string.Join("; ", r.Errors));
        Assert.Equal(new[] { "after", "after again" }, r.Output.Skip(1).Select(o => o.BaseObject));
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

    [Theory]
    [InlineData("-Status finished", "'finished' is not a status the API documents")]
    [InlineData("-Type bogus", "'bogus' is not a job type the API documents")]
    public void Warns_about_a_filter_the_api_does_not_document_and_still_lists(string arguments, string warning)
    {
        var r = _ps.Run($"Get-WwJob -ApiKey $key -BaseUri $base {arguments}");

        Assert.Empty(r.Output);
        Assert.Empty(r.Errors);
        Assert.StartsWith(warning, Assert.Single(r.Streams.Warning).Message);
    }

    [Fact]
    public void Marks_listed_jobs_as_summaries_and_gives_details_with_Detailed()
    {
        var listed = List("-Status succeeded");
        var r = _ps.Run("Get-WwJob -ApiKey $key -BaseUri $base -Status succeeded -Detailed");

        Assert.All(listed, j => Assert.IsNotType<JobDetail>(j));
        Assert.All(listed, j => Assert.True(j.IsSummary));
        var details = r.Output.Select(o => Assert.IsType<JobDetail>(o.BaseObject)).ToList();
        Assert.Equal(listed.Select(j => j.JobId), details.Select(j => j.JobId));
        Assert.All(details, d => Assert.NotNull(d.CreditsConsumed));
        Assert.Equal("WoodWide.Model.JobSummary", _ps.Run("(Get-WwJob -ApiKey $key -BaseUri $base -First 1).PSObject.TypeNames[0]").Output.Single().ToString());
    }

    [Fact]
    public void Sums_credits_only_from_details_and_says_so_for_summaries()
    {
        // A listing has no credits: Measure-Object finds no such property and gives no sum, rather than a sum of 0.
        var fromList = _ps.Run("Get-WwJob -ApiKey $key -BaseUri $base -Status succeeded | Measure-Object CreditsConsumed -Sum");
        var fromDetails = _ps.Run("(Get-WwJob -ApiKey $key -BaseUri $base -Status succeeded -Detailed | Measure-Object CreditsConsumed -Sum).Sum");
        var piped = _ps.Run("(Get-WwJob -ApiKey $key -BaseUri $base -Status succeeded | Get-WwJob -ApiKey $key -BaseUri $base | Measure-Object credits_consumed -Sum).Sum");

        Assert.Empty(fromList.Output);
        Assert.True((double)fromDetails.Output.Single().BaseObject > 0);
        Assert.Equal(fromDetails.Output.Single().BaseObject, piped.Output.Single().BaseObject);
    }

    [Theory]
    [InlineData("-Status rejected,canceled -First 1")]
    [InlineData("-Type *ingest -First 1")]
    [InlineData("-Skip 10 -First 1")]
    public void Asks_for_full_pages_when_a_local_filter_or_Skip_would_discard_most_of_a_small_one(string arguments)
    {
        var requests = Requests(arguments);

        Assert.All(requests, line => Assert.DoesNotContain("limit=", line));
        Assert.InRange(requests.Count, 1, (int)Math.Ceiling(SeededCount / 4.0));
    }

    [Fact]
    public void Asks_for_a_page_of_First_when_the_server_applies_the_whole_filter()
    {
        var requests = Requests("-Status failed -First 1");

        Assert.Contains("status=failed&limit=1", Assert.Single(requests));
    }

    [Theory]
    [InlineData("-Type TRAIN", "-Type train")]
    [InlineData("-Type Train*", "-Type train")]
    [InlineData("-Status RUNNING", "-Status running")]
    public void Matches_types_and_statuses_whatever_their_case(string asked, string canonical)
    {
        var jobs = List(asked);

        Assert.NotEmpty(jobs);
        Assert.Equal(List(canonical).Select(j => j.JobId), jobs.Select(j => j.JobId));
    }
}
