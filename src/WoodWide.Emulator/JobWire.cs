using System.Buffers;
using System.Text.Json;

namespace WoodWide.Emulator;

/// <summary>
/// Writes jobs in the wire format of the API docs (JobDetail for GET /jobs/{job_id}; a shorter Job for list items).
/// Written field by field on purpose, with no model shared with the module.
/// </summary>
internal static class JobWire
{
    public static byte[] Detail(EmulatedJob job) => Write(w => WriteDetail(w, job));

    public static byte[] Page(IReadOnlyList<EmulatedJob> items, string? nextCursor) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("items");
        foreach (var job in items) WriteSummary(w, job);
        w.WriteEndArray();
        w.WriteString("next_cursor", nextCursor);
        w.WriteEndObject();
    });

    /// <summary>Every job in detail form: the emulator-only listing.</summary>
    public static byte[] Details(IReadOnlyList<EmulatedJob> jobs) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("items");
        foreach (var job in jobs) WriteDetail(w, job);
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>FastAPI's error body: {"detail": "..."}.</summary>
    public static byte[] Problem(string detail) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteString("detail", detail);
        w.WriteEndObject();
    });

    /// <summary>FastAPI's validation error body: {"detail": [{"type", "loc", "msg", "input"}]}.</summary>
    public static byte[] ValidationProblem(string type, string[] location, string message, string input) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("detail");
        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteStartArray("loc");
        foreach (var part in location) w.WriteStringValue(part);
        w.WriteEndArray();
        w.WriteString("msg", message);
        w.WriteString("input", input);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void WriteDetail(Utf8JsonWriter w, EmulatedJob job)
    {
        w.WriteStartObject();
        WriteCommon(w, job);
        w.WritePropertyName("input");
        WriteNode(w, job.Input);
        w.WritePropertyName("output");
        WriteNode(w, job.Output);
        w.WritePropertyName("resources");
        WriteNode(w, job.Resources);
        w.WriteString("error_message", job.ErrorMessage);
        w.WriteString("woodwide_runtime_version", job.RuntimeVersion);
        WriteNumber(w, "credits_consumed", job.CreditsConsumed);
        w.WriteEndObject();
    }

    // The docs describe JobDetail as "Job plus input/output, resources, error details and billing"; list items are that Job.
    private static void WriteSummary(Utf8JsonWriter w, EmulatedJob job)
    {
        w.WriteStartObject();
        WriteCommon(w, job);
        w.WriteEndObject();
    }

    private static void WriteCommon(Utf8JsonWriter w, EmulatedJob job)
    {
        w.WriteString("job_id", job.JobId);
        w.WriteString("type", job.Type);
        w.WriteString("status", job.Status);
        WriteTime(w, "created_at", job.CreatedAt);
        WriteTime(w, "started_at", job.StartedAt);
        WriteTime(w, "finished_at", job.FinishedAt);
        if (job.CreatedBy is { } by)
        {
            w.WriteStartObject("created_by");
            w.WriteString("principal_type", by.PrincipalType);
            WriteGuid(w, "user_id", by.UserId);
            WriteGuid(w, "api_key_id", by.ApiKeyId);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("created_by");
        }
        WriteNumber(w, "progress", job.Progress);
        WriteNumber(w, "estimated_seconds_remaining", job.EstimatedSecondsRemaining);
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } time) w.WriteString(name, Time(time));
        else w.WriteNull(name);
    }

    /// <summary>A time as the API writes it: UTC, to the microsecond, with a Z.</summary>
    internal static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");

    private static void WriteGuid(Utf8JsonWriter w, string name, Guid? value)
    {
        if (value is { } id) w.WriteString(name, id);
        else w.WriteNull(name);
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } number) w.WriteNumber(name, number);
        else w.WriteNull(name);
    }

    private static void WriteNode(Utf8JsonWriter w, System.Text.Json.Nodes.JsonNode? node)
    {
        if (node is null) w.WriteNullValue();
        else node.WriteTo(w);
    }

    internal static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer)) body(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
