using System.Text.Json.Nodes;

namespace WoodWide.Emulator;

/// <summary>The emulator's own record of a job, kept in the API's terms (snake_case on the wire is written by JobWire).</summary>
internal sealed class EmulatedJob
{
    public required Guid JobId { get; init; }
    public required string Type { get; init; }
    public required string Status { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public CreatedBy? CreatedBy { get; init; }
    public JsonObject? Input { get; init; }
    public JsonObject? Output { get; set; }
    public JsonObject? Resources { get; init; }
    public string? ErrorMessage { get; set; }
    public string? RuntimeVersion { get; init; }
    public double? CreditsConsumed { get; set; }
    public double? Progress { get; set; }
    public double? EstimatedSecondsRemaining { get; set; }

    /// <summary>For a job that lives; null for one that stays as it was seeded.</summary>
    public Timeline? Timeline { get; init; }

    /// <summary>The job as the API would show it at <paramref name="now"/>.</summary>
    public EmulatedJob At(DateTimeOffset now) => Timeline?.Apply(this, now) ?? this;

    public EmulatedJob With(string status, DateTimeOffset? started, DateTimeOffset? finished, double? progress,
        double? eta, double? credits, string? error) => new()
    {
        JobId = JobId, Type = Type, CreatedAt = CreatedAt, CreatedBy = CreatedBy, Input = Input, Resources = Resources,
        RuntimeVersion = RuntimeVersion, Output = finished is null ? null : Output,
        Status = status, StartedAt = started, FinishedAt = finished, Progress = progress,
        EstimatedSecondsRemaining = eta, CreditsConsumed = credits, ErrorMessage = error,
    };
}
