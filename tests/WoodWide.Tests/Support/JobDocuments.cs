namespace WoodWide.Tests.Support;

/// <summary>Job JSON as the API docs describe it, for the mapping tests.</summary>
internal static class JobDocuments
{
    public const string JobId = "6f1c2a9e-3b7d-4e21-9a55-0c8d1e2f3a40";

    public const string FullTrain = """
    {
      "job_id": "6f1c2a9e-3b7d-4e21-9a55-0c8d1e2f3a40",
      "type": "train",
      "status": "running",
      "created_at": "2026-11-07T05:31:56Z",
      "started_at": "2026-11-07T05:32:10.250Z",
      "finished_at": null,
      "created_by": { "principal_type": "api_key", "user_id": "u-1", "api_key_id": "k-9", "team": "ml" },
      "input": { "model_name": "churn", "input_columns": ["a", "b"], "epochs": 12, "rate": 0.5, "balanced": true, "note": null,
                 "nested": { "Deep": { "x": 1 } } },
      "output": {},
      "resources": {
        "model": { "id": "0de10000-0000-4000-8000-000000000001", "version_id": "0de10000-0000-4000-8000-0000000000b1", "version_number": 3 },
        "dataset": { "id": "da7a5e70-0000-4000-8000-000000000001", "version_id": "da7a5e70-0000-4000-8000-0000000000a1", "version_number": 1 },
        "type": "train"
      },
      "error_message": null,
      "woodwide_runtime_version": "0.1.0",
      "credits_consumed": 12.5,
      "progress": 42.5,
      "estimated_seconds_remaining": 90
    }
    """;
}
