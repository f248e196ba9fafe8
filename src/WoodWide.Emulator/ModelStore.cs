namespace WoodWide.Emulator;

/// <summary>The emulator's models, in memory. Names are unique; versions are numbered from 1.</summary>
internal sealed class ModelStore
{
    private readonly object _gate = new();
    private readonly Dictionary<Guid, EmulatedModel> _models = new();

    /// <summary>A new model, or null when the name is taken.</summary>
    public EmulatedModel? Create(string name, string type, string? description, string? label, string[]? inputs, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (Taken(name, except: Guid.Empty)) return null;
            var model = new EmulatedModel
            {
                Id = Guid.NewGuid(), Name = name, Type = type, Description = description, CreatedAt = now, UpdatedAt = now,
                LabelColumn = label, InputColumns = inputs,
            };
            _models[model.Id] = model;
            return model;
        }
    }

    public EmulatedModel? Find(Guid id)
    {
        lock (_gate) return _models.TryGetValue(id, out var m) ? m : null;
    }

    public List<EmulatedModel> List()
    {
        lock (_gate) return _models.Values.OrderByDescending(m => m.CreatedAt).ToList();
    }

    public bool NameTaken(string name, Guid except)
    {
        lock (_gate) return Taken(name, except);
    }

    /// <summary>Whether a model other than <paramref name="except"/> has the name; the caller holds the lock.</summary>
    private bool Taken(string name, Guid except) =>
        _models.Values.Any(m => m.Id != except && string.Equals(m.Name, name, StringComparison.Ordinal));

    public EmulatedModelVersion AddVersion(EmulatedModel model, EmulatedDatasetVersion dataset, Guid trainJobId, string? labelType, DateTimeOffset now)
    {
        lock (_gate)
        {
            var version = new EmulatedModelVersion
            {
                Id = Guid.NewGuid(), ModelId = model.Id, Number = model.Versions.Count + 1, CreatedAt = now,
                TrainJobId = trainJobId, Dataset = dataset, LabelType = labelType,
            };
            model.Versions.Add(version);
            model.UpdatedAt = now;
            return version;
        }
    }
}
