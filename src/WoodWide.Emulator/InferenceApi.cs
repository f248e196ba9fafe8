using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WoodWide.Emulator;

/// <summary>
/// The API's inference paths: POST /models/{model_id}/infer (synchronous: the predictions in the answer, as json, csv
/// or parquet), /infer-async (a file) and /infer-batch (a stored dataset), which start infer_batch jobs, and GET
/// /jobs/{job_id}/results. The results' shape is the emulator's choice where the docs are silent (docs/emulator.md): 404 until the job has succeeded; json inline as {job_id, output_type, row_count, data}; csv and parquet
/// as {job_id, output_type, row_count, results_uri, expires_at}, the URL a signed one on the emulator's storage path.
/// </summary>
internal static class InferenceApi
{
    private static readonly string[] OutputTypes = ["json", "csv", "parquet"];
    private static readonly string[] AnomalyFormats = ["ids_only", "per_row"];

    public static void Map(WebApplication app, JobStore jobs, DatasetStore datasets, ModelStore models, ResultStore results, EmulatorOptions options)
    {
        var jobAt = DatasetsApi.JobAt(jobs);

        app.MapPost("/models/{model_id}/infer", async (HttpContext context, string model_id) =>
        {
            var clock = Stopwatch.StartNew();
            if (await Upload(context, model_id, models, datasets, jobAt, defaultOutput: "csv") is not { } request) return;
            var now = DateTimeOffset.UtcNow;
            var set = Predict(request, request.File!);
            var job = InferJob("infer_sync", request, dataset: null, now, options);
            jobs.Add(job);
            results.Add(job.JobId, request.OutputType, () => set);
            if (request.OutputType != "json")
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = ResultWriter.ContentType(request.OutputType);
                context.Response.Headers.ContentDisposition = $"attachment; filename=\"predictions.{request.OutputType}\"";
                await ResultWriter.WriteFileAsync(request.OutputType, set, context.Response.Body, context.RequestAborted);
                return;
            }
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await ResultWriter.WriteJsonAsync(context.Response.Body, set, "columns", w =>
            {
                w.WriteString("job_id", job.JobId);
                w.WriteString("status", "succeeded");
                w.WriteNumber("latency_ms", Math.Round(clock.Elapsed.TotalMilliseconds, 1));
                w.WriteString("model_id", request.Model.Id);
                w.WriteString("model_name", request.Model.Name);
                w.WriteString("model_version_id", request.Version.Id);
                w.WriteString("model_type", request.Model.Type);
                if (request.Model.Type == "prediction" && request.Version.LabelType != "numeric") WriteDescriptions(w, request.Model.LabelColumn);
            }, context.RequestAborted);
        });

        app.MapPost("/models/{model_id}/infer-async", async (HttpContext context, string model_id) =>
        {
            if (await Upload(context, model_id, models, datasets, jobAt, defaultOutput: "csv") is not { } request) return;
            var now = DateTimeOffset.UtcNow;
            var job = InferJob("infer_batch", request, dataset: null, now, options);
            jobs.Add(job);
            results.Add(job.JobId, request.OutputType, () => Predict(request, request.File!));
            await Answer.Send(context, 200, Started(job, request, now));
        });

        app.MapPost("/models/{model_id}/infer-batch", async (HttpContext context, string model_id) =>
        {
            if (!Guid.TryParse(model_id, out var id)) { await JsonBody.NotUuid(context, "path", "model_id", model_id); return; }
            if (await JsonBody.ReadAsync(context) is not { } body) return;
            var fields = JsonBody.Fields(body);
            if (await Choose(context, id, fields, models, jobAt, defaultOutput: "parquet") is not { } request) return;
            if (await ModelsApi.TrainingData(context, body, datasets, jobAt) is not { } data) return;
            var now = DateTimeOffset.UtcNow;
            var job = InferJob("infer_batch", request, data, now, options);
            jobs.Add(job);
            results.Add(job.JobId, request.OutputType, () => Predict(request, data.FilePath!));
            await Answer.Send(context, 200, Started(job, request, now));
        });

        app.MapGet("/jobs/{job_id}/results", async (HttpContext context, string job_id) =>
        {
            if (!Guid.TryParse(job_id, out var id)) { await JsonBody.NotUuid(context, "path", "job_id", job_id); return; }
            if (jobs.Find(id, DateTimeOffset.UtcNow) is not { } job) { await Answer.Send(context, 404, JobWire.Problem("Job not found")); return; }
            if (results.ForJob(id) is not { } entry) { await Answer.Send(context, 404, JobWire.Problem($"{("aeiou".IndexOf(job.Type[0]) >= 0 ? "An" : "A")} {job.Type} job has no results.")); return; }
            if (job.Status != "succeeded")
            {
                await Answer.Send(context, 404, JobWire.Problem($"Results are not available: the job is {job.Status}."));
                return;
            }
            if (entry.OutputType == "json")
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await ResultWriter.WriteJsonAsync(context.Response.Body, entry.Set.Value, entry.Shape, w =>
                {
                    w.WriteString("job_id", id);
                    w.WriteString("output_type", "json");
                    w.WriteNumber("row_count", entry.Set.Value.Rows);
                }, context.RequestAborted);
                return;
            }
            var expires = DateTimeOffset.UtcNow.AddHours(1);
            var url = $"{context.Request.Scheme}://{context.Request.Host}/_storage/results/{entry.Token}?expires={expires.ToUnixTimeSeconds()}&signature=emulated";
            await Answer.Send(context, 200, DatasetWire.Bytes(new JsonObject
            {
                ["job_id"] = id.ToString(), ["output_type"] = entry.OutputType, ["row_count"] = entry.Set.Value.Rows,
                [entry.UriField] = url, ["expires_at"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            }));
        });

        // A result artifact's signed URL: the emulator's own storage.
        app.MapGet("/_storage/results/{token}", async (HttpContext context, string token) =>
        {
            if (await SignedUrl.RefusedAKey(context)) return;
            if (results.ForToken(token) is not { } entry) { await Answer.Send(context, 404, JobWire.Problem("No result is stored at this URL.")); return; }
            context.Response.StatusCode = 200;
            context.Response.ContentType = ResultWriter.ContentType(entry.OutputType);
            await ResultWriter.WriteFileAsync(entry.OutputType, entry.Set.Value, context.Response.Body, context.RequestAborted);
        });
    }

    /// <summary>What an inference was asked to do, once its model, version and options are settled.</summary>
    private sealed record Request(EmulatedModel Model, EmulatedModelVersion Version, string OutputType, string AnomalyFormat, string? File);

    /// <summary>A multipart inference request (/infer, /infer-async): its form read, its file kept, its model checked.</summary>
    private static async Task<Request?> Upload(HttpContext context, string modelId, ModelStore models, DatasetStore datasets,
        Func<Guid, EmulatedJob?> jobAt, string defaultOutput)
    {
        if (!Guid.TryParse(modelId, out var id)) { await JsonBody.NotUuid(context, "path", "model_id", modelId); return null; }
        var form = await MultipartForm.ReadAsync(context, datasets.NewFilePath);
        if (form?.File is null) { await JsonBody.Missing(context, "file"); return null; }
        if (form.Bytes > DatasetsApi.MaxDirectBytes)
        {
            await Answer.Send(context, 413, JobWire.Problem("The file is larger than 30 MB: upload it as a dataset and use /infer-batch."));
            return null;
        }
        if (form.Inspector.Inspect().Problem is { } problem) { await Answer.Send(context, 400, JobWire.Problem(problem)); return null; }
        return await Choose(context, id, form.Fields, models, jobAt, defaultOutput) is { } request ? request with { File = form.File } : null;
    }

    /// <summary>The model and version an inference uses (model_version_id, else the newest ready one) and its options.</summary>
    private static async Task<Request?> Choose(HttpContext context, Guid modelId, IReadOnlyDictionary<string, string> fields,
        ModelStore models, Func<Guid, EmulatedJob?> jobAt, string defaultOutput)
    {
        if (models.Find(modelId) is not { } model) { await Answer.Send(context, 404, JobWire.Problem("Model not found")); return null; }
        var output = fields.TryGetValue("output_type", out var o) && o.Length > 0 ? o : defaultOutput;
        if (!OutputTypes.Contains(output)) { await JsonBody.NotOneOf(context, "body", "output_type", OutputTypes, output); return null; }
        var anomaly = fields.TryGetValue("anomaly_format", out var a) && a.Length > 0 ? a : "ids_only";
        if (!AnomalyFormats.Contains(anomaly)) { await JsonBody.NotOneOf(context, "body", "anomaly_format", AnomalyFormats, anomaly); return null; }
        EmulatedModelVersion? version;
        if (fields.TryGetValue("model_version_id", out var v) && v.Length > 0)
        {
            if (!Guid.TryParse(v, out var versionId)) { await JsonBody.NotUuid(context, "body", "model_version_id", v); return null; }
            version = model.Versions.FirstOrDefault(x => x.Id == versionId);
            if (version is null) { await Answer.Send(context, 404, JobWire.Problem("Model version not found")); return null; }
        }
        else version = ModelWire.Current(model, jobAt);
        if (version is null || ModelWire.Status(jobAt(version.TrainJobId)) != "ready")
        {
            // A training that failed will not make the version ready: waiting is not the way.
            var why = version != null && ModelWire.Status(jobAt(version.TrainJobId)) == "failed"
                ? "its training failed: retrain it." : "wait for its training job.";
            await Answer.Send(context, 409, JobWire.Problem($"Model '{model.Name}' has no ready version: {why}"));
            return null;
        }
        return new Request(model, version, output, anomaly, null);
    }

    private static ResultSet Predict(Request request, string csvFile) =>
        Predictor.Predict(request.Model.Type, request.Version.LabelType, request.AnomalyFormat, CsvTable.Read(csvFile).Rows);

    /// <summary>An inference's job: a synchronous one has ended when it is made; a batch one queues 1 s and runs 3 s
    /// (the timeline's defaults).</summary>
    private static EmulatedJob InferJob(string type, Request request, EmulatedDatasetVersion? dataset, DateTimeOffset now, EmulatorOptions options)
    {
        var resources = new JsonObject { ["type"] = type, ["model"] = ModelWire.Ref(request.Version) };
        if (dataset is not null) resources["dataset"] = DatasetWire.Ref(dataset);
        var body = new JsonObject
        {
            ["type"] = type, ["outcome"] = "succeeded", ["credits"] = 0.25,
            // An inference reports neither progress nor an ETA (the docs: those are a training's).
            ["report_progress"] = false, ["report_eta"] = false,
            ["input"] = new JsonObject
            {
                ["model_version_id"] = request.Version.Id.ToString(), ["output_type"] = request.OutputType,
                ["anomaly_format"] = request.AnomalyFormat, ["dataset_version_id"] = dataset?.Id.ToString(),
            },
            ["resources"] = resources,
        };
        if (type == "infer_sync") body["phases"] = new JsonArray();
        return TimelineJobs.Create(body, now, options.TimeScale);
    }

    private static byte[] Started(EmulatedJob job, Request request, DateTimeOffset now) => DatasetWire.Bytes(new JsonObject
    {
        ["job_id"] = job.JobId.ToString(), ["status"] = job.At(now).Status, ["model"] = ModelWire.Ref(request.Version),
    });

    /// <summary>The docs' prediction_descriptions: for each predicted label, a summary and a description.</summary>
    private static void WriteDescriptions(Utf8JsonWriter w, string? label)
    {
        w.WriteStartObject("prediction_descriptions");
        foreach (var value in new[] { "0", "1" })
        {
            w.WriteStartObject(value);
            w.WriteString("summary", $"{label ?? "label"} = {value}");
            w.WriteString("description", $"Rows the model expects to have {label ?? "the label"} equal to {value}.");
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }
}
