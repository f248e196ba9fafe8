namespace WoodWide.Emulator;

/// <summary>The emulator's record of a model: its configuration, kept from its first training, and its versions.</summary>
internal sealed class EmulatedModel
{
    public static readonly string[] Types = ["prediction", "anomaly", "embedding", "clustering", "factors", "search"];

    public required Guid Id { get; init; }
    public required string Name { get; set; }
    public required string Type { get; init; }
    public string? Description { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? LabelColumn { get; init; }
    public string[]? InputColumns { get; init; }
    public List<EmulatedModelVersion> Versions { get; } = new();
}
