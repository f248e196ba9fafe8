using System.Collections.Concurrent;

namespace WoodWide.Emulator;

/// <summary>
/// The emulator's datasets, in memory, and the files behind their versions, on disk in a folder of this emulator's
/// own (removed when it stops). Dataset names are unique; versions are numbered from 1.
/// </summary>
internal sealed class DatasetStore : IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, EmulatedDataset> _datasets = new();
    private readonly Dictionary<Guid, EmulatedDatasetVersion> _versions = new();
    private readonly Dictionary<string, EmulatedDatasetVersion> _byToken = new(StringComparer.Ordinal);

    /// <summary>Answers already given to a POST /datasets/upload, by its Idempotency-Key.</summary>
    public ConcurrentDictionary<string, byte[]> Idempotent { get; } = new(StringComparer.Ordinal);

    public string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "woodwide-emulator-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>A new file in the storage folder, for one upload.</summary>
    public string NewFilePath() => Path.Combine(Folder, Guid.NewGuid().ToString("N"));

    /// <summary>A new dataset, or null when the name is taken.</summary>
    public EmulatedDataset? Create(string name, string? description, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_datasets.Values.Any(d => string.Equals(d.Name, name, StringComparison.Ordinal))) return null;
            var dataset = new EmulatedDataset { Id = Guid.NewGuid(), Name = name, Description = description, CreatedAt = now };
            _datasets[dataset.Id] = dataset;
            return dataset;
        }
    }

    public EmulatedDataset? Find(Guid id)
    {
        lock (_gate) return _datasets.TryGetValue(id, out var d) ? d : null;
    }

    public List<EmulatedDataset> List()
    {
        lock (_gate) return _datasets.Values.OrderByDescending(d => d.CreatedAt).ToList();
    }

    public EmulatedDatasetVersion? FindVersion(Guid versionId)
    {
        lock (_gate) return _versions.TryGetValue(versionId, out var v) ? v : null;
    }

    public EmulatedDatasetVersion? FindUpload(string token)
    {
        lock (_gate) return _byToken.TryGetValue(token, out var v) ? v : null;
    }

    /// <summary>Adds the next version to <paramref name="dataset"/>, or replaces the data of its current one (override).</summary>
    public EmulatedDatasetVersion AddVersion(EmulatedDataset dataset, bool replace, Guid ingestJobId, DateTimeOffset now,
        long? declaredBytes = null, string? contentType = null)
    {
        lock (_gate)
        {
            var current = dataset.Versions.LastOrDefault();
            var version = new EmulatedDatasetVersion
            {
                Id = replace && current != null ? current.Id : Guid.NewGuid(),
                DatasetId = dataset.Id,
                Number = replace && current != null ? current.Number : dataset.Versions.Count + 1,
                CreatedAt = now,
                IngestJobId = ingestJobId,
                DeclaredBytes = declaredBytes,
                ContentType = contentType,
                UploadToken = declaredBytes is null ? null : Guid.NewGuid().ToString("N"),
            };
            if (replace && current != null) dataset.Versions[^1] = version;
            else dataset.Versions.Add(version);
            _versions[version.Id] = version;
            if (version.UploadToken != null) _byToken[version.UploadToken] = version;
            return version;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a request that was cut off: the temp folder is the system's to clean.
        }
    }
}
