using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WoodWide.Emulator;

/// <summary>
/// The API's dataset paths: POST /datasets (multipart, at most 30 MB), the signed-URL flow (POST /datasets/upload,
/// a PUT to the emulator's own storage path, POST /datasets/{dataset_version_id}/complete), and the reads. Each
/// upload starts a dataset_ingest job on the timeline machinery; a version is ready when its job succeeds.
/// </summary>
internal static class DatasetsApi
{
    /// <summary>The API's limit for a file sent straight to POST /datasets.</summary>
    public const long MaxDirectBytes = 30L * 1024 * 1024;

    public static void Map(WebApplication app, JobStore jobs, DatasetStore datasets, EmulatorOptions options)
    {
        var jobAt = JobAt(jobs);
        app.MapPost("/datasets", async (HttpContext context) =>
        {
            var form = await MultipartForm.ReadAsync(context, datasets.NewFilePath);
            if (form?.File is null)
            {
                await JsonBody.Missing(context, "file");
                return;
            }
            if (form.Bytes > MaxDirectBytes)
            {
                File.Delete(form.File);
                await Answer.Send(context, 413, JobWire.Problem("The file is larger than 30 MB: upload it with POST /datasets/upload."));
                return;
            }
            var (dataset, problem, status) = Target(datasets, form.Fields, DateTimeOffset.UtcNow);
            if (dataset is null)
            {
                File.Delete(form.File);
                await Answer.Send(context, status, JobWire.Problem(problem!));
                return;
            }
            var now = DateTimeOffset.UtcNow;
            var jobId = Guid.NewGuid();
            var version = datasets.AddVersion(dataset, Flag(form.Fields, "override"), jobId, now);
            Keep(version, form.File, form.Bytes, form.Inspector);
            var job = IngestJob(jobId, version, dataset.Name, form.FileName, form.Bytes, form.ContentType, waitForUpload: false, version.Problem, now, options);
            jobs.Add(job);
            await Answer.Send(context, 200, DatasetWire.Created(version, job.At(now).Status));
        });

        app.MapPost("/datasets/upload", async (HttpContext context) =>
        {
            var key = context.Request.Headers["Idempotency-Key"].ToString();
            if (key.Length > 0 && datasets.Idempotent.TryGetValue(key, out var given))
            {
                await Answer.Send(context, 200, given);
                return;
            }
            if (await JsonBody.ReadAsync(context) is not JsonObject body) return;
            if (body["file"] is not JsonObject file || JsonBody.Text(file, "filename") is not { } filename
                || file["bytes"] is not JsonValue bytesValue || !bytesValue.TryGetValue<long>(out var declared) || declared < 0)
            {
                await Answer.Send(context, 422, JobWire.ValidationProblem("missing", ["body", "file"], "Field required: file {filename, bytes, content_type}", ""));
                return;
            }
            var fields = JsonBody.Fields(body);
            var now = DateTimeOffset.UtcNow;
            var (dataset, problem, status) = Target(datasets, fields, now);
            if (dataset is null)
            {
                await Answer.Send(context, status, JobWire.Problem(problem!));
                return;
            }
            var contentType = JsonBody.AsSent(file, "content_type") ?? "text/csv";
            var jobId = Guid.NewGuid();
            var version = datasets.AddVersion(dataset, Flag(fields, "override"), jobId, now, declared, contentType);
            jobs.Add(IngestJob(jobId, version, dataset.Name, filename, declared, contentType, waitForUpload: true, problem: null, now, options));
            var url = new Uri($"{context.Request.Scheme}://{context.Request.Host}/_storage/{version.UploadToken}");
            var answer = DatasetWire.Prepared(version, filename, url);
            if (key.Length > 0) answer = datasets.Idempotent.GetOrAdd(key, answer);
            await Answer.Send(context, 200, answer);
        });

        // The signed upload URL: the emulator's own storage, not an API path. Like a storage service, it wants to
        // know the length up front.
        app.MapPut("/_storage/{token}", async (HttpContext context, string token) =>
        {
            if (await SignedUrl.RefusedAKey(context)) return;
            if (context.Request.ContentLength is null)
            {
                await Answer.Send(context, 411, JobWire.Problem("Content-Length is required."));
                return;
            }
            var version = datasets.FindUpload(token);
            if (version is null || version.Completed)
            {
                await Answer.Send(context, 404, JobWire.Problem("No upload is waiting at this URL."));
                return;
            }
            var path = datasets.NewFilePath();
            var inspector = new CsvInspector();
            var bytes = await MultipartForm.CopyAsync(context.Request.Body, path, inspector, context.RequestAborted);
            Keep(version, path, bytes, inspector);
            context.Response.Headers.ETag = $"\"{version.Id:N}\"";
            context.Response.StatusCode = 200;
        });

        app.MapPost("/datasets/{dataset_version_id}/complete", (HttpContext context, string dataset_version_id) =>
        {
            if (!Guid.TryParse(dataset_version_id, out var id))
                return JsonBody.NotUuid(context, "path", "dataset_version_id", dataset_version_id);
            var version = datasets.FindVersion(id);
            if (version?.UploadToken is null) return Answer.Send(context, 404, JobWire.Problem("Dataset version not found"));
            if (version.Completed) return Answer.Send(context, 409, JobWire.Problem("This upload is already completed."));
            if (!version.Uploaded) return Answer.Send(context, 409, JobWire.Problem("No file has been uploaded to this version's upload URL yet."));
            if (version.ByteSize != version.DeclaredBytes)
                return Answer.Send(context, 400, JobWire.Problem($"The upload has {version.ByteSize} bytes, not the {version.DeclaredBytes} declared."));
            version.Completed = true;
            var job = jobs.Get(version.IngestJobId)!;
            // The file decides the outcome now that it is here: a file that is not CSV fails the ingest.
            job.Timeline!.Release(job.CreatedAt, DateTimeOffset.UtcNow, version.Problem is null ? null : ("failed", version.Problem));
            return Answer.Send(context, 200, DatasetWire.Created(version, job.At(DateTimeOffset.UtcNow).Status));
        });

        app.MapGet("/datasets", (HttpContext context) =>
        {
            var items = new JsonArray();
            foreach (var d in datasets.List()) items.Add(DatasetWire.Dataset(d, jobAt));
            return Answer.Send(context, 200, DatasetWire.Bytes(new JsonObject { ["items"] = items }));
        });

        app.MapGet("/datasets/{dataset_id}", (HttpContext context, string dataset_id) =>
        {
            if (!Guid.TryParse(dataset_id, out var id))
                return JsonBody.NotUuid(context, "path", "dataset_id", dataset_id);
            var dataset = datasets.Find(id);
            // Wrapped, as one caller of the real API saw it.
            return dataset is null
                ? Answer.Send(context, 404, JobWire.Problem("Dataset not found"))
                : Answer.Send(context, 200, DatasetWire.Bytes(new JsonObject { ["dataset"] = DatasetWire.Dataset(dataset, jobAt) }));
        });

        app.MapGet("/datasets/{dataset_id}/versions/{version_id}", (HttpContext context, string dataset_id, string version_id) =>
        {
            if (!Guid.TryParse(dataset_id, out var datasetId) || !Guid.TryParse(version_id, out var versionId))
                return JsonBody.NotUuid(context, "path", "version_id", version_id);
            var version = datasets.FindVersion(versionId);
            return version is null || version.DatasetId != datasetId
                ? Answer.Send(context, 404, JobWire.Problem("Dataset version not found"))
                : Answer.Send(context, 200, DatasetWire.Bytes(DatasetWire.Version(version, jobAt(version.IngestJobId))));
        });
    }

    internal static Func<Guid, EmulatedJob?> JobAt(JobStore jobs) => id => jobs.Find(id, DateTimeOffset.UtcNow);

    /// <summary>The dataset an upload goes to: a new one by name, or an existing one by id; else why not, and the status.</summary>
    private static (EmulatedDataset? Dataset, string? Problem, int Status) Target(DatasetStore datasets, IReadOnlyDictionary<string, string> fields, DateTimeOffset now)
    {
        if (fields.TryGetValue("dataset_id", out var idText) && idText.Length > 0)
        {
            if (!Guid.TryParse(idText, out var id)) return (null, "dataset_id is not a valid UUID.", 422);
            if (datasets.Find(id) is not { } existing) return (null, "Dataset not found", 404);
            // A description sent with a new version is the dataset's new description, as the API keeps one per dataset.
            if (fields.TryGetValue("description", out var newDescription)) existing.Description = newDescription;
            return (existing, null, 200);
        }
        if (!fields.TryGetValue("dataset_name", out var name) || name.Trim().Length == 0)
            return (null, "Give dataset_name for a new dataset, or dataset_id for a new version of one.", 400);
        fields.TryGetValue("description", out var description);
        return datasets.Create(name, description, now) is { } created
            ? (created, null, 200)
            : (null, $"A dataset named '{name}' already exists.", 400);
    }

    private static EmulatedJob IngestJob(Guid id, EmulatedDatasetVersion version, string name, string? filename, long bytes, string? contentType,
        bool waitForUpload, string? problem, DateTimeOffset now, EmulatorOptions options)
    {
        var phases = new JsonArray();
        if (waitForUpload) phases.Add(new JsonObject { ["status"] = "waiting_for_upload", ["seconds"] = 0 });
        phases.Add(new JsonObject { ["status"] = "queued", ["seconds"] = 1 });
        phases.Add(new JsonObject { ["status"] = "running", ["seconds"] = 3 });
        var body = new JsonObject
        {
            ["job_id"] = id.ToString(), ["type"] = "dataset_ingest", ["phases"] = phases, ["hold"] = waitForUpload,
            ["outcome"] = problem is null ? "succeeded" : "failed", ["error_message"] = problem,
            ["credits"] = Math.Round(1 + bytes / 10_000_000.0, 2),
            // Progress and ETA are the training's: an ingest reports neither (the docs: null for other job types).
            ["report_progress"] = false, ["report_eta"] = false,
            ["input"] = new JsonObject
            {
                ["dataset_name"] = name,
                ["file"] = new JsonObject { ["filename"] = filename, ["bytes"] = bytes, ["content_type"] = contentType },
            },
            ["resources"] = new JsonObject { ["type"] = "dataset_ingest", ["dataset"] = DatasetWire.Ref(version) },
        };
        return TimelineJobs.Create(body, now, options.TimeScale);
    }

    /// <summary>A file that arrived: kept, sized, and read for its schema, or for why it is not CSV.</summary>
    private static void Keep(EmulatedDatasetVersion version, string path, long bytes, CsvInspector inspector)
    {
        version.FilePath = path;
        version.ByteSize = bytes;
        (version.Schema, version.Problem) = inspector.Inspect();
    }

    internal static bool Flag(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var text) && bool.TryParse(text, out var value) && value;

}
