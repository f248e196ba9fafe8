namespace WoodWide.Emulator;

/// <summary>The emulator's record of a dataset: a name and its versions, numbered from 1.</summary>
internal sealed class EmulatedDataset
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public List<EmulatedDatasetVersion> Versions { get; } = new();
}
