using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WoodWide.Emulator;

/// <summary>
/// Writes datasets in the wire format of the API docs: DatasetVersionRef, the answers of POST /datasets,
/// /datasets/upload and /complete, and DatasetVersion. The Dataset object and its list are not documented; their
/// shapes here are the emulator's choice (docs/emulator.md).
/// </summary>
internal static class DatasetWire
{
    public static JsonObject Ref(EmulatedDatasetVersion v) =>
        new() { ["id"] = v.DatasetId.ToString(), ["version_id"] = v.Id.ToString(), ["version_number"] = v.Number };

    /// <summary>POST /datasets and /complete: {dataset, job_id, status}.</summary>
    public static byte[] Created(EmulatedDatasetVersion v, string jobStatus) => Bytes(new JsonObject
    {
        ["dataset"] = Ref(v), ["job_id"] = v.IngestJobId.ToString(), ["status"] = jobStatus,
    });

    /// <summary>POST /datasets/upload: {dataset, job_id, upload: {filename, bytes, content_type, upload_url}}.</summary>
    public static byte[] Prepared(EmulatedDatasetVersion v, string filename, Uri uploadUrl) => Bytes(new JsonObject
    {
        ["dataset"] = Ref(v),
        ["job_id"] = v.IngestJobId.ToString(),
        ["upload"] = new JsonObject
        {
            ["filename"] = filename, ["bytes"] = v.DeclaredBytes, ["content_type"] = v.ContentType, ["upload_url"] = uploadUrl.AbsoluteUri,
        },
    });

    /// <summary>GET /datasets/{id}/versions/{version_id}: the documented DatasetVersion.</summary>
    public static JsonObject Version(EmulatedDatasetVersion v, EmulatedJob? job)
    {
        var status = job?.Status switch
        {
            "succeeded" => "ready",
            "failed" or "canceled" or "rejected" => "failed",
            _ => "processing",
        };
        return new JsonObject
        {
            ["dataset_version_id"] = v.Id.ToString(),
            ["dataset_id"] = v.DatasetId.ToString(),
            ["version"] = v.Number,
            ["status"] = status,
            ["created_at"] = Time(v.CreatedAt),
            ["schema_json"] = status == "ready" ? v.Schema?.DeepClone() : null,
            ["byte_size"] = v.FilePath is null ? null : v.ByteSize,
            ["ingest_job_id"] = v.IngestJobId.ToString(),
            ["ready_at"] = status == "ready" && job?.FinishedAt is { } at ? Time(at) : null,
        };
    }

    /// <summary>A dataset (emulator's shape): its name, its newest version, and how many there are.</summary>
    public static JsonObject Dataset(EmulatedDataset d, Func<Guid, EmulatedJob?> job)
    {
        var current = d.Versions.LastOrDefault();
        return new JsonObject
        {
            ["dataset_id"] = d.Id.ToString(),
            ["name"] = d.Name,
            ["description"] = d.Description,
            ["created_at"] = Time(d.CreatedAt),
            ["version_count"] = d.Versions.Count,
            ["current_version"] = current is null ? null : Version(current, job(current.IngestJobId)),
        };
    }

    public static byte[] Bytes(JsonNode node) => JobWire.Write(w => node.WriteTo(w));

    private static string Time(DateTimeOffset t) => JobWire.Time(t);
}
