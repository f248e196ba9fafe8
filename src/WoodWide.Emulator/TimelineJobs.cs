using System.Globalization;
using System.Text.Json.Nodes;

namespace WoodWide.Emulator;

/// <summary>
/// Builds a living job from a POST /_emulator/jobs body:
/// <code>
/// { "type": "train", "job_id": "…" (optional),
///   "phases": [ { "status": "queued", "seconds": 1 }, { "status": "running", "seconds": 3 } ],
///   "queued_seconds": 1, "running_seconds": 3      (shorthand when "phases" is absent),
///   "outcome": "succeeded" | "failed" | "canceled" | "rejected" | "waiting_for_upload",
///   "error_message": "…", "credits": 12.5, "progress_at_end": 100,
///   "report_progress": true, "report_eta": true, "time_scale": 0.1,
///   "hold": false   (true: stays in its first phase until POST /_emulator/jobs/{job_id}/release),
///   "expected_running_seconds": 7   (progress and ETA as if it ran this long; it ends when running_seconds do),
///   "input": { … }, "resources": { … }   (as the job should show them; made up when absent) }
/// </code>
/// Seconds are the job's own; time_scale (or the emulator's --time-scale) turns them into real seconds.
/// </summary>
internal static class TimelineJobs
{
    private static readonly string[] PhaseStatuses = ["initializing", "pending", "queued", "running", "waiting_for_upload"];

    public static EmulatedJob Create(JsonObject body, DateTimeOffset now, double defaultScale)
    {
        var type = Text(body, "type") ?? "train";
        var outcome = Text(body, "outcome") ?? "succeeded";
        if (!Timeline.Outcomes.Contains(outcome))
            throw new ArgumentException($"outcome must be one of {string.Join(", ", Timeline.Outcomes)}.");
        var scale = Number(body, "time_scale") ?? defaultScale;
        if (scale <= 0) throw new ArgumentException("time_scale must be positive.");

        var phases = new List<Phase>();
        if (body["phases"] is JsonArray list)
        {
            foreach (var item in list)
            {
                var status = item?["status"]?.GetValue<string>() ?? throw new ArgumentException("Each phase needs a status.");
                if (!PhaseStatuses.Contains(status)) throw new ArgumentException($"A phase's status must be one of {string.Join(", ", PhaseStatuses)}.");
                phases.Add(new Phase(status, Seconds(AsNumber(item["seconds"]) ?? 0, scale)));
            }
        }
        else
        {
            phases.Add(new Phase("queued", Seconds(Number(body, "queued_seconds") ?? 1, scale)));
            if (outcome != "rejected")
                phases.Add(new Phase(outcome == "waiting_for_upload" ? "waiting_for_upload" : "running", Seconds(Number(body, "running_seconds") ?? 3, scale)));
        }

        var failed = outcome is "failed" or "canceled";
        var id = Text(body, "job_id") is string given ? Guid.Parse(given) : Guid.NewGuid();
        var timeline = new Timeline
        {
            Phases = phases,
            Outcome = outcome,
            ErrorMessage = Text(body, "error_message") ?? DefaultError(outcome),
            Credits = Number(body, "credits") ?? (outcome == "rejected" ? 0 : Math.Round(phases.Sum(p => p.Duration.TotalSeconds / scale) * 0.5, 2)),
            ProgressAtEnd = Number(body, "progress_at_end") ?? (failed ? 40 : 100),
            ReportProgress = Flag(body, "report_progress") ?? true,
            ReportEta = Flag(body, "report_eta") ?? true,
            ExpectedRunning = Number(body, "expected_running_seconds") is double expected ? Seconds(expected, scale) : null,
        };
        if (Flag(body, "hold") == true) timeline.Hold();
        return new EmulatedJob
        {
            JobId = id, Type = type, Status = phases.Count > 0 ? phases[0].Status : outcome, CreatedAt = now,
            CreatedBy = new CreatedBy("api_key", Guid.Parse("7e57ab1e-0000-4000-8000-00000000a11c"), Guid.Parse("7e57ab1e-0000-4000-8000-0000000000e1")),
            Input = body["input"]?.DeepClone() as JsonObject ?? new JsonObject { ["emulated"] = true },
            Output = new JsonObject { ["emulated"] = true },
            Resources = body["resources"]?.DeepClone() as JsonObject ?? ResourcesFor(type),
            RuntimeVersion = "0.1.0",
            Timeline = timeline,
        };
    }

    private static TimeSpan Seconds(double jobSeconds, double scale) =>
        jobSeconds >= 0 ? TimeSpan.FromSeconds(jobSeconds * scale) : throw new ArgumentException("Seconds cannot be negative.");

    private static string? DefaultError(string outcome) => outcome switch
    {
        "failed" => "Training diverged: loss became NaN at epoch 3.",
        "canceled" => "Canceled by the user.",
        "rejected" => "Insufficient credits for this job.",
        _ => null,
    };

    private static JsonObject ResourcesFor(string type)
    {
        JsonObject Ref() => new() { ["id"] = Guid.NewGuid().ToString(), ["version_id"] = Guid.NewGuid().ToString(), ["version_number"] = 1 };
        return type switch
        {
            "dataset_ingest" => new JsonObject { ["type"] = type, ["dataset"] = Ref() },
            "train" or "infer_batch" => new JsonObject { ["type"] = type, ["model"] = Ref(), ["dataset"] = Ref() },
            "infer_sync" => new JsonObject { ["type"] = type, ["model"] = Ref() },
            _ => new JsonObject { ["type"] = type },
        };
    }

    private static string? Text(JsonObject body, string name) => JsonBody.AsSent(body, name);

    internal static double? Number(JsonObject body, string name) => AsNumber(body[name]);

    /// <summary>A number whether it was parsed (any JSON number) or built in code (an int, a long, a double).</summary>
    private static double? AsNumber(JsonNode? node) => node is not JsonValue v ? null
        : v.TryGetValue<double>(out var d) ? d
        : v.TryGetValue<int>(out var i) ? i
        : v.TryGetValue<long>(out var l) ? l
        : null;

    private static bool? Flag(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;
}
