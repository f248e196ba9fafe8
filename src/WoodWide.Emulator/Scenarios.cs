using System.Text.Json.Nodes;

namespace WoodWide.Emulator;

/// <summary>Named sets of living jobs, created when the emulator starts (--scenario NAME), with fixed ids.</summary>
internal static class Scenarios
{
    public static readonly Guid DemoIngest = Guid.Parse("de300000-0000-4000-8000-000000000001");
    public static readonly Guid DemoTrain = Guid.Parse("de300000-0000-4000-8000-000000000002");
    public static readonly Guid DemoFailingTrain = Guid.Parse("de300000-0000-4000-8000-000000000003");

    public static readonly string[] Names = ["demo"];

    public static IEnumerable<EmulatedJob> Create(string? name, DateTimeOffset now, double scale)
    {
        switch (name)
        {
            case null:
                return [];
            case "demo":
                // An ingest and a training of about 15 s each, with progress and ETA, and a training that fails.
                return
                [
                    TimelineJobs.Create(Body(DemoIngest, "dataset_ingest", 1, 13, "succeeded", 3), now, scale),
                    TimelineJobs.Create(Body(DemoTrain, "train", 2, 13, "succeeded", 42.5), now, scale),
                    TimelineJobs.Create(new JsonObject
                    {
                        ["job_id"] = DemoFailingTrain.ToString(), ["type"] = "train", ["queued_seconds"] = 1, ["running_seconds"] = 5,
                        ["outcome"] = "failed", ["credits"] = 1.5,
                        ["error_message"] = "Label column 'churned' has a single value; nothing to learn.",
                    }, now, scale),
                ];
            default:
                throw new ArgumentException($"Unknown scenario '{name}'. Scenarios: {string.Join(", ", Names)}.");
        }
    }

    private static JsonObject Body(Guid id, string type, double queued, double running, string outcome, double credits) => new()
    {
        ["job_id"] = id.ToString(), ["type"] = type, ["queued_seconds"] = queued, ["running_seconds"] = running,
        ["outcome"] = outcome, ["credits"] = credits,
    };
}
