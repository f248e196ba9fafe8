using System.Text.Json.Nodes;

namespace WoodWide.Emulator;

/// <summary>
/// One version of a dataset and the file behind it. Its status follows its ingest job: processing while the job
/// runs, ready when it succeeds, failed when it fails.
/// </summary>
internal sealed class EmulatedDatasetVersion
{
    public required Guid Id { get; init; }
    public required Guid DatasetId { get; init; }
    public required int Number { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required Guid IngestJobId { get; set; }

    /// <summary>Where the bytes are on disk; null until they arrived.</summary>
    public string? FilePath { get; set; }

    public long ByteSize { get; set; }
    public JsonObject? Schema { get; set; }

    /// <summary>Why the file is not CSV (its ingest then fails); null when it is.</summary>
    public string? Problem { get; set; }

    /// <summary>Signed-URL flow: what the client declared, the token of its upload URL, and whether /complete came.</summary>
    public long? DeclaredBytes { get; init; }
    public string? UploadToken { get; init; }
    public string? ContentType { get; init; }
    public bool Uploaded => FilePath != null;
    public bool Completed { get; set; }
}
