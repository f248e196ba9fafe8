using System.Text.Json.Nodes;

namespace WoodWide.Emulator;

/// <summary>
/// Many living jobs from one POST /_emulator/jobs/bulk, for waits at scale:
/// <code>
/// { "count": 500, "type": "train", "min_seconds": 4, "max_seconds": 60, "queued_seconds": 1,
///   "failed": 0.1, "canceled": 0.05, "early": 0.1, "seed": 7, "time_scale": 0.25 }
/// </code>
/// Each job runs a duration drawn evenly from [min_seconds, max_seconds] (job seconds, times the time scale), after a
/// queue of up to queued_seconds; a share ends failed or canceled, and a share ("early") ends before the ETA it gave
/// said it would (at a third to two thirds of it). The same seed makes the same jobs.
/// </summary>
internal static class BulkJobs
{
    public const int MaxCount = 20000;

    public static List<EmulatedJob> Create(JsonObject body, DateTimeOffset now, double defaultScale)
    {
        var count = Int(body, "count") ?? 100;
        if (count < 1 || count > MaxCount) throw new ArgumentException($"count must be from 1 to {MaxCount}.");
        var min = Number(body, "min_seconds") ?? 4;
        var max = Number(body, "max_seconds") ?? 60;
        if (min < 0 || max < min) throw new ArgumentException("min_seconds must be 0 or more, and max_seconds at least min_seconds.");
        var queued = Number(body, "queued_seconds") ?? 1;
        var failed = Number(body, "failed") ?? 0;
        var canceled = Number(body, "canceled") ?? 0;
        var early = Number(body, "early") ?? 0;
        if (failed < 0 || canceled < 0 || early < 0 || failed + canceled > 1) throw new ArgumentException("failed, canceled and early are shares from 0 to 1.");
        var random = new Random(Int(body, "seed") ?? 1);
        var type = body["type"] is JsonValue t && t.TryGetValue<string>(out var text) ? text : "train";
        var jobs = new List<EmulatedJob>(count);
        for (var i = 0; i < count; i++)
        {
            var running = min + random.NextDouble() * (max - min);
            var draw = random.NextDouble();
            var outcome = draw < failed ? "failed" : draw < failed + canceled ? "canceled" : "succeeded";
            var spec = new JsonObject
            {
                ["type"] = type, ["outcome"] = outcome,
                ["queued_seconds"] = Math.Round(random.NextDouble() * queued, 3),
                ["running_seconds"] = Math.Round(running, 3),
            };
            if (random.NextDouble() < early)
            {
                // It says it will run the whole time, and ends a third to two thirds of the way in.
                spec["expected_running_seconds"] = Math.Round(running, 3);
                spec["running_seconds"] = Math.Round(running * (1 + random.NextDouble()) / 3, 3);
            }
            if (body["time_scale"] is JsonValue scale) spec["time_scale"] = scale.DeepClone();
            jobs.Add(TimelineJobs.Create(spec, now, defaultScale));
        }
        return jobs;
    }

    private static double? Number(JsonObject body, string name) => TimelineJobs.Number(body, name);

    private static int? Int(JsonObject body, string name) => Number(body, name) is double d ? (int)d : null;
}
