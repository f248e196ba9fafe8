using System.Management.Automation;
using WoodWide.Emulator;
using WoodWide.Model;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Cmdlets;

[Collection(PowerShellCollection.Name)]
public class GetWwJobByIdTests
{
    private readonly PowerShellFixture _ps;

    public GetWwJobByIdTests(PowerShellFixture ps) => _ps = ps;

    private static readonly string Train = SeedJobs.SucceededTrain.ToString();
    private static readonly string Failed = SeedJobs.FailedTrain.ToString();
    private static readonly string Running = SeedJobs.RunningTrain.ToString();

    [Fact]
    public void Emits_a_typed_JobDetail_for_an_id()
    {
        var r = _ps.Run($"Get-WwJob -Id {Train} -ApiKey $key -BaseUri $base");

        var job = Assert.IsType<JobDetail>(Assert.Single(r.Output).BaseObject);
        Assert.Equal(SeedJobs.SucceededTrain, job.JobId);
        Assert.Equal("succeeded", job.Status);
        Assert.Equal(42.5, job.CreditsConsumed);
        Assert.False(r.HadErrors);
    }

    [Fact]
    public void Answers_the_cards_select_with_snake_case_names()
    {
        var r = _ps.Run($"Get-WwJob -Id {Train} -ApiKey $key -BaseUri $base | Select-Object status,credits_consumed");

        var row = Assert.Single(r.Output);
        Assert.Equal("succeeded", row.Properties["status"].Value);
        Assert.Equal(42.5, row.Properties["credits_consumed"].Value);
    }

    [Fact]
    public void Reads_nested_fields_by_either_name()
    {
        var r = _ps.Run($"$j = Get-WwJob -Id {Train} -ApiKey $key -BaseUri $base; " +
                        "$j.resources.dataset.version_number; $j.Resources.Dataset.VersionNumber; $j.created_by.api_key_id; $j.input.model_name");

        Assert.Equal(new object[] { 1L, 1L, "7e57ab1e-0000-4000-8000-0000000000e1", "churn-predictor" },
            r.Output.Select(o => o.BaseObject).ToArray());
    }

    [Fact]
    public void Streams_pipeline_ids_in_order()
    {
        var r = _ps.Run($"'{Running}', '{Train}', '{Failed}', '{Train}' | Get-WwJob -ApiKey $key -BaseUri $base");

        Assert.Equal(new[] { SeedJobs.RunningTrain, SeedJobs.SucceededTrain, SeedJobs.FailedTrain, SeedJobs.SucceededTrain },
            r.Output.Select(o => ((JobDetail)o.BaseObject).JobId));
    }

    [Fact]
    public void Keeps_the_order_of_the_ids_whatever_the_throttle()
    {
        var ids = SeedJobs.Create(DateTimeOffset.UtcNow).Select(j => j.JobId).ToList();
        var many = Enumerable.Range(0, 60).Select(i => ids[(i * 7) % ids.Count]).ToList();
        var list = string.Join(",", many.Select(g => $"'{g}'"));

        var sequential = _ps.Run($"{list} | Get-WwJob -ApiKey $key -BaseUri $base -ThrottleLimit 1");
        var concurrent = _ps.Run($"{list} | Get-WwJob -ApiKey $key -BaseUri $base -ThrottleLimit 16");

        Assert.Equal(many, sequential.Output.Select(o => ((JobDetail)o.BaseObject).JobId));
        Assert.Equal(many, concurrent.Output.Select(o => ((JobDetail)o.BaseObject).JobId));
    }

    [Theory]
    [InlineData("JobId")]
    [InlineData("job_id")]
    [InlineData("Id")]
    public void Binds_ids_by_property_name(string property)
    {
        var r = _ps.Run($"[pscustomobject]@{{ {property} = '{Failed}' }} | Get-WwJob -ApiKey $key -BaseUri $base");

        Assert.Equal(SeedJobs.FailedTrain, ((JobDetail)Assert.Single(r.Output).BaseObject).JobId);
    }

    [Fact]
    public void Takes_its_own_output_back_from_the_pipeline()
    {
        var r = _ps.Run($"Get-WwJob -Id {Running},{Train} -ApiKey $key -BaseUri $base | Get-WwJob -ApiKey $key -BaseUri $base");

        Assert.Equal(new[] { SeedJobs.RunningTrain, SeedJobs.SucceededTrain }, r.Output.Select(o => ((JobDetail)o.BaseObject).JobId));
    }

    [Fact]
    public void Reports_a_bad_id_without_a_request_and_goes_on()
    {
        var r = _ps.Run($"'not-a-guid', '', $null, '{Train}' | Get-WwJob -ApiKey $key -BaseUri $base -Verbose");

        Assert.Equal(SeedJobs.SucceededTrain, ((JobDetail)Assert.Single(r.Output).BaseObject).JobId);
        Assert.Equal(3, r.Errors.Count);
        Assert.All(r.Errors, e =>
        {
            Assert.Equal("WwInvalidJobId,WoodWide.Commands.GetWwJobCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
        });
        Assert.Equal("not-a-guid", r.Errors[0].TargetObject);
        Assert.Contains("'not-a-guid'", r.Errors[0].ToString());
        Assert.Single(r.Streams.Verbose); // one request: the valid id
    }

    [Fact]
    public void Reports_an_unknown_job_as_not_found_and_goes_on()
    {
        const string missing = "00000000-0000-4000-8000-00000000dead";
        var r = _ps.Run($"'{missing}', '{Train}' | Get-WwJob -ApiKey $key -BaseUri $base");

        Assert.Single(r.Output);
        var error = Assert.Single(r.Errors);
        Assert.Equal("WwJobNotFound,WoodWide.Commands.GetWwJobCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(missing, error.TargetObject);
        Assert.Contains("Job not found", error.ToString());
        Assert.Contains(missing, error.ToString());
    }

    [Fact]
    public void Writes_one_verbose_line_per_request()
    {
        var r = _ps.Run($"Get-WwJob -Id {Train},{Failed} -ApiKey $key -BaseUri $base -Verbose");

        Assert.Collection(r.Streams.Verbose,
            v => Assert.Matches($"^GET /jobs/{Train} -> 200 OK \\(\\d+ ms\\)$", v.Message),
            v => Assert.Matches($"^GET /jobs/{Failed} -> 200 OK \\(\\d+ ms\\)$", v.Message));
    }

    [Fact]
    public void Passes_an_unknown_job_type_through()
    {
        var r = _ps.Run($"$j = Get-WwJob -Id {SeedJobs.ExplainJob} -ApiKey $key -BaseUri $base; $j.type; $j.resources.GetType().Name; $j.resources.AdditionalProperties.source_job.id");

        Assert.Equal(new object[] { "explain", "JobResources", SeedJobs.SucceededInferBatch.ToString() }, r.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public async Task Stops_a_hung_request_when_the_pipeline_is_stopped()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            using var ps = _ps.Create();
            ps.AddScript($"Get-WwJob -Id {Train} -ApiKey $key -BaseUri 'http://127.0.0.1:{port}/'");
            var running = ps.BeginInvoke();
            // The server accepts and never answers: only cancellation can end the call before its 60 s timeout.
            using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var clock = System.Diagnostics.Stopwatch.StartNew();
            ps.Stop();

            Assert.True(running.IsCompleted);
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        }
        finally
        {
            listener.Stop();
        }
    }
}
