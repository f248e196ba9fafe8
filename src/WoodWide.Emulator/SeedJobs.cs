using System.Text.Json.Nodes;

namespace WoodWide.Emulator;

/// <summary>
/// The jobs a fresh emulator holds: one of each documented type in each state that type can show, with fixed ids
/// (README's quick start and the tests use them) and times relative to when the emulator started.
/// </summary>
internal static class SeedJobs
{
    public static readonly Guid SucceededTrain = Guid.Parse("6f1c2a9e-3b7d-4e21-9a55-0c8d1e2f3a40");
    public static readonly Guid RunningTrain = Guid.Parse("a3e4f5d6-7b8c-4d9e-8f01-23456789abcd");
    public static readonly Guid FailedTrain = Guid.Parse("0b9e8d7c-6a5f-4e3d-9c2b-1a0f9e8d7c6b");
    public static readonly Guid QueuedTrain = Guid.Parse("5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a");
    public static readonly Guid RejectedTrain = Guid.Parse("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
    public static readonly Guid SucceededIngest = Guid.Parse("11111111-2222-4333-8444-555555555555");
    public static readonly Guid WaitingIngest = Guid.Parse("22222222-3333-4444-8555-666666666666");
    public static readonly Guid InitializingIngest = Guid.Parse("33333333-4444-4555-8666-777777777777");
    public static readonly Guid FailedIngest = Guid.Parse("44444444-5555-4666-8777-888888888888");
    public static readonly Guid SucceededInferSync = Guid.Parse("c0ffee00-1234-4abc-9def-0123456789ab");
    public static readonly Guid RunningInferBatch = Guid.Parse("d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6");
    public static readonly Guid SucceededInferBatch = Guid.Parse("e2f3a4b5-c6d7-4e8f-9a01-b2c3d4e5f6a7");
    public static readonly Guid CanceledInferBatch = Guid.Parse("f3a4b5c6-d7e8-4f9a-8b12-c3d4e5f6a7b8");
    public static readonly Guid PendingInferBatch = Guid.Parse("a4b5c6d7-e8f9-4a0b-9c23-d4e5f6a7b8c9");
    public static readonly Guid ExplainJob = Guid.Parse("b5c6d7e8-f9a0-4b1c-8d34-e5f6a7b8c9d0");

    private static readonly Guid User = Guid.Parse("7e57ab1e-0000-4000-8000-00000000a11c");
    private static readonly Guid KeyId = Guid.Parse("7e57ab1e-0000-4000-8000-0000000000e1");
    private static readonly Guid Dataset = Guid.Parse("da7a5e70-0000-4000-8000-000000000001");
    private static readonly Guid DatasetV1 = Guid.Parse("da7a5e70-0000-4000-8000-0000000000a1");
    private static readonly Guid DatasetV2 = Guid.Parse("da7a5e70-0000-4000-8000-0000000000a2");
    private static readonly Guid Model = Guid.Parse("0de10000-0000-4000-8000-000000000001");
    private static readonly Guid ModelV1 = Guid.Parse("0de10000-0000-4000-8000-0000000000b1");
    private static readonly Guid ModelV2 = Guid.Parse("0de10000-0000-4000-8000-0000000000b2");
    private const string Runtime = "0.1.0";

    /// <summary>Each seeded job's name (its field here) and id, in the order they are declared.</summary>
    public static IEnumerable<(string Name, Guid Id)> Named() =>
        typeof(SeedJobs).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(Guid))
            .Select(f => (f.Name, (Guid)f.GetValue(null)!));

    public static IEnumerable<EmulatedJob> Create(DateTimeOffset now)
    {
        DateTimeOffset Ago(double minutes) => now.AddMinutes(-minutes);
        var byKey = new CreatedBy("api_key", User, KeyId);
        var byUser = new CreatedBy("user", User, null);

        yield return new EmulatedJob
        {
            JobId = SucceededIngest, Type = "dataset_ingest", Status = "succeeded", CreatedBy = byKey,
            CreatedAt = Ago(180), StartedAt = Ago(179.5), FinishedAt = Ago(178),
            Input = new JsonObject { ["dataset_name"] = "churn-2026q3", ["description"] = "Customer churn, Q3", ["override"] = false },
            Output = new JsonObject { ["rows"] = 48210, ["columns"] = 23, ["byte_size"] = 7340032 },
            Resources = Ingest(Dataset, DatasetV1, 1), RuntimeVersion = Runtime, CreditsConsumed = 2,
        };
        yield return new EmulatedJob
        {
            JobId = SucceededTrain, Type = "train", Status = "succeeded", CreatedBy = byKey,
            CreatedAt = Ago(170), StartedAt = Ago(169), FinishedAt = Ago(140),
            Input = TrainInput("churn-predictor", "prediction", "churned"),
            Output = new JsonObject { ["metrics"] = new JsonObject { ["accuracy"] = 0.931, ["f1"] = 0.874 } },
            Resources = Train(ModelV1, 1, DatasetV1, 1), RuntimeVersion = Runtime,
            CreditsConsumed = 42.5, Progress = 100, EstimatedSecondsRemaining = 0,
        };
        yield return new EmulatedJob
        {
            JobId = SucceededInferSync, Type = "infer_sync", Status = "succeeded", CreatedBy = byKey,
            CreatedAt = Ago(120), StartedAt = Ago(120), FinishedAt = Ago(119.9),
            Input = new JsonObject { ["output_type"] = "json", ["filename"] = "new-customers.csv" },
            Output = new JsonObject { ["rows"] = 250, ["latency_ms"] = 412 },
            Resources = Inference("infer_sync", ModelV1, 1, null, null), RuntimeVersion = Runtime, CreditsConsumed = 0.25,
        };
        yield return new EmulatedJob
        {
            JobId = SucceededInferBatch, Type = "infer_batch", Status = "succeeded", CreatedBy = byUser,
            CreatedAt = Ago(100), StartedAt = Ago(99), FinishedAt = Ago(92),
            Input = new JsonObject { ["output_type"] = "parquet", ["anomaly_format"] = "ids_only" },
            Output = new JsonObject { ["rows"] = 48210, ["results_uri"] = "https://storage.example.invalid/results/e2f3a4b5.parquet" },
            Resources = Inference("infer_batch", ModelV1, 1, DatasetV1, 1), RuntimeVersion = Runtime, CreditsConsumed = 6,
        };
        yield return new EmulatedJob
        {
            JobId = FailedIngest, Type = "dataset_ingest", Status = "failed", CreatedBy = byKey,
            CreatedAt = Ago(90), StartedAt = Ago(89.8), FinishedAt = Ago(89),
            Input = new JsonObject { ["dataset_name"] = "churn-2026q4-draft", ["override"] = false },
            Resources = Ingest(Dataset, DatasetV2, 2), RuntimeVersion = Runtime, CreditsConsumed = 0,
            ErrorMessage = "CSV parse error at line 1184: expected 23 columns, found 19.",
        };
        yield return new EmulatedJob
        {
            JobId = FailedTrain, Type = "train", Status = "failed", CreatedBy = byKey,
            CreatedAt = Ago(80), StartedAt = Ago(79), FinishedAt = Ago(75),
            Input = TrainInput("churn-predictor-v2", "prediction", "churn_flag"),
            Resources = Train(ModelV2, 2, DatasetV1, 1), RuntimeVersion = Runtime,
            CreditsConsumed = 3.5, Progress = 12,
            ErrorMessage = "Label column 'churn_flag' not found in dataset version 1.",
        };
        yield return new EmulatedJob
        {
            JobId = CanceledInferBatch, Type = "infer_batch", Status = "canceled", CreatedBy = byUser,
            CreatedAt = Ago(70), StartedAt = Ago(69), FinishedAt = Ago(68),
            Input = new JsonObject { ["output_type"] = "csv" },
            Resources = Inference("infer_batch", ModelV1, 1, DatasetV1, 1), RuntimeVersion = Runtime, CreditsConsumed = 0.5,
        };
        yield return new EmulatedJob
        {
            JobId = RejectedTrain, Type = "train", Status = "rejected", CreatedBy = byKey,
            CreatedAt = Ago(60), FinishedAt = Ago(60),
            Input = TrainInput("big-embedding", "embedding", null),
            Resources = Train(ModelV2, 2, DatasetV1, 1), CreditsConsumed = 0,
            ErrorMessage = "Insufficient credits: this training needs an estimated 120 credits, 37 remain.",
        };
        yield return new EmulatedJob
        {
            JobId = WaitingIngest, Type = "dataset_ingest", Status = "waiting_for_upload", CreatedBy = byKey,
            CreatedAt = Ago(30),
            Input = new JsonObject { ["dataset_name"] = "churn-2026q4", ["file"] = new JsonObject { ["filename"] = "q4.csv", ["bytes"] = 104857600, ["content_type"] = "text/csv" } },
            Resources = Ingest(Dataset, DatasetV2, 2),
        };
        yield return new EmulatedJob
        {
            JobId = InitializingIngest, Type = "dataset_ingest", Status = "initializing", CreatedBy = byKey,
            CreatedAt = Ago(0.5),
            Input = new JsonObject { ["dataset_name"] = "support-tickets" },
            Resources = Ingest(Guid.Parse("da7a5e70-0000-4000-8000-000000000002"), Guid.Parse("da7a5e70-0000-4000-8000-0000000000c1"), 1),
        };
        yield return new EmulatedJob
        {
            JobId = RunningTrain, Type = "train", Status = "running", CreatedBy = byKey,
            CreatedAt = Ago(12), StartedAt = Ago(11),
            Input = TrainInput("churn-anomalies", "anomaly", null),
            Resources = Train(Guid.Parse("0de10000-0000-4000-8000-0000000000c1"), 1, DatasetV1, 1), RuntimeVersion = Runtime,
            Progress = 42, EstimatedSecondsRemaining = 915,
        };
        yield return new EmulatedJob
        {
            JobId = RunningInferBatch, Type = "infer_batch", Status = "running", CreatedBy = byUser,
            CreatedAt = Ago(4), StartedAt = Ago(3),
            Input = new JsonObject { ["output_type"] = "json" },
            Resources = Inference("infer_batch", ModelV1, 1, DatasetV1, 1), RuntimeVersion = Runtime,
        };
        yield return new EmulatedJob
        {
            JobId = QueuedTrain, Type = "train", Status = "queued", CreatedBy = byKey, CreatedAt = Ago(2),
            Input = TrainInput("churn-clusters", "clustering", null),
            Resources = Train(Guid.Parse("0de10000-0000-4000-8000-0000000000d1"), 1, DatasetV1, 1), RuntimeVersion = Runtime,
        };
        yield return new EmulatedJob
        {
            JobId = PendingInferBatch, Type = "infer_batch", Status = "pending", CreatedBy = byKey, CreatedAt = Ago(1),
            Input = new JsonObject { ["output_type"] = "parquet" },
            Resources = Inference("infer_batch", ModelV1, 1, DatasetV1, 1),
        };
        // A kind the docs do not list (row explanations, seen in callers of the API): clients must pass it through.
        yield return new EmulatedJob
        {
            JobId = ExplainJob, Type = "explain", Status = "succeeded", CreatedBy = byKey,
            CreatedAt = Ago(50), StartedAt = Ago(49), FinishedAt = Ago(47),
            Input = new JsonObject { ["source_job_id"] = SucceededInferBatch.ToString(), ["rows"] = new JsonArray(3, 17, 42) },
            Resources = new JsonObject { ["type"] = "explain", ["source_job"] = new JsonObject { ["id"] = SucceededInferBatch.ToString() } },
            RuntimeVersion = Runtime, CreditsConsumed = 1.25,
        };
    }

    private static JsonObject TrainInput(string name, string modelType, string? label)
    {
        var input = new JsonObject
        {
            ["model_name"] = name, ["model_type"] = modelType, ["dataset_id"] = Dataset.ToString(),
            ["input_columns"] = new JsonArray("tenure_months", "monthly_spend", "support_tickets", "plan"),
        };
        if (label != null) input["label_column"] = label;
        return input;
    }

    private static JsonObject Ref(Guid id, Guid versionId, int number) =>
        new() { ["id"] = id.ToString(), ["version_id"] = versionId.ToString(), ["version_number"] = number };

    private static JsonObject Ingest(Guid dataset, Guid version, int number) =>
        new() { ["dataset"] = Ref(dataset, version, number), ["type"] = "dataset_ingest" };

    private static JsonObject Train(Guid modelVersion, int modelNumber, Guid datasetVersion, int datasetNumber) =>
        new() { ["type"] = "train", ["model"] = Ref(Model, modelVersion, modelNumber), ["dataset"] = Ref(Dataset, datasetVersion, datasetNumber) };

    private static JsonObject Inference(string type, Guid modelVersion, int modelNumber, Guid? datasetVersion, int? datasetNumber)
    {
        var resources = new JsonObject { ["type"] = type, ["model"] = Ref(Model, modelVersion, modelNumber) };
        if (datasetVersion is { } v) resources["dataset"] = Ref(Dataset, v, datasetNumber ?? 1);
        return resources;
    }
}
