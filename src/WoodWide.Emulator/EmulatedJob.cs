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
}

internal sealed record CreatedBy(string PrincipalType, Guid? UserId, Guid? ApiKeyId);
