using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WoodWide.Emulator;

/// <summary>
/// The API's model paths: POST /models/train and /models/{model_id}/retrain start a train job on the timeline
/// machinery (progress and ETA as a training reports them); GET and PATCH /models/{model_id}; GET /models. A model's
/// status follows its newest training; a label column the training data lacks fails the training with an
/// error_message, as a real training would, rather than the request.
/// </summary>
internal static class ModelsApi
{
    public static void Map(WebApplication app, JobStore jobs, DatasetStore datasets, ModelStore models, EmulatorOptions options)
    {
        var jobAt = DatasetsApi.JobAt(jobs);

        app.MapPost("/models/train", async (HttpContext context) =>
        {
            if (await JsonBody.ReadAsync(context) is not { } body) return;
            if (JsonBody.Text(body, "model_name") is not { } name) { await JsonBody.Missing(context, "model_name"); return; }
            if (JsonBody.Text(body, "model_type") is not { } type) { await JsonBody.Missing(context, "model_type"); return; }
            if (!EmulatedModel.Types.Contains(type)) { await JsonBody.NotOneOf(context, "body", "model_type", EmulatedModel.Types, type); return; }
            var label = JsonBody.Text(body, "label_column");
            if (type == "prediction" && label is null)
            {
                await Answer.Send(context, 400, JobWire.Problem("label_column is required for a prediction model."));
                return;
            }
            if (await TrainingData(context, body, datasets, jobAt) is not { } version) return;
            var now = DateTimeOffset.UtcNow;
            var model = models.Create(name, type, JsonBody.Text(body, "model_description"), label, JsonBody.Texts(body, "input_columns"), now);
            if (model is null)
            {
                await Answer.Send(context, 409, JobWire.Problem($"A model named '{name}' already exists."));
                return;
            }
            await StartTraining(context, jobs, models, model, version, now, options);
        });

        app.MapPost("/models/{model_id}/retrain", async (HttpContext context, string model_id) =>
        {
            if (!Guid.TryParse(model_id, out var id)) { await JsonBody.NotUuid(context, "path", "model_id", model_id); return; }
            if (await JsonBody.ReadAsync(context) is not { } body) return;
            if (models.Find(id) is not { } model) { await Answer.Send(context, 404, JobWire.Problem("Model not found")); return; }
            if (await TrainingData(context, body, datasets, jobAt) is not { } version) return;
            await StartTraining(context, jobs, models, model, version, DateTimeOffset.UtcNow, options);
        });

        app.MapGet("/models/{model_id}", (HttpContext context, string model_id) =>
        {
            if (!Guid.TryParse(model_id, out var id)) return JsonBody.NotUuid(context, "path", "model_id", model_id);
            return models.Find(id) is { } model
                ? Answer.Send(context, 200, DatasetWire.Bytes(ModelWire.Model(model, jobAt, DatasetName(datasets))))
                : Answer.Send(context, 404, JobWire.Problem("Model not found"));
        });

        app.MapMethods("/models/{model_id}", ["PATCH"], async (HttpContext context, string model_id) =>
        {
            if (!Guid.TryParse(model_id, out var id)) { await JsonBody.NotUuid(context, "path", "model_id", model_id); return; }
            if (await JsonBody.ReadAsync(context) is not { } body) return;
            if (models.Find(id) is not { } model) { await Answer.Send(context, 404, JobWire.Problem("Model not found")); return; }
            if (JsonBody.Text(body, "name") is { } name)
            {
                if (models.NameTaken(name, id)) { await Answer.Send(context, 409, JobWire.Problem($"A model named '{name}' already exists.")); return; }
                model.Name = name;
            }
            // description: null clears it; absent leaves it.
            if (body.ContainsKey("description")) model.Description = JsonBody.Text(body, "description");
            model.UpdatedAt = DateTimeOffset.UtcNow;
            await Answer.Send(context, 200, DatasetWire.Bytes(ModelWire.Model(model, jobAt, DatasetName(datasets))));
        });

        app.MapGet("/models", (HttpContext context) =>
        {
            var items = new JsonArray();
            foreach (var m in models.List()) items.Add(ModelWire.Model(m, jobAt, DatasetName(datasets)));
            return Answer.Send(context, 200, DatasetWire.Bytes(new JsonObject { ["items"] = items }));
        });
    }

    /// <summary>
    /// The dataset version a training learns from: the one pinned by dataset_version_id, or the newest ready one of
    /// dataset_id. Null when there is none to use, its 4xx (a 409 when none is ready yet) sent.
    /// </summary>
    internal static async Task<EmulatedDatasetVersion?> TrainingData(
        HttpContext context, JsonObject body, DatasetStore datasets, Func<Guid, EmulatedJob?> jobAt)
    {
        var (versionId, versionValid) = JsonBody.Id(body, "dataset_version_id");
        var (datasetId, datasetValid) = JsonBody.Id(body, "dataset_id");
        if (!versionValid) { await JsonBody.NotUuid(context, "body", "dataset_version_id", body["dataset_version_id"]?.ToString() ?? ""); return null; }
        if (!datasetValid) { await JsonBody.NotUuid(context, "body", "dataset_id", body["dataset_id"]?.ToString() ?? ""); return null; }
        if (versionId is { } vid)
        {
            if (datasets.FindVersion(vid) is not { } version) { await Answer.Send(context, 404, JobWire.Problem("Dataset version not found")); return null; }
            if (Ready(version, jobAt)) return version;
            await Answer.Send(context, 409, JobWire.Problem($"No ready dataset version found: version {vid} is still being ingested or failed."));
            return null;
        }
        if (datasetId is { } did)
        {
            if (datasets.Find(did) is not { } dataset) { await Answer.Send(context, 404, JobWire.Problem("Dataset not found")); return null; }
            var ready = dataset.Versions.LastOrDefault(v => Ready(v, jobAt));
            if (ready is not null) return ready;
            await Answer.Send(context, 409, JobWire.Problem($"No ready dataset version found for dataset {did}."));
            return null;
        }
        await JsonBody.Missing(context, "dataset_id");
        return null;
    }

    internal static bool Ready(EmulatedDatasetVersion version, Func<Guid, EmulatedJob?> jobAt) =>
        jobAt(version.IngestJobId)?.Status == "succeeded" && version.FilePath is not null;

    internal static Func<Guid, string?> DatasetName(DatasetStore datasets) => id => datasets.Find(id)?.Name;

    private static Task StartTraining(HttpContext context, JobStore jobs, ModelStore models, EmulatedModel model,
        EmulatedDatasetVersion data, DateTimeOffset now, EmulatorOptions options)
    {
        var columns = (data.Schema?["columns"] as JsonArray)?.OfType<JsonObject>()
            .Select(c => (Name: c["name"]?.GetValue<string>() ?? "", Type: c["type"]?.GetValue<string>() ?? "")).ToList() ?? [];
        var labelType = columns.FirstOrDefault(c => c.Name == model.LabelColumn).Type;
        string? problem = null;
        if (model.LabelColumn is { } label && labelType is null)
            problem = $"Label column '{label}' not found in the training data. Columns: {string.Join(", ", columns.Select(c => c.Name))}.";
        var missing = model.InputColumns?.FirstOrDefault(i => columns.All(c => c.Name != i));
        if (problem is null && missing is not null)
            problem = $"Input column '{missing}' not found in the training data. Columns: {string.Join(", ", columns.Select(c => c.Name))}.";

        var jobId = Guid.NewGuid();
        var version = models.AddVersion(model, data, jobId, labelType, now);
        var body = new JsonObject
        {
            ["job_id"] = jobId.ToString(), ["type"] = "train",
            // Queued 1 s (the timeline's default), then running.
            ["running_seconds"] = problem is null ? 8 : 2,
            ["outcome"] = problem is null ? "succeeded" : "failed", ["error_message"] = problem,
            ["credits"] = problem is null ? 4.0 : 0.5,
            ["input"] = new JsonObject
            {
                ["model_name"] = model.Name, ["model_type"] = model.Type, ["label_column"] = model.LabelColumn,
                ["input_columns"] = model.InputColumns is null ? null : new JsonArray(model.InputColumns.Select(i => (JsonNode?)i).ToArray()),
                ["dataset_version_id"] = data.Id.ToString(),
            },
            ["resources"] = new JsonObject { ["type"] = "train", ["model"] = ModelWire.Ref(version), ["dataset"] = DatasetWire.Ref(data) },
        };
        var job = TimelineJobs.Create(body, now, options.TimeScale);
        jobs.Add(job);
        return Answer.Send(context, 200, ModelWire.Training(version, job.At(now).Status));
    }
}
