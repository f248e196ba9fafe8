using System.Management.Automation;
using WoodWide.Client;
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
        Assert.Equal(new[] { "status", "credits_consumed" }, row.Properties.Select(p => p.Name));
        Assert.Equal("succeeded", row.Properties["status"].Value);
        Assert.Equal(42.5, row.Properties["credits_consumed"].Value);
    }

    [Fact]
    public void Names_a_selected_column_as_it_was_asked_for()
    {
        var r = _ps.Run($"Get-WwJob -Id {Train} -ApiKey $key -BaseUri $base | Select-Object Status, CreditsConsumed, TYPE");

        Assert.Equal(new[] { "Status", "CreditsConsumed", "TYPE" }, Assert.Single(r.Output).Properties.Select(p => p.Name));
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
        var r = _ps.Run($"$j = Get-WwJob -Id {SeedJobs.ExplainJob} -ApiKey $key -BaseUri $base; $j.type; $j.resources.GetType().Name; $j.resources.source_job.id");

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
            // Stopped once the request is on the wire: a connection still being made when its request is cancelled is
            // kept by HttpClient's pool for the next request (by design), which is not what this test is about.
            var buffer = new byte[4096];
            var stream = accepted.GetStream();
            var head = new System.Text.StringBuilder();
            while (!head.ToString().Contains("\r\n\r\n"))
            {
                var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.True(read > 0, "the connection closed before its request came");
                head.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            }
            // Stop returns once the pipeline has stopped; the bound is a guard against a hang, not a measure.
            await Task.Run(ps.Stop).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(running.IsCompleted);
            Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
            // The cancelled request let go of its connection: the server reads the end of the stream, not a request timeout.
            while (await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(30)) > 0) { }
        }
        finally
        {
            listener.Stop();
        }
    }

    /// <summary>The API's JobDetail fields, in the docs' order: what every serialization of a job should list, once each.</summary>
    private static readonly string[] ApiFields =
    {
        "job_id", "type", "status", "created_at", "started_at", "finished_at", "created_by", "input", "output", "resources",
        "error_message", "woodwide_runtime_version", "credits_consumed", "progress", "estimated_seconds_remaining",
    };

    [Fact]
    public void Serializes_to_json_with_each_field_once_under_the_apis_name_nested_too()
    {
        var r = _ps.Run($"Get-WwJob -Id {Train} -ApiKey $key -BaseUri $base | ConvertTo-Json -Depth 5");

        using var json = System.Text.Json.JsonDocument.Parse((string)Assert.Single(r.Output).BaseObject);
        var root = json.RootElement;
        Assert.Equal(ApiFields, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "principal_type", "user_id", "api_key_id" }, root.GetProperty("created_by").EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "type", "model", "dataset" }, root.GetProperty("resources").EnumerateObject().Select(p => p.Name));
        Assert.Equal(new[] { "id", "version_id", "version_number" }, root.GetProperty("resources").GetProperty("model").EnumerateObject().Select(p => p.Name));
        Assert.Equal(42.5, root.GetProperty("credits_consumed").GetDouble());
    }

    [Fact]
    public void Exports_one_csv_column_per_field_with_free_form_objects_as_json()
    {
        var r = _ps.Run($"Get-WwJob -Id {Train} -ApiKey $key -BaseUri $base | ConvertTo-Csv");

        var header = ((string)r.Output[0].BaseObject).Split(',').Select(h => h.Trim('"'));
        Assert.Equal(ApiFields, header);
        var row = (string)r.Output[1].BaseObject;
        Assert.Contains("{\"\"model_name\"\":\"\"churn-predictor\"\"", row);
        Assert.DoesNotContain("System.Collections", row);
    }

    [Fact]
    public void Lists_each_field_once_in_Format_List_star()
    {
        var r = _ps.Run($"Get-WwJob -Id {Train} -ApiKey $key -BaseUri $base | Format-List * | Out-String -Width 200");

        var names = ((string)Assert.Single(r.Output).BaseObject).Split('\n')
            .Where(line => line.Contains(" : ")).Select(line => line.Split(" : ")[0].Trim()).ToArray();
        Assert.Equal(ApiFields, names);
    }

    [Fact]
    public void Keeps_fields_the_api_adds_later_as_properties_at_every_level()
    {
        var job = _ps.CreateJob(running: 0);
        var r = _ps.Run($"$j = Get-WwJob -Id {SeedJobs.ExplainJob} -ApiKey $key -BaseUri $base; " +
                        "$j.resources.source_job.id; $j.created_by.principal_type; ($j.resources.PSObject.Properties.Name -join ',')");

        Assert.Equal(new object[] { SeedJobs.SucceededInferBatch.ToString(), "api_key", "type,source_job" }, r.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Shows_a_job_id_as_plain_text_not_a_Guid_table()
    {
        var r = _ps.Run($"$id = (Get-WwJob -Id {Train} -ApiKey $key -BaseUri $base).JobId; $id.GetType().Name; $id | Out-String");

        Assert.Equal("String", r.Output[0].BaseObject);
        Assert.Equal(Train, ((string)r.Output[1].BaseObject).Trim());
    }

    [Fact]
    public void Cuts_an_id_it_echoes_to_a_readable_length_on_every_kind_of_id()
    {
        var r = _ps.Run("$big = 'z' * 1MB; Get-WwJob -Id $big -ApiKey $key -BaseUri $base; Get-WwDataset -Id $big -ApiKey $key -BaseUri $base; Get-WwModel -Id $big -ApiKey $key -BaseUri $base");

        Assert.Equal(3, r.Errors.Count);
        Assert.All(r.Errors, e => Assert.InRange(e.ToString().Length, 50, 1000));
        Assert.All(r.Errors, e => Assert.Contains("(1,048,576 characters)", e.ToString()));
    }

    [Fact]
    public void Applies_First_Skip_and_IncludeTotalCount_to_the_ids()
    {
        var r = _ps.Run($"Get-WwJob -Id {Running},{Train},{Failed},{Train} -Skip 1 -First 2 -IncludeTotalCount -ApiKey $key -BaseUri $base -Verbose");

        Assert.Equal(new[] { SeedJobs.SucceededTrain, SeedJobs.FailedTrain }, r.Output.Take(2).Select(o => ((JobDetail)o.BaseObject).JobId));
        Assert.Equal(4UL, r.Output[2].BaseObject);
        Assert.Equal(2, r.Streams.Verbose.Count);
    }

    [Fact]
    public void Ends_at_the_first_id_when_no_connection_can_be_made()
    {
        var ids = string.Join(",", Enumerable.Repeat(Train, 6));

        var r = _ps.Run($"Get-WwJob -Id {ids} -ApiKey $key -BaseUri '{ClosedPort.BaseUri()}' -Verbose");

        var error = Assert.Single(r.Errors);
        Assert.Equal("WwConnectionFailed,WoodWide.Commands.GetWwJobCommand", error.FullyQualifiedErrorId);
        // Counted exactly: the first, which met the fault, and the five not sent.
        Assert.Contains("6 job ids were not fetched", error.ToString());
        Assert.Equal(6, ((object[])error.TargetObject).Length);
        // One request and its retries; the five other ids sent nothing.
        Assert.Equal(RetryPolicy.Default.MaxRetries + 1, r.Streams.Verbose.Count);
    }

    [Fact]
    public void Ends_at_the_third_different_id_in_a_5xx_storm_with_fewer_retries_after_the_first()
    {
        _ps.Reset(_ps.Emulator);
        _ps.Fault(_ps.Emulator, new { kind = "status", status = 503, count = 100, path = "/jobs/" });
        try
        {
            var r = _ps.Run($"Get-WwJob -Id {Train},{Failed},{Running},{Train},{Failed},{Running} -ApiKey $key -BaseUri $base");

            // The first two are their own errors (a 5xx may be one job's); the third in a row is the server's.
            Assert.Equal(3, r.Errors.Count);
            Assert.All(r.Errors, e => Assert.Equal("WwServiceUnavailable,WoodWide.Commands.GetWwJobCommand", e.FullyQualifiedErrorId));
            Assert.Equal(new object[] { Train }, new[] { r.Errors[0].TargetObject });
            Assert.Equal(new[] { Running, Train, Failed, Running }, (object[])r.Errors[2].TargetObject);
            Assert.Contains("4 job ids were not fetched", r.Errors[2].Exception.Message);
            // The first id had its retries; once the streak held, one retry each.
            Assert.Equal(RetryPolicy.Default.MaxRetries + 1, _ps.Requests(_ps.Emulator, "/jobs/" + Train));
            Assert.Equal(2, _ps.Requests(_ps.Emulator, "/jobs/" + Failed));
            Assert.Equal(2, _ps.Requests(_ps.Emulator, "/jobs/" + Running));
        }
        finally
        {
            _ps.Reset(_ps.Emulator);
        }
    }

    [Fact]
    public void Ends_at_the_third_different_id_when_the_base_path_is_not_the_apis()
    {
        var r = _ps.Run($"Get-WwJob -Id {Train},{Failed},{Running},{Train},{Failed} -ApiKey $key -BaseUri \"$($base)wrong/\"");

        // No such path for three different ids in a row: the base URI, not the jobs; the rest are not asked for.
        Assert.Equal(3, r.Errors.Count);
        Assert.All(r.Errors, e => Assert.Equal("WwNotFound,WoodWide.Commands.GetWwJobCommand", e.FullyQualifiedErrorId));
        Assert.Equal(new[] { Running, Train, Failed }, (object[])r.Errors[2].TargetObject);
        Assert.Contains("3 job ids were not fetched", r.Errors[2].Exception.Message);
        Assert.Contains("-BaseUri", r.Errors[2].ErrorDetails.RecommendedAction);
        Assert.Equal(3, _ps.RequestsUnder(_ps.Emulator, "/wrong/"));
    }
}
