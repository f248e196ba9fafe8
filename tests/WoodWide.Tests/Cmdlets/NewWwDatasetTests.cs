using System.Management.Automation;
using WoodWide.Model;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Cmdlets;

/// <summary>New-WwDataset and Get-WwDataset in-process, against the living emulator over loopback.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class NewWwDatasetTests : IDisposable
{
    private readonly PowerShellFixture _ps;
    private readonly string _folder = Directory.CreateTempSubdirectory("ww-datasets-").FullName;

    public NewWwDatasetTests(PowerShellFixture ps)
    {
        _ps = ps;
        _ps.Reset(_ps.Living);
    }

    public void Dispose()
    {
        _ps.Reset(_ps.Living);
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A CSV file of about <paramref name="bytes"/> bytes in this test's folder.</summary>
    private string Csv(string name, long bytes = 100)
    {
        var path = Path.Combine(_folder, name);
        using var writer = new StreamWriter(path);
        writer.Write("tenure_months,monthly_spend,churned\n");
        for (var row = 0; writer.BaseStream.Position < bytes; row++) writer.Write($"{row % 72},{20 + row % 50}.5,{row % 2}\n");
        return path;
    }

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}";

    private Invocation New(string arguments) => _ps.Run($"New-WwDataset {arguments} -ApiKey $key -BaseUri $live");

    private static DatasetUpload Upload(Invocation r) => Assert.IsType<DatasetUpload>(Assert.Single(r.Output).BaseObject);

    [Fact]
    public void Uploads_a_small_file_straight_to_POST_datasets()
    {
        var file = Csv("churn.csv");
        var name = Unique("churn");

        var r = New($"-Path '{file}' -Name {name} -Verbose");

        Assert.Empty(r.Errors);
        var upload = Upload(r);
        Assert.NotEqual(Guid.Empty, upload.JobId);
        Assert.Equal("queued", upload.Status);
        Assert.Equal(1L, upload.VersionNumber);
        Assert.NotNull(upload.DatasetId);
        Assert.Equal(new FileInfo(file).Length, upload.Bytes);
        Assert.Equal(1, _ps.Requests(_ps.Living, "/datasets"));
        Assert.Equal(0, _ps.Requests(_ps.Living, "/datasets/upload"));
        Assert.DoesNotContain(TestKeys.Secret, r.AllText());
    }

    [Fact]
    public void A_datasets_fields_read_by_either_spelling_and_its_times_compare_as_times()
    {
        var name = Unique("dated");
        Assert.Empty(New($"-Path '{Csv("dated.csv")}' -Name {name}").Errors);

        var r = _ps.Run($"$d = Get-WwDataset -ApiKey $key -BaseUri $live | Where-Object name -eq '{name}'; " +
                        "$d.created_at.GetType().Name; $d.CreatedAt -eq $d.created_at; $d.VersionCount -eq $d.version_count; $d.VersionCount; " +
                        "@(Get-WwDataset -ApiKey $key -BaseUri $live | Where-Object created_at -gt (Get-Date).AddYears(5)).Count");

        Assert.Empty(r.Errors);
        Assert.Equal(new object[] { "DateTimeOffset", true, true, 1L, 0 }, r.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Pipes_into_Wait_WwJob_and_Get_WwDataset_with_no_glue()
    {
        var file = Csv("pipeline.csv");

        var r = _ps.Run($"New-WwDataset -Path '{file}' -Name {Unique("pipeline")} -ApiKey $key -BaseUri $live | " +
                        "Wait-WwJob -ApiKey $key -BaseUri $live -PollIntervalSec 0.2 -InformationAction Ignore | Get-WwDataset -ApiKey $key -BaseUri $live");

        Assert.Empty(r.Errors);
        var version = Assert.IsType<DatasetVersion>(Assert.Single(r.Output).BaseObject);
        Assert.Equal("ready", version.Status);
        Assert.Equal(new FileInfo(file).Length, version.ByteSize);
        Assert.Equal(new object[] { "tenure_months", "monthly_spend", "churned" },
            _ps.Run($"(Get-WwDataset -Id {version.DatasetId} -VersionId {version.DatasetVersionId} -ApiKey $key -BaseUri $live).schema_json.columns.name")
                .Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Sends_the_bytes_by_signed_url_without_the_key_when_asked()
    {
        var file = Csv("signed.csv", 5000);

        var r = New($"-Path '{file}' -Name {Unique("signed")} -UseSignedUrl -Verbose");

        Assert.Empty(r.Errors);
        Assert.NotEqual(Guid.Empty, Upload(r).JobId);
        Assert.Equal(1, _ps.Requests(_ps.Living, "/datasets/upload"));
        // The emulator's storage refuses any request that carries an Authorization header: one PUT, accepted.
        Assert.Equal(1, _ps.RequestsUnder(_ps.Living, "/_storage/"));
        Assert.Equal(1, _ps.RequestsUnder(_ps.Living, "/datasets/") - 1);
        Assert.Contains(r.Streams.Verbose, v => v.Message.StartsWith("PUT http://127.0.0.1:") && v.Message.Contains("(signed URL) -> 200"));
        Assert.DoesNotContain(r.Streams.Verbose, v => v.Message.Contains("/_storage/"));
    }

    [Fact]
    public void Sends_a_file_over_30_MB_by_signed_url_and_streams_it()
    {
        var file = Csv("large.csv", 31L * 1024 * 1024);

        var r = _ps.Run($"New-WwDataset -Path '{file}' -Name {Unique("large")} -ApiKey $key -BaseUri $live | " +
                        "Wait-WwJob -ApiKey $key -BaseUri $live -PollIntervalSec 0.2 -InformationAction Ignore | Get-WwDataset -ApiKey $key -BaseUri $live");

        Assert.Empty(r.Errors);
        Assert.Equal(new FileInfo(file).Length, Assert.IsType<DatasetVersion>(Assert.Single(r.Output).BaseObject).ByteSize);
        Assert.Equal(0, _ps.Requests(_ps.Living, "/datasets"));
        Assert.Equal(1, _ps.Requests(_ps.Living, "/datasets/upload"));
    }

    [Fact]
    public void Retries_a_failed_put_from_the_start_of_the_file_and_completes_only_after_it()
    {
        var file = Csv("retried.csv", 20_000);
        _ps.Fault(_ps.Living, new { kind = "status", status = 503, count = 1, path = "/_storage/" });

        var r = _ps.Run($"New-WwDataset -Path '{file}' -Name {Unique("retried")} -UseSignedUrl -ApiKey $key -BaseUri $live | " +
                        "Wait-WwJob -ApiKey $key -BaseUri $live -PollIntervalSec 0.2 -InformationAction Ignore");

        Assert.Empty(r.Errors);
        Assert.Equal("succeeded", Assert.IsType<JobDetail>(Assert.Single(r.Output).BaseObject).Status);
        Assert.Equal(2, _ps.RequestsUnder(_ps.Living, "/_storage/"));
    }

    [Theory]
    [InlineData("put", "WwPermissionDenied", "was made, but it has no data yet")]
    [InlineData("complete", "WwServiceUnavailable", "was made; unless the API received the completion before the failure, it has no data yet")]
    public void After_a_signed_upload_fails_part_way_names_what_was_made_and_the_command_that_recovers(string failing, string errorId, string said)
    {
        var file = Csv($"stranded-{failing}.csv", 2000);
        var name = Unique("stranded");
        if (failing == "put")
        {
            // Storage refuses the bytes (an expired signature, say): not retried.
            _ps.Fault(_ps.Living, new { kind = "status", status = 403, count = 1, path = "/_storage/" });
        }
        else
        {
            // /upload goes through untouched (a no-op delay takes the first rule), then /complete fails with a 500.
            _ps.Fault(_ps.Living, new { kind = "delay", delay_ms = 0, count = 1, path = "/datasets/upload" });
            _ps.Fault(_ps.Living, new { kind = "status", status = 500, count = 1, path = "/datasets/" });
        }

        var r = New($"-Path '{file}' -Name {name} -UseSignedUrl");

        var error = Assert.Single(r.Errors);
        Assert.Equal($"{errorId},WoodWide.Commands.NewWwDatasetCommand", error.FullyQualifiedErrorId);
        var dataset = (Dataset)Assert.Single(_ps.Run($"Get-WwDataset -ApiKey $key -BaseUri $live | Where-Object name -eq '{name}'").Output).BaseObject;
        var version = (System.Collections.IDictionary)_ps.Run($"(Get-WwDataset -Id {dataset.DatasetId} -ApiKey $key -BaseUri $live).current_version").Output.Single().BaseObject;
        Assert.Contains($"Dataset {dataset.DatasetId} version 1 ({version["dataset_version_id"]}) {said}: ingest job {version["ingest_job_id"]} waits for the upload.", error.ToString());
        var advice = error.ErrorDetails.RecommendedAction;
        Assert.EndsWith($": New-WwDataset -Path '{file}' -DatasetId {dataset.DatasetId} -Override -UseSignedUrl", advice);

        // The advice, pasted as it is, fills that version and its ingest goes through.
        var recovered = RunAdvice(advice + " | Wait-WwJob -PollIntervalSec 0.2 -InformationAction Ignore");
        Assert.Empty(recovered.Errors);
        Assert.Equal("succeeded", Assert.IsType<JobDetail>(Assert.Single(recovered.Output).BaseObject).Status);
        Assert.Equal(1L, _ps.Run($"(Get-WwDataset -Id {dataset.DatasetId} -ApiKey $key -BaseUri $live).version_count").Output.Single().BaseObject);
    }

    [Fact]
    public void Never_sends_the_upload_twice_when_the_connection_drops_after_the_api_acted()
    {
        var file = Csv("dropped.csv");
        var name = Unique("dropped");
        _ps.Fault(_ps.Living, new { kind = "drop_after", count = 1, path = "/datasets" });

        var r = New($"-Path '{file}' -Name {name}");

        var error = Assert.Single(r.Errors);
        Assert.Equal("WwConnectionFailed,WoodWide.Commands.NewWwDatasetCommand", error.FullyQualifiedErrorId);
        // Sentences, each after a period: "...: Connection reset by peer. The API may have received...", then the halt,
        // which counts no file as not uploaded: this one may have been.
        Assert.Matches(@"^Upload of dropped\.csv: [^\n]*[^.]\. The API may have received the upload before the failure, so it was not sent again\. " +
            @"Stopped there, since every request to this server fails so for now\.$", error.ToString());
        Assert.Equal(error.ToString(), error.Exception.Message);
        // No file is left not done, so the target is the one whose upload met the fault, not an empty list.
        Assert.Equal(file, error.TargetObject?.ToString());
        Assert.EndsWith($": Get-WwDataset | Where-Object name -eq '{name}'", error.ErrorDetails.RecommendedAction);
        Assert.Equal(1, _ps.Requests(_ps.Living, "/datasets"));
        // The API did act, and the advice finds what it made: the dataset, once.
        var found = RunAdvice(error.ErrorDetails.RecommendedAction);
        Assert.Equal(name, ((Dataset)Assert.Single(found.Output).BaseObject).Name);
    }

    [Fact]
    public void After_a_dropped_new_version_points_at_the_ingest_jobs_in_any_state()
    {
        var first = Upload(New($"-Path '{Csv("kept.csv")}' -Name {Unique("kept")}"));
        _ps.Fault(_ps.Living, new { kind = "drop_after", count = 1, path = "/datasets" });

        var r = New($"-Path '{Csv("dropped-version.csv")}' -DatasetId {first.DatasetId}");

        var error = Assert.Single(r.Errors);
        Assert.Contains(". The API may have received the upload", error.ToString());
        // Not only the queued ones: by the time a user looks, the job may be running or done.
        Assert.EndsWith(": Get-WwJob -Type dataset_ingest -First 5", error.ErrorDetails.RecommendedAction);
        var made = _ps.Run($"(Get-WwDataset -Id {first.DatasetId} -ApiKey $key -BaseUri $live).current_version.ingest_job_id").Output.Single().ToString();
        var listed = RunAdvice(error.ErrorDetails.RecommendedAction).Output.Select(o => ((JobSummary)o.BaseObject).JobId.ToString());
        Assert.Contains(made, listed);
    }

    /// <summary>Runs the command an error's advice ends with, as a user would paste it, against this test's emulator.</summary>
    private Invocation RunAdvice(string advice) =>
        _ps.Run("& { $PSDefaultParameterValues = @{ '*-Ww*:ApiKey' = $key; '*-Ww*:BaseUri' = $live }; " + advice[(advice.LastIndexOf(": ") + 2)..] + " }");

    [Fact]
    public void Says_a_dataset_name_is_taken_and_goes_on_with_the_next_file()
    {
        var name = Unique("taken");
        New($"-Path '{Csv("first.csv")}' -Name {name}");

        var r = _ps.Run($"'{Csv("second.csv")}', '{Csv("third.csv")}' | New-WwDataset -Name {name} -ApiKey $key -BaseUri $live");

        Assert.Equal(2, r.Errors.Count);
        Assert.All(r.Errors, e =>
        {
            Assert.Equal("WwDatasetExists,WoodWide.Commands.NewWwDatasetCommand", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ResourceExists, e.CategoryInfo.Category);
            Assert.Contains($"'{name}' already exists", e.ToString());
        });
        // Said once: the API's message and the status, after the file's name.
        Assert.Equal($"Upload of second.csv: A dataset named '{name}' already exists. (HTTP 400 Bad Request)", r.Errors[0].ToString());
        // The advice names the dataset that holds the name, and its command adds the file as that dataset's version.
        var id = _ps.Run($"Get-WwDataset -ApiKey $key -BaseUri $live | Where-Object name -eq '{name}' | ForEach-Object DatasetId").Output.Single().BaseObject;
        var advice = r.Errors[0].ErrorDetails.RecommendedAction;
        Assert.Contains($"The name is dataset {id}'s", advice);
        Assert.EndsWith($"New-WwDataset -LiteralPath '{Path.Combine(_folder, "second.csv")}' -DatasetId {id}", advice);
        var version = RunAdvice(advice);
        Assert.Empty(version.Errors);
        Assert.Equal(Guid.Parse(id.ToString()!), Upload(version).DatasetId);
    }

    [Fact]
    public void Uploads_each_file_get_childitem_pipes_named_after_it()
    {
        var stamp = Guid.NewGuid().ToString("N")[..8];
        Csv($"a-{stamp}.csv");
        Csv($"b-{stamp}.csv");

        var r = _ps.Run($"Get-ChildItem '{_folder}' -Filter *-{stamp}.csv | New-WwDataset -ApiKey $key -BaseUri $live");

        Assert.Empty(r.Errors);
        Assert.Equal(2, r.Output.Count);
        var names = _ps.Run("Get-WwDataset -ApiKey $key -BaseUri $live").Output.Select(o => ((Dataset)o.BaseObject).Name).ToList();
        Assert.Contains($"a-{stamp}", names);
        Assert.Contains($"b-{stamp}", names);
    }

    [Fact]
    public void Names_and_describes_each_dataset_from_the_columns_of_a_piped_row()
    {
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var north = Csv($"north-{stamp}.csv");
        var south = Csv($"south-{stamp}.csv");
        var rows = System.IO.Path.Combine(_folder, $"uploads-{stamp}.csv");
        var bracketed = Csv($"gam[ma]-{stamp}.csv");
        // A DatasetId column left empty on rows that make new datasets: an empty cell gives no id.
        File.WriteAllText(rows, $"Path,Name,Description,DatasetId\n{north},sales-north-{stamp},Q3 north,\n{south},,,\n");

        var r = _ps.Run($"Import-Csv '{rows}' | New-WwDataset -ApiKey $key -BaseUri $live; " +
                        $"Get-ChildItem -LiteralPath '{bracketed}' | New-WwDataset -ApiKey $key -BaseUri $live");

        Assert.Empty(r.Errors);
        Assert.Equal(3, r.Output.Count);
        var datasets = _ps.Run("Get-WwDataset -ApiKey $key -BaseUri $live").Output.Select(o => (Dataset)o.BaseObject).ToList();
        var named = Assert.Single(datasets, d => d.Name == $"sales-north-{stamp}");
        Assert.Equal("Q3 north", named.AdditionalProperties["description"]);
        // An empty cell is no name: the dataset is named after its file, as with no column at all.
        Assert.Single(datasets, d => d.Name == $"south-{stamp}");
        // A file whose name has wildcards is named after its base name too, not its Name with the extension.
        Assert.Single(datasets, d => d.Name == $"gam[ma]-{stamp}");
    }

    [Fact]
    public void Refuses_an_empty_name_given_on_the_command_line_before_any_request()
    {
        var r = New($"-Path '{Csv("unnamed.csv")}' -Name ''");

        var error = Assert.Single(r.Errors);
        Assert.Equal("WwInvalidArgument,WoodWide.Commands.NewWwDatasetCommand", error.FullyQualifiedErrorId);
        Assert.Empty(r.Output);
        Assert.Equal(0, _ps.Requests(_ps.Living, "/datasets"));
    }

    [Fact]
    public void Adds_a_version_to_a_piped_dataset_without_taking_its_name_for_a_new_one()
    {
        var first = Upload(New($"-Path '{Csv("piped-v1.csv")}' -Name {Unique("piped")}"));

        var r = _ps.Run($"Get-WwDataset -Id {first.DatasetId} -ApiKey $key -BaseUri $live | New-WwDataset -Path '{Csv("piped-v2.csv")}' -ApiKey $key -BaseUri $live");

        Assert.Empty(r.Errors);
        Assert.Equal(first.DatasetId, Upload(r).DatasetId);
        Assert.Equal(2L, Upload(r).VersionNumber);
    }

    [Fact]
    public void Adds_a_version_to_an_existing_dataset()
    {
        var first = Upload(New($"-Path '{Csv("v1.csv")}' -Name {Unique("versions")}"));

        var second = Upload(New($"-Path '{Csv("v2.csv")}' -DatasetId {first.DatasetId}"));

        Assert.Equal(first.DatasetId, second.DatasetId);
        Assert.Equal(2L, second.VersionNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-UseSignedUrl")]
    public void A_description_given_with_a_new_version_becomes_the_datasets(string how)
    {
        var first = Upload(New($"-Path '{Csv("d1.csv")}' -Name {Unique("described")} -Description one"));

        var r = New($"-Path '{Csv("d2.csv")}' -DatasetId {first.DatasetId} -Description two {how}");

        Assert.Empty(r.Errors);
        var shown = _ps.Run($"(Get-WwDataset -Id {first.DatasetId} -ApiKey $key -BaseUri $live).description");
        Assert.Equal("two", Assert.Single(shown.Output).BaseObject);
    }

    [Theory]
    [InlineData("missing.csv", "WwFileNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData("", "WwInvalidFile", ErrorCategory.InvalidArgument)]
    [InlineData("empty.csv", "WwInvalidFile", ErrorCategory.InvalidArgument)]
    public void Refuses_bad_files_before_any_request(string name, string errorId, ErrorCategory category)
    {
        File.WriteAllBytes(Path.Combine(_folder, "empty.csv"), Array.Empty<byte>());
        var path = name.Length == 0 ? _folder : Path.Combine(_folder, name);

        var r = New($"-Path '{path}' -Name {Unique("bad")} -Verbose");

        var error = Assert.Single(r.Errors);
        Assert.Equal($"{errorId},WoodWide.Commands.NewWwDatasetCommand", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        // A missing file is the exception Get-Item's is, for a catch that names it.
        if (errorId == "WwFileNotFound") Assert.IsType<ItemNotFoundException>(error.Exception);
        Assert.Empty(r.Output);
        Assert.DoesNotContain(r.Streams.Verbose, v => v.Message.Contains(" -> "));
        Assert.Equal(0, _ps.RequestsUnder(_ps.Living, "/datasets"));
    }

    [Fact]
    public void Refuses_a_dataset_id_that_is_not_a_uuid_naming_it()
    {
        var r = New($"-Path '{Csv("x.csv")}' -DatasetId not-a-uuid");

        Assert.Contains("'not-a-uuid' is not a dataset id", Assert.Single(r.Errors).ToString());
        Assert.Equal(0, _ps.RequestsUnder(_ps.Living, "/datasets"));
    }

    [Fact]
    public void Uploads_each_file_a_pattern_matches_and_says_when_a_pattern_matches_none()
    {
        var stamp = Guid.NewGuid().ToString("N")[..8];
        Csv($"part-1-{stamp}.csv");
        Csv($"part-2-{stamp}.csv");
        Csv($"other-{stamp}.csv");

        var r = New($"-Path '{_folder}/part-*-{stamp}.csv', '{_folder}/none-*-{stamp}.csv', '{_folder}/other-{stamp}.csv'");

        Assert.Equal(new[] { $"part-1-{stamp}", $"part-2-{stamp}", $"other-{stamp}" },
            r.Output.Select(o => Path.GetFileNameWithoutExtension(((DatasetUpload)o.BaseObject).Path!)));
        var none = Assert.Single(r.Errors);
        Assert.Equal("WwFileNotFound", none.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal($"{_folder}/none-*-{stamp}.csv", none.TargetObject);
        Assert.Contains("No file matches", none.Exception.Message);
    }

    [Fact]
    public void Takes_several_paths_and_a_name_with_brackets_as_that_file()
    {
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var a = Csv($"a-{stamp}.csv");
        var b = Csv($"b-{stamp}.csv");
        var bracketed = Csv($"sales[{stamp}].csv");

        // A list (before: "Cannot convert System.Object[] to System.String"), -LiteralPath, and a file piped from
        // Get-ChildItem whose name is a pattern to -Path; then -Name with two files, which it cannot name both.
        var r = _ps.Run($"New-WwDataset -Path '{a}', '{b}' -ApiKey $key -BaseUri $live; " +
                        $"New-WwDataset -LiteralPath '{bracketed}' -Name lit-{stamp} -ApiKey $key -BaseUri $live; " +
                        $"Get-ChildItem -LiteralPath '{bracketed}' | New-WwDataset -Name piped-{stamp} -ApiKey $key -BaseUri $live; " +
                        $"Get-Item -LiteralPath '{bracketed}' | Select-Object PSPath | New-WwDataset -Name pspath-{stamp} -ApiKey $key -BaseUri $live; " +
                        $"New-WwDataset -Path '{a}', '{b}' -Name both-{stamp} -ApiKey $key -BaseUri $live");

        Assert.Equal(new[] { a, b, bracketed, bracketed, bracketed }, r.Output.Select(o => ((DatasetUpload)o.BaseObject).Path));
        Assert.Equal("WwInvalidArgument", Assert.Single(r.Errors).FullyQualifiedErrorId.Split(',')[0]);
    }

    [Fact]
    public void Checks_each_id_of_a_list_on_the_command_line_as_its_own_item()
    {
        var b = Upload(New($"-Path '{Csv("b.csv")}' -Name {Unique("b")}")).DatasetId;

        // One bad element of a list given to -Id is that id's error: the binding does not fail for the whole list.
        var r = _ps.Run($"Get-WwDataset -Id 'not-an-id', '{b}' -ApiKey $key -BaseUri $live; " +
                        $"New-WwDataset -Path '{Csv("v.csv")}' -DatasetId 'nope' -ApiKey $key -BaseUri $live; " +
                        $"[pscustomobject]@{{ DatasetId = [guid]'{b}' }} | Get-WwDataset -ApiKey $key -BaseUri $live");

        Assert.Equal(new[] { "WwInvalidDatasetId", "WwInvalidDatasetId" }, r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(new object[] { "not-an-id", "nope" }, r.Errors.Select(e => e.TargetObject));
        Assert.Equal("'not-an-id' is not a dataset id. Ids are UUIDs, like 3f2504e0-4f89-41d3-9a0c-0305e82c3301.", r.Errors[0].Exception.Message);
        // The good id was fetched, and a Guid property of any object binds by name.
        Assert.Equal(new Guid?[] { b, b }, r.Output.Select(o => ((Dataset)o.BaseObject).DatasetId));
    }

    [Fact]
    public void Sends_nothing_with_WhatIf()
    {
        var r = _ps.Run($"New-WwDataset -Path '{Csv("whatif.csv")}' -Name whatif -WhatIf -ApiKey $key -BaseUri $live 6>&1 | Out-String");

        Assert.Empty(r.Errors);
        Assert.Equal(0, _ps.RequestsUnder(_ps.Living, "/datasets"));
    }

    [Fact]
    public void Gets_a_dataset_unwrapped_and_says_when_one_is_not_there()
    {
        var upload = Upload(New($"-Path '{Csv("get.csv")}' -Name {Unique("get")}"));

        var found = _ps.Run($"Get-WwDataset -Id {upload.DatasetId} -ApiKey $key -BaseUri $live");
        var missing = _ps.Run($"Get-WwDataset -Id {Guid.NewGuid()} -ApiKey $key -BaseUri $live");

        var dataset = Assert.IsType<Dataset>(Assert.Single(found.Output).BaseObject);
        Assert.Equal(upload.DatasetId, dataset.DatasetId);
        Assert.Equal("WwDatasetNotFound,WoodWide.Commands.GetWwDatasetCommand", Assert.Single(missing.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Gets_datasets_by_ids_given_by_value_or_as_a_list_each_checked()
    {
        var a = Upload(New($"-Path '{Csv("a.csv")}' -Name {Unique("a")}")).DatasetId;
        var b = Upload(New($"-Path '{Csv("b.csv")}' -Name {Unique("b")}")).DatasetId;
        List<Guid?> Ids(Invocation r) => r.Output.Select(o => ((Dataset)o.BaseObject).DatasetId).ToList();

        var piped = _ps.Run($"'{a}', [guid]'{b}' | Get-WwDataset -ApiKey $key -BaseUri $live");
        var listed = _ps.Run($"Get-WwDataset -Id '{a}', '{b}' -ApiKey $key -BaseUri $live");
        var mixed = _ps.Run($"'not-an-id', '{b}' | Get-WwDataset -ApiKey $key -BaseUri $live");

        Assert.Empty(piped.Errors);
        Assert.Equal(new Guid?[] { a, b }, Ids(piped));
        Assert.Empty(listed.Errors);
        Assert.Equal(new Guid?[] { a, b }, Ids(listed));
        // A bad one is refused, naming it, before any request for it; the rest go on.
        Assert.Contains("'not-an-id' is not a dataset id", Assert.Single(mixed.Errors).ToString());
        Assert.Equal(new Guid?[] { b }, Ids(mixed));
    }

    [Fact]
    public void Refuses_a_version_id_with_more_than_one_dataset_id_before_any_request()
    {
        var upload = Upload(New($"-Path '{Csv("one.csv")}' -Name {Unique("one")}"));
        _ps.Reset(_ps.Living);

        var r = _ps.Run($"Get-WwDataset -Id {upload.DatasetId}, {Guid.NewGuid()} -VersionId {upload.DatasetVersionId} -ApiKey $key -BaseUri $live");

        var error = Assert.Single(r.Errors);
        Assert.Equal("WwInvalidArgument,WoodWide.Commands.GetWwDatasetCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-VersionId names a version of one dataset, but -Id has 2 ids", error.ToString());
        Assert.Empty(r.Output);
        Assert.Equal(0, _ps.RequestsUnder(_ps.Living, "/datasets"));
    }

    [Fact]
    public void Draws_a_bar_with_bytes_and_rate_for_an_upload_that_takes_a_while_and_completes_it()
    {
        var file = Csv("slow.csv", 4L * 1024 * 1024);
        // Storage that answers only after two seconds: the upload outlasts the half second before a bar is drawn.
        _ps.Fault(_ps.Living, new { kind = "delay", delay_ms = 2000, count = 1, path = "/_storage/" });

        var r = New($"-Path '{file}' -Name {Unique("slow")} -UseSignedUrl");

        Assert.Empty(r.Errors);
        var bars = r.Streams.Progress.Where(p => p.Activity == "Uploading slow.csv").ToList();
        Assert.Contains(bars, p => p.RecordType == ProgressRecordType.Processing && p.StatusDescription.Contains(" of 4.0 MB at "));
        Assert.Equal(ProgressRecordType.Completed, bars[^1].RecordType);
    }

    [Fact]
    public async Task Completes_the_bar_and_stops_promptly_when_the_pipeline_is_stopped()
    {
        var file = Csv("stopped.csv", 4L * 1024 * 1024);
        _ps.Fault(_ps.Living, new { kind = "hang", count = 1, path = "/_storage/" });
        var run = await _ps.StopAtFirstBar($"New-WwDataset -Path '{file}' -Name {Unique("stopped")} -UseSignedUrl -ApiKey $key -BaseUri $live");

        Assert.True(run.Returned);
        Assert.Equal(PSInvocationState.Stopped, run.State);
        Assert.Equal(ProgressRecordType.Completed, run.Progress[^1].RecordType);
        // /complete was never sent: the bytes never arrived.
        Assert.Equal(0, _ps.RequestsUnder(_ps.Living, "/datasets/") - _ps.Requests(_ps.Living, "/datasets/upload"));
    }
}
