namespace WoodWide.Emulator;

/// <summary>One version of a model: the training job that makes it, and the dataset version it learns from.</summary>
internal sealed class EmulatedModelVersion
{
    public required Guid Id { get; init; }
    public required Guid ModelId { get; init; }
    public required int Number { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required Guid TrainJobId { get; init; }
    public required EmulatedDatasetVersion Dataset { get; init; }

    /// <summary>The type of the label column in the training data (binary, numeric, categorical), for the predictions.</summary>
    public string? LabelType { get; init; }
}
