using System.Text.Json.Nodes;

namespace WoodWide.Emulator;

/// <summary>
/// Writes models in the wire format of the API docs: ModelVersionRef, the answer of /models/train and /retrain, and
/// the Model of PATCH /models/{id} (also what GET /models/{id} gives). The model list's envelope is the emulator's
/// choice ({"items": [...]}), and so are the metrics of each model type.
/// </summary>
internal static class ModelWire
{
    public static JsonObject Ref(EmulatedModelVersion v) =>
        new() { ["id"] = v.ModelId.ToString(), ["version_id"] = v.Id.ToString(), ["version_number"] = v.Number };

    /// <summary>{model, job_id, status, woodwide_runtime_version}.</summary>
    public static byte[] Training(EmulatedModelVersion v, string jobStatus) => DatasetWire.Bytes(new JsonObject
    {
        ["model"] = Ref(v), ["job_id"] = v.TrainJobId.ToString(), ["status"] = jobStatus, ["woodwide_runtime_version"] = "0.1.0",
    });

    /// <summary>A version's status from its training job: queued, processing, ready or failed.</summary>
    public static string Status(EmulatedJob? job) => job?.Status switch
    {
        "succeeded" => "ready",
        "failed" or "canceled" or "rejected" => "failed",
        "running" => "processing",
        _ => "queued",
    };

    /// <summary>What a trained model of this type reports; none for anomaly, as the docs show.</summary>
    public static JsonObject Metrics(string type) => type switch
    {
        "prediction" => new JsonObject { ["accuracy"] = 0.931, ["f1"] = 0.874 },
        "clustering" => new JsonObject { ["n_clusters"] = 3, ["silhouette_score"] = 0.41 },
        "embedding" => new JsonObject { ["dimensions"] = 4 },
        _ => new JsonObject(),
    };

    /// <summary>The newest version that is ready, else the newest: what the model answers with.</summary>
    public static EmulatedModelVersion? Current(EmulatedModel model, Func<Guid, EmulatedJob?> job) =>
        model.Versions.LastOrDefault(v => Status(job(v.TrainJobId)) == "ready") ?? model.Versions.LastOrDefault();

    public static JsonObject Model(EmulatedModel model, Func<Guid, EmulatedJob?> job, Func<Guid, string?> datasetName)
    {
        var current = Current(model, job);
        var status = current is null ? "processing" : Status(job(current.TrainJobId));
        var metrics = status == "ready" ? Metrics(model.Type) : null;
        return new JsonObject
        {
            ["model_id"] = model.Id.ToString(),
            ["name"] = model.Name,
            ["model_type"] = model.Type,
            ["created_at"] = Time(model.CreatedAt),
            ["updated_at"] = Time(model.UpdatedAt),
            ["description"] = model.Description,
            ["status"] = status,
            ["current_metrics"] = metrics?.DeepClone(),
            ["current_version"] = current is null ? null : new JsonObject
            {
                ["version_id"] = current.Id.ToString(), ["version"] = current.Number, ["status"] = status, ["metrics"] = metrics,
            },
            ["training_dataset_id"] = current?.Dataset.DatasetId.ToString(),
            ["training_dataset_name"] = current is null ? null : datasetName(current.Dataset.DatasetId),
            ["label_column"] = model.LabelColumn,
        };
    }

    private static string Time(DateTimeOffset t) => JobWire.Time(t);
}
