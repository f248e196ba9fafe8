using System.Management.Automation;
using System.Text.Json.Nodes;
using WoodWide.Model;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Cmdlets;

/// <summary>Training, models, inference and results in-process, against an emulator whose jobs run at 1/20 speed.</summary>
[Collection(PowerShellCollection.Name)]
public sealed class ModelsAndInferenceTests : IDisposable
{
    private const string Connection = "-ApiKey $key -BaseUri $models";
    private const string Wait = "Wait-WwJob -ApiKey $key -BaseUri $models -PollIntervalSec 0.1 -InformationAction Ignore";

    private readonly PowerShellFixture _ps;
    private readonly string _folder = Directory.CreateTempSubdirectory("ww-models-").FullName;

    public ModelsAndInferenceTests(PowerShellFixture ps)
    {
        _ps = ps;
        _ps.Reset(_ps.Models);
    }

    public void Dispose()
    {
        _ps.Reset(_ps.Models);
        Directory.Delete(_folder, recursive: true);
    }

    private string File(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    private string Churn() => File($"churn-{Guid.NewGuid():N}.csv",
        "tenure,plan,spend,churned\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i % 60},{(i % 3 == 0 ? "pro" : "basic")},{10 + i}.5,{i % 2}\n")));

    private string Customers(int rows = 25) => File($"new-{Guid.NewGuid():N}.csv",
        "tenure,plan,spend\n" + string.Concat(Enumerable.Range(0, rows).Select(i => $"{i},basic,{i}.25\n")));

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}";

    /// <summary>Upload, ingest, train and wait, as the runbook does: the finished train job.</summary>
    private JobDetail TrainedModel(string label = "churned")
    {
        var r = _ps.Run($"New-WwDataset -Path '{Churn()}' -Name {Unique("churn")} {Connection} | {Wait} | " +
                        $"Start-WwTraining -Name {Unique("model")} -ModelType prediction -LabelColumn {label} {Connection} | {Wait}");
        Assert.Empty(r.Errors);
        return Assert.IsType<JobDetail>(Assert.Single(r.Output).BaseObject);
    }

    [Fact]
    public void Binds_each_step_of_the_runbook_into_the_next_with_no_glue()
    {
        var model = TrainedModel();

        Assert.Equal("train", model.Type);
        Assert.Equal("succeeded", model.Status);
        Assert.NotNull(model.ModelId);
        Assert.NotNull(model.ModelVersionId);
        var r = _ps.Run($"Start-WwInference -ModelId {model.ModelId} -Path '{Customers()}' {Connection} | {Wait} | Get-WwJobResult {Connection}");
        Assert.Empty(r.Errors);
        Assert.Equal(25, r.Output.Count);
        var row = Assert.IsType<ResultRow>(r.Output[3].BaseObject);
        Assert.Equal(3L, row[0]);
        Assert.IsType<double>(r.Output[3].Properties["prediction_prob"].Value);
        Assert.Equal(new[] { "id", "prediction", "prediction_prob" }, r.Output[3].Properties.Select(p => p.Name));
    }

    [Fact]
    public void Gives_the_same_predictions_synchronously_and_as_a_job()
    {
        var model = TrainedModel();
        var customers = Customers(5);

        var sync = _ps.Run($"Invoke-WwInference -ModelId {model.ModelId} -Path '{customers}' {Connection} -Verbose");
        var job = _ps.Run($"Start-WwInference -ModelId {model.ModelId} -Path '{customers}' {Connection} | {Wait} | Get-WwJobResult {Connection}");

        Assert.Empty(sync.Errors);
        Assert.Equal(job.Output.Select(o => o.Properties["prediction_prob"].Value), sync.Output.Select(o => o.Properties["prediction_prob"].Value));
        var info = ((ResultRow)sync.Output[0].BaseObject).Inference!;
        Assert.Equal(model.ModelId, info.ModelId);
        Assert.Equal(info.JobId, ((ResultRow)sync.Output[4].BaseObject).JobId);
        Assert.Contains(sync.Streams.Verbose, v => v.Message.Contains($"Inference job {info.JobId}") && v.Message.Contains("5 row(s)"));
    }

    [Fact]
    public void Says_to_wait_when_results_are_asked_for_before_the_job_succeeded()
    {
        var id = _ps.PostJob(_ps.Models, new JsonObject { ["type"] = "infer_batch", ["hold"] = true, ["results"] = new JsonObject { ["rows"] = 3 } });

        var r = _ps.Run($"Get-WwJobResult -Id {id} {Connection}");

        var error = Assert.Single(r.Errors);
        Assert.Equal("WwResultNotReady,WoodWide.Commands.GetWwJobResultCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        // The command to run, with this job's id, is the advice; the message says what is so.
        Assert.Equal($"Wait for it first: Wait-WwJob -Id {id} | Get-WwJobResult", error.ErrorDetails.RecommendedAction);
        Assert.EndsWith("its results exist once it has succeeded.", error.ErrorDetails.Message);
        Assert.IsType<JobDetail>(error.TargetObject);
    }

    [Fact]
    public void Says_a_failed_job_and_a_training_have_no_results()
    {
        var failed = _ps.PostJob(_ps.Models, new JsonObject { ["type"] = "infer_batch", ["phases"] = new JsonArray(), ["outcome"] = "failed", ["error_message"] = "bad rows" });
        var train = _ps.PostJob(_ps.Models, new JsonObject { ["type"] = "train", ["phases"] = new JsonArray() });
        var sync = _ps.PostJob(_ps.Models, new JsonObject { ["type"] = "infer_sync", ["phases"] = new JsonArray() });

        var r = _ps.Run($"Get-WwJobResult -Id {failed}, {train}, {sync} {Connection}");

        Assert.Equal(3, r.Errors.Count);
        Assert.All(r.Errors, e => Assert.StartsWith("WwResultNotFound,", e.FullyQualifiedErrorId));
        Assert.Contains("failed: bad rows", r.Errors[0].ErrorDetails.Message);
        Assert.Contains("only inference jobs have results", r.Errors[1].ErrorDetails.Message);
        Assert.Equal($"infer_sync job {sync} succeeded but has no results: the predictions of an infer_sync job are the answer to the call that ran it.",
            r.Errors[2].ErrorDetails.Message);
    }

    [Theory]
    [InlineData("json", "columns")]
    [InlineData("json", "rows")]
    [InlineData("json", "bare")]
    [InlineData("csv", "columns")]
    public void Reads_results_in_every_shape_the_emulator_can_serve(string output, string shape)
    {
        var id = _ps.PostJob(_ps.Models, new JsonObject
        {
            ["type"] = "infer_batch", ["phases"] = new JsonArray(),
            ["results"] = new JsonObject { ["rows"] = 50, ["columns"] = 4, ["output_type"] = output, ["shape"] = shape, ["uri_field"] = "inference_results_uri" },
        });

        var r = _ps.Run($"Get-WwJobResult -Id {id} {Connection}");

        Assert.Empty(r.Errors);
        Assert.Equal(50, r.Output.Count);
        Assert.Equal(new[] { "id", "col_1", "col_2", "col_3" }, r.Output[7].Properties.Select(p => p.Name));
        Assert.Equal(7L, r.Output[7].Properties["id"].Value);
        Assert.Equal("w21", r.Output[7].Properties["col_3"].Value);
        Assert.Equal(Guid.Parse(id), ((ResultRow)r.Output[7].BaseObject).JobId);
    }

    [Fact]
    public void Fetches_an_artifact_without_the_key_and_says_parquet_needs_OutFile()
    {
        var id = _ps.PostJob(_ps.Models, new JsonObject
        {
            ["type"] = "infer_batch", ["phases"] = new JsonArray(),
            ["results"] = new JsonObject { ["rows"] = 20, ["columns"] = 3, ["output_type"] = "parquet" },
        });
        var file = Path.Combine(_folder, "scores.parquet");

        var rows = _ps.Run($"Get-WwJobResult -Id {id} {Connection} -Verbose");
        var saved = _ps.Run($"Get-WwJobResult -Id {id} -OutFile '{file}' {Connection} -Verbose");

        Assert.Equal("WwResultNeedsOutFile,WoodWide.Commands.GetWwJobResultCommand", Assert.Single(rows.Errors).FullyQualifiedErrorId);
        Assert.Contains("-OutFile", rows.Errors[0].ErrorDetails.Message);
        Assert.Empty(saved.Errors);
        Assert.Equal(file, Assert.IsType<FileInfo>(Assert.Single(saved.Output).BaseObject).FullName);
        Assert.Equal("PAR1"u8.ToArray(), System.IO.File.ReadAllBytes(file)[..4]);
        // The emulator's storage refuses a request that carries an Authorization header: the file arrived, so none did.
        Assert.Contains(saved.Streams.Verbose, v => v.Message.Contains("(signed URL)") && v.Message.Contains("200"));
        Assert.DoesNotContain(saved.Streams.Verbose, v => v.Message.Contains("/_storage/"));
    }

    [Fact]
    public void Replaces_a_saved_file_unless_NoClobber_keeps_it_and_then_asks_the_api_nothing()
    {
        var id = _ps.PostJob(_ps.Models, new JsonObject
        {
            ["type"] = "infer_batch", ["phases"] = new JsonArray(), ["results"] = new JsonObject { ["rows"] = 5, ["output_type"] = "csv" },
        });
        var file = File("kept.csv", "mine");
        _ps.Reset(_ps.Models);

        var kept = _ps.Run($"Get-WwJobResult -Id {id} -OutFile '{file}' -NoClobber {Connection}");
        var before = _ps.RequestsUnder(_ps.Models, "/");
        var replaced = _ps.Run($"Get-WwJobResult -Id {id} -OutFile '{file}' {Connection}");

        var error = Assert.Single(kept.Errors);
        Assert.Equal("WwFileExists,WoodWide.Commands.GetWwJobResultCommand", error.FullyQualifiedErrorId);
        Assert.Equal(file, error.TargetObject);
        Assert.Equal(0, before);
        Assert.Empty(replaced.Errors);
        Assert.NotEqual("mine", System.IO.File.ReadAllText(file));
    }

    [Fact]
    public void Maps_the_409s_of_a_training_to_what_they_mean()
    {
        var name = Unique("taken");
        // Given by hand: piped in, the unfinished upload would be refused before any request (WwInputNotReady).
        var notReady = _ps.Run($"$u = New-WwDataset -Path '{Churn()}' -Name {Unique("slow")} {Connection}; Start-WwTraining -Name {name} -ModelType prediction -DatasetId $u.DatasetId -LabelColumn churned {Connection}");
        var model = TrainedModel();
        var taken = _ps.Run($"Get-WwModel -Id {model.ModelId} {Connection} | ForEach-Object {{ Start-WwTraining -Name $_.name -ModelType prediction -DatasetId $_.training_dataset_id -LabelColumn churned {Connection} }}");

        var first = Assert.Single(notReady.Errors);
        Assert.StartsWith("WwDatasetNotReady,", first.FullyQualifiedErrorId);
        Assert.Contains("Wait-WwJob", first.ErrorDetails.RecommendedAction);
        var exists = Assert.Single(taken.Errors);
        Assert.StartsWith("WwModelExists,", exists.FullyQualifiedErrorId);
        // The advice names the model that holds the name, with the command that trains a new version of it.
        Assert.EndsWith($"Start-WwTraining -ModelId {model.ModelId} -DatasetId {model.DatasetId}", exists.ErrorDetails.RecommendedAction);
        Assert.Contains($"The name is model {model.ModelId}'s", exists.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Fails_the_training_job_itself_for_a_label_the_data_lacks()
    {
        var r = _ps.Run($"New-WwDataset -Path '{Churn()}' -Name {Unique("churn")} {Connection} | {Wait} | " +
                        $"Start-WwTraining -Name {Unique("model")} -ModelType prediction -LabelColumn nope {Connection} | {Wait}");

        var error = Assert.Single(r.Errors);
        Assert.StartsWith("WwJobFailed,", error.FullyQualifiedErrorId);
        Assert.Contains("Label column 'nope' not found", error.ErrorDetails.Message);
    }

    [Theory]
    [InlineData("Start-WwTraining -ModelId {0} -DatasetId {1}", "/retrain", "Get-WwJob -Type train -First 5")]
    [InlineData("Start-WwInference -ModelId {0} -DatasetId {1}", "/infer-batch", "Get-WwJob -Type infer_batch -First 5")]
    public void Never_sends_a_start_twice_when_the_connection_drops_after_the_API_acted(string command, string path, string advice)
    {
        var model = TrainedModel();
        var target = $"/models/{model.ModelId}{path}";
        _ps.Reset(_ps.Models);
        _ps.Fault(_ps.Models, new { kind = "drop_after", count = 1, path = target });

        var r = _ps.Run(string.Format(System.Globalization.CultureInfo.InvariantCulture, command, model.ModelId, model.DatasetId) + " " + Connection);

        var error = Assert.Single(r.Errors);
        Assert.StartsWith("WwConnectionFailed,", error.FullyQualifiedErrorId);
        Assert.Contains("broke before an answer", error.ToString());
        Assert.Contains(". The API may have received the request before the failure, so it was not sent again.", error.ToString());
        Assert.EndsWith(advice, error.ErrorDetails.RecommendedAction);
        Assert.Equal(1, _ps.Requests(_ps.Models, target));
    }

    [Fact]
    public void Sends_nothing_for_WhatIf()
    {
        var model = TrainedModel();
        _ps.Reset(_ps.Models);

        var r = _ps.Run($"Start-WwTraining -ModelId {model.ModelId} -DatasetId {model.DatasetId} {Connection} -WhatIf; " +
                        $"Start-WwInference -ModelId {model.ModelId} -Path '{Customers()}' {Connection} -WhatIf; " +
                        $"Invoke-WwInference -ModelId {model.ModelId} -Path '{Customers()}' {Connection} -WhatIf; " +
                        $"Set-WwModel -Id {model.ModelId} -Name x {Connection} -WhatIf");

        Assert.Empty(r.Errors);
        Assert.Empty(r.Output);
        Assert.Equal(0, _ps.RequestsUnder(_ps.Models, "/"));
    }

    [Fact]
    public void Renames_each_model_a_csv_row_names_and_takes_a_piped_models_own_name_for_no_change()
    {
        var model = TrainedModel();
        var name = Unique("from-row");
        var rows = Path.Combine(_folder, "renames.csv");
        System.IO.File.WriteAllText(rows, $"ModelId,Name,Description\n{model.ModelId},{name},from a row\n{model.ModelId},,\n");

        // The model as it was, before the row renames it: piped in after, its old name must not rename it back.
        _ps.Run($"$global:before = Get-WwModel -Id {model.ModelId} {Connection}");
        var renamed = _ps.Run($"Import-Csv '{rows}' | Set-WwModel {Connection} -PassThru");
        var described = _ps.Run($"$global:before | Set-WwModel -Description 'piped' {Connection} -PassThru");

        // The second row names no change: its own error, after the first row's rename.
        var after = Assert.IsType<WwModel>(Assert.Single(renamed.Output).BaseObject);
        Assert.Equal((name, "from a row"), (after.Name, after.Description));
        Assert.Equal("WwInputIncomplete,WoodWide.Commands.SetWwModelCommand", Assert.Single(renamed.Errors).FullyQualifiedErrorId);
        Assert.Empty(described.Errors);
        var piped = Assert.IsType<WwModel>(Assert.Single(described.Output).BaseObject);
        Assert.Equal((name, "piped"), (piped.Name, piped.Description));
        // Get-WwModel's GET and one PATCH per change: none for the row that named no change.
        Assert.Equal(3, _ps.Requests(_ps.Models, $"/models/{model.ModelId}"));
    }

    [Fact]
    public void Says_which_model_has_the_name_a_rename_asks_for()
    {
        var (first, second) = (TrainedModel(), TrainedModel());
        var taken = (string)_ps.Run($"(Get-WwModel -Id {second.ModelId} {Connection}).name").Output.Single().BaseObject;

        var r = _ps.Run($"Set-WwModel -Id {first.ModelId} -Name '{taken}' {Connection}");

        var error = Assert.Single(r.Errors);
        Assert.Equal("WwModelExists,WoodWide.Commands.SetWwModelCommand", error.FullyQualifiedErrorId);
        Assert.Equal(first.ModelId.ToString(), error.TargetObject);
        Assert.Equal($"The name is model {second.ModelId}'s: give another -Name, or rename that one first.", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Renames_a_model_and_retrains_it_as_a_second_version()
    {
        var model = TrainedModel();
        var name = Unique("renamed");

        var renamed = _ps.Run($"Set-WwModel -Id {model.ModelId} -Name {name} -Description 'monthly' {Connection} -PassThru");
        var retrained = _ps.Run($"Start-WwTraining -ModelId {model.ModelId} -DatasetId {model.DatasetId} {Connection} | {Wait} | Get-WwModel {Connection}");

        Assert.Empty(renamed.Errors);
        var after = Assert.IsType<WwModel>(Assert.Single(renamed.Output).BaseObject);
        Assert.Equal(name, after.Name);
        Assert.Equal("monthly", after.Description);
        Assert.Empty(retrained.Errors);
        var again = Assert.IsType<WwModel>(Assert.Single(retrained.Output).BaseObject);
        Assert.Equal(2L, again.CurrentVersion!.Version);
        Assert.Equal("ready", again.Status);
        Assert.Equal(0.931, Assert.IsType<ApiDictionary>(again.CurrentMetrics)["accuracy"]);
    }

    [Fact]
    public void Refuses_bad_input_before_any_request()
    {
        var model = Guid.NewGuid();
        var folder = _folder;
        var empty = File("empty.csv", "");

        var r = _ps.Run($"Invoke-WwInference -ModelId {model} -Path '{Path.Combine(folder, "missing.csv")}' {Connection}; " +
                        $"Invoke-WwInference -ModelId {model} -Path '{folder}' {Connection}; " +
                        $"Start-WwInference -ModelId {model} -Path '{empty}' {Connection}; " +
                        $"Invoke-WwInference -ModelId {model} -Path '{Customers()}' -OutputType parquet {Connection}; " +
                        $"Start-WwTraining -Name x -ModelType prediction {Connection}; " +
                        $"Get-WwJobResult -Id nope {Connection}; " +
                        $"Invoke-WwInference -ModelId {model} -Path '{Customers()}' -OutFile '{Path.Combine(folder, "no-such-folder", "out.csv")}' {Connection}");

        Assert.Equal(new[] { "WwFileNotFound", "WwInvalidFile", "WwInvalidFile", "WwResultNeedsOutFile", "WwInputIncomplete", "WwInvalidJobId", "WwFileNotFound" },
            r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(0, _ps.RequestsUnder(_ps.Models, "/"));
        // A folder -OutFile would write into is not there: the advice is about that folder, not about wildcards in -Path.
        Assert.StartsWith("Make the folder first (New-Item -ItemType Directory -Path ", r.Errors[6].ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void Refuses_a_failed_or_unfinished_job_piped_in_without_sending_it_on()
    {
        var failed = _ps.Run($"New-WwDataset -Path '{Churn()}' -Name {Unique("churn")} {Connection} | {Wait} | " +
                             $"Start-WwTraining -Name {Unique("model")} -ModelType prediction -LabelColumn nope {Connection} | {Wait} -ErrorAction SilentlyContinue | " +
                             $"Start-WwInference -Path '{Customers()}' {Connection}");
        var unfinished = _ps.Run($"New-WwDataset -Path '{Churn()}' -Name {Unique("churn")} {Connection} | " +
                                 $"Start-WwTraining -Name {Unique("model")} -ModelType prediction -LabelColumn churned {Connection}");

        var refused = Assert.Single(failed.Errors);
        Assert.StartsWith("WwInputNotReady,", refused.FullyQualifiedErrorId);
        var failedJob = Assert.IsType<JobDetail>(refused.TargetObject).JobId;
        Assert.Contains($"job {failedJob} failed", refused.ErrorDetails.Message);
        Assert.Equal($"See why with Get-WwJob -Id {failedJob} (its error_message); fix that, run that step again, and pipe its result on.",
            refused.ErrorDetails.RecommendedAction);
        Assert.StartsWith("WwInputNotReady,", Assert.Single(unfinished.Errors).FullyQualifiedErrorId);
        Assert.Contains("is still queued", unfinished.Errors[0].ErrorDetails.Message);
        // The advice is the command to run, with the id of the job to wait for: no "..." to fill in.
        var upload = Assert.IsType<DatasetUpload>(unfinished.Errors[0].TargetObject);
        Assert.Equal($"Wait for it first: Wait-WwJob -Id {upload.JobId} | Start-WwTraining, with the same parameters.",
            unfinished.Errors[0].ErrorDetails.RecommendedAction);
        // The target is what was not ready: the failed training job, the upload still queued.
        Assert.Equal("failed", Assert.IsType<JobDetail>(refused.TargetObject).Status);
        Assert.IsType<DatasetUpload>(unfinished.Errors[0].TargetObject);
        // The failed training was sent; nothing after it was, and the unfinished upload's training was not.
        Assert.Equal(1, _ps.RequestsUnder(_ps.Models, "/models/"));
        Assert.DoesNotContain(failed.Output, o => o.BaseObject is InferenceStart);
    }

    [Fact]
    public void Scores_each_file_a_pattern_or_a_list_names_and_says_when_a_pattern_matches_none()
    {
        var model = TrainedModel();
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var rows = "tenure,plan,spend\n1,basic,2.5\n";
        var one = File($"batch-1-{stamp}.csv", rows);
        var two = File($"batch-2-{stamp}.csv", rows);
        var bracketed = File($"batch[{stamp}].csv", rows);
        var folder = Path.GetDirectoryName(one);

        var started = _ps.Run($"Start-WwInference -ModelId {model.ModelId} -Path '{folder}/batch-*-{stamp}.csv', '{folder}/none-*-{stamp}.csv' {Connection}");
        var invoked = _ps.Run($"Invoke-WwInference -ModelId {model.ModelId} -Path '{one}', '{two}' {Connection}; " +
                              $"Invoke-WwInference -ModelId {model.ModelId} -LiteralPath '{bracketed}' {Connection}; " +
                              $"Invoke-WwInference -ModelId {model.ModelId} -Path '{one}', '{two}' -OutFile '{folder}/out-{stamp}.csv' {Connection}");

        Assert.Equal(new[] { one, two }, started.Output.Select(o => ((InferenceStart)o.BaseObject).Input));
        var none = Assert.Single(started.Errors);
        Assert.Equal(("WwFileNotFound", (object)$"{folder}/none-*-{stamp}.csv"), (none.FullyQualifiedErrorId.Split(',')[0], none.TargetObject));
        Assert.Equal(new[] { "WwInvalidArgument" }, invoked.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.False(System.IO.File.Exists($"{folder}/out-{stamp}.csv"));
        // Two files, then the bracketed one; the -OutFile call with two files was refused before any request.
        Assert.Equal(3, _ps.Requests(_ps.Models, $"/models/{model.ModelId}/infer"));
        Assert.NotEmpty(invoked.Output);
        // Each row says which file it answers.
        var files = _ps.Run($"Invoke-WwInference -ModelId {model.ModelId} -Path '{one}', '{two}' {Connection} | ForEach-Object {{ $_.Inference.Path }}");
        Assert.Equal(new[] { one, two }, files.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void Names_a_missing_dataset_of_a_training_as_its_target()
    {
        var missing = Guid.NewGuid();

        var r = _ps.Run($"Start-WwTraining -Name {Unique("m")} -ModelType prediction -DatasetId {missing} -LabelColumn churned {Connection}");

        var e = Assert.Single(r.Errors);
        Assert.StartsWith("WwDatasetNotFound,", e.FullyQualifiedErrorId);
        Assert.Equal(missing.ToString(), e.TargetObject);
        Assert.Contains($"the newest ready version of dataset {missing}", e.Exception.Message);
    }

    [Fact]
    public void Checks_every_kind_of_id_by_one_rule_each_bad_one_its_own_error()
    {
        var model = TrainedModel();
        var trainings = _ps.RequestsUnder(_ps.Models, "/models/train");

        var r = _ps.Run($"Get-WwModel -Id '{model.ModelId}', 'bad' {Connection}; " +
                        $"Start-WwTraining -Name x -ModelType prediction -DatasetId 'not-a-dataset' {Connection}; " +
                        $"Start-WwInference -ModelId 'm1' -Path '{Customers()}' {Connection}; " +
                        $"Invoke-WwInference -ModelId {model.ModelId} -ModelVersionId 'v?' -Path '{Customers()}' {Connection}; " +
                        $"Set-WwModel -Id '' -Name y {Connection}; " +
                        $"Get-WwJob -Id 'nope' {Connection}");

        Assert.Equal(new[] { "WwInvalidModelId", "WwInvalidDatasetId", "WwInvalidModelId", "WwInvalidModelId", "WwInvalidModelId", "WwInvalidJobId" },
            r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(new object[] { "bad", "not-a-dataset", "m1", "v?", "", "nope" }, r.Errors.Select(e => e.TargetObject));
        Assert.All(r.Errors, e => Assert.Matches("^'.*'|^\\(empty\\) is not a (job|dataset|model|model version) id\\. Ids are UUIDs", e.Exception.Message));
        Assert.Single(r.Output, o => o.BaseObject is WwModel);
        Assert.Equal(trainings, _ps.RequestsUnder(_ps.Models, "/models/train"));
    }

    [Fact]
    public void Binds_any_other_piped_object_by_property_name_whatever_status_it_carries()
    {
        var model = TrainedModel();
        var rows = Path.Combine(_folder, "rows.csv");
        System.IO.File.WriteAllText(rows, $"ModelId,Path,status\n{model.ModelId},{Customers()},pending\n");

        // A status of the user's own, on a PSCustomObject and in a CSV row: data, not a step that has not succeeded.
        var r = _ps.Run($"[pscustomobject]@{{ ModelId = '{model.ModelId}'; Path = '{Customers()}'; status = 'active' }} | Start-WwInference {Connection}; " +
                        $"Import-Csv '{rows}' | Start-WwInference {Connection}; " +
                        $"[pscustomobject]@{{ ModelId = '{model.ModelId}'; Path = '{Customers()}'; status = 'failed' }} | Invoke-WwInference -OutputType json {Connection} | Select-Object -First 1");

        Assert.Empty(r.Errors);
        Assert.Equal(2, r.Output.Count(o => o.BaseObject is InferenceStart));
        Assert.Equal(3, _ps.RequestsUnder(_ps.Models, $"/models/{model.ModelId}/infer"));
    }

    [Fact]
    public void Starts_a_training_for_each_row_of_a_csv_and_retrains_a_piped_model_rather_than_naming_a_new_one_after_it()
    {
        var model = TrainedModel();
        var (a, b) = (Unique("row-a"), Unique("row-b"));
        var rows = Path.Combine(_folder, "trainings.csv");
        // A DatasetVersionId column that only some rows fill: an empty cell gives no version.
        System.IO.File.WriteAllText(rows, $"Name,ModelType,DatasetId,DatasetVersionId,LabelColumn,Description\n{a},prediction,{model.DatasetId},,churned,first\n" +
                                          $"{b},anomaly,{model.DatasetId},,,\n");

        var trained = _ps.Run($"Import-Csv '{rows}' | Start-WwTraining {Connection}");
        var retrained = _ps.Run($"Get-WwModel -Id {model.ModelId} {Connection} | Start-WwTraining -DatasetId {model.DatasetId} {Connection}");
        // A piped model with -Name alone: its type and label are not copied into a new model; the command line must say.
        var copied = _ps.Run($"Get-WwModel -Id {model.ModelId} {Connection} | Start-WwTraining -Name {Unique("copy")} -DatasetId {model.DatasetId} {Connection}");

        Assert.Empty(trained.Errors);
        Assert.Equal(new[] { a, b }, trained.Output.Select(o => ((ModelTraining)o.BaseObject).Name));
        Assert.Equal(2, _ps.Requests(_ps.Models, "/models/train") - 1);
        Assert.Empty(retrained.Errors);
        var again = (ModelTraining)Assert.Single(retrained.Output).BaseObject;
        Assert.Equal(model.ModelId, again.ModelId);
        // The retrain's output names the model it retrains, as the piped model does.
        Assert.Equal(_ps.Run($"(Get-WwModel -Id {model.ModelId} {Connection}).name").Output.Single().BaseObject, again.Name);
        Assert.Equal(1, _ps.Requests(_ps.Models, $"/models/{model.ModelId}/retrain"));
        Assert.Equal("WwInputIncomplete,WoodWide.Commands.StartWwTrainingCommand", Assert.Single(copied.Errors).FullyQualifiedErrorId);
        Assert.IsType<WwModel>(copied.Errors[0].TargetObject);
        Assert.Equal(3, _ps.Requests(_ps.Models, "/models/train"));
    }

    [Fact]
    public void Names_the_missing_dataset_not_the_model_and_refuses_a_file_too_large_to_send()
    {
        var model = TrainedModel();
        var big = Path.Combine(_folder, "big.csv");
        using (var file = new FileStream(big, FileMode.Create)) file.SetLength(31L * 1024 * 1024);

        var r = _ps.Run($"Start-WwInference -ModelId {model.ModelId} -DatasetId {Guid.NewGuid()} {Connection}; " +
                        $"Start-WwInference -ModelId {model.ModelId} -Path '{big}' {Connection}; " +
                        $"Get-WwJobResult -Id $null {Connection}");

        Assert.Equal(new[] { "WwDatasetNotFound", "WwInvalidFile", "WwInvalidJobId" }, r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Contains($"New-WwDataset -Path '{big}'", r.Errors[1].ErrorDetails.RecommendedAction);
        Assert.Equal(0, _ps.Requests(_ps.Models, $"/models/{model.ModelId}/infer-async"));
    }

    [Fact]
    public void Warns_of_results_with_no_rows_and_writes_a_saved_file_as_Get_Item_does()
    {
        var empty = _ps.PostJob(_ps.Models, new JsonObject
        {
            ["type"] = "infer_batch", ["phases"] = new JsonArray(), ["results"] = new JsonObject { ["rows"] = 0, ["output_type"] = "csv" },
        });
        var file = Path.Combine(_folder, "rows.csv");

        var r = _ps.Run($"Get-WwJobResult -Id {empty} {Connection}; Get-WwJobResult -Id {empty} -OutFile '{file}' {Connection}");

        Assert.Contains(r.Streams.Warning, w => w.Message == $"The results of job {empty} have no rows.");
        var saved = Assert.Single(r.Output);
        Assert.IsType<FileInfo>(saved.BaseObject);
        Assert.NotNull(saved.Properties["PSParentPath"]);
    }

    [Fact]
    public void Stops_the_download_when_the_pipeline_wants_no_more_rows()
    {
        var id = _ps.PostJob(_ps.Models, new JsonObject
        {
            ["type"] = "infer_batch", ["phases"] = new JsonArray(),
            ["results"] = new JsonObject { ["rows"] = 200000, ["columns"] = 3, ["output_type"] = "csv" },
        });

        var r = _ps.Run($"Get-WwJobResult -Id {id} {Connection} | Select-Object -First 3");

        Assert.Empty(r.Errors);
        Assert.Equal(new object[] { 0L, 1L, 2L }, r.Output.Select(o => o.Properties["id"].Value));
    }

    [Fact]
    public void Keeps_the_key_out_of_every_stream()
    {
        var model = TrainedModel();
        var r = _ps.Run($"Invoke-WwInference -ModelId {model.ModelId} -Path '{Customers(2)}' {Connection} -Verbose -Debug | Format-List * | Out-String; " +
                        $"Start-WwInference -ModelId {model.ModelId} -Path '{Customers(2)}' {Connection} -Verbose | {Wait} -Verbose | Get-WwJobResult {Connection} -Verbose | ConvertTo-Json");

        Assert.Empty(r.Errors);
        Assert.DoesNotContain(TestKeys.Secret, r.AllText());
    }
}
