using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WoodWide.Emulator;

/// <summary>The API's job paths: GET /jobs/{job_id} and GET /jobs.</summary>
internal static class JobsApi
{
    public static void Map(WebApplication app, JobStore store, EmulatorOptions options)
    {
        app.MapGet("/jobs/{job_id}", (HttpContext context, string job_id) =>
        {
            if (!Guid.TryParse(job_id, out var id))
                return Answer.Send(context, 422, JobWire.ValidationProblem("uuid_parsing", ["path", "job_id"],
                    "Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-]", job_id));
            var job = store.Find(id, DateTimeOffset.UtcNow);
            return job is null
                ? Answer.Send(context, 404, JobWire.Problem("Job not found"))
                : Answer.Send(context, 200, JobWire.Detail(job));
        });

        app.MapGet("/jobs", (HttpContext context) =>
        {
            var query = context.Request.Query;
            var limit = options.DefaultPageSize;
            if (query.TryGetValue("limit", out var limitText) &&
                (!int.TryParse(limitText, out limit) || limit < 1 || limit > options.MaxPageSize))
                return Answer.Send(context, 422, JobWire.ValidationProblem("less_than_equal", ["query", "limit"],
                    $"Input should be a whole number from 1 to {options.MaxPageSize}", limitText.ToString()));
            var offset = 0;
            if (query.TryGetValue("cursor", out var cursor) && !TryReadCursor(cursor.ToString(), out offset))
                return Answer.Send(context, 422, JobWire.ValidationProblem("value_error", ["query", "cursor"], "Invalid cursor", cursor.ToString()));
            var all = store.List(Single(query["status"]), Single(query["type"]), DateTimeOffset.UtcNow);
            var page = all.Skip(offset).Take(limit).ToList();
            var next = offset + page.Count < all.Count ? WriteCursor(offset + page.Count) : null;
            return Answer.Send(context, 200, JobWire.Page(page, next));
        });
    }

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 || string.IsNullOrEmpty(values[0]) ? null : values[0];

    // Cursors are opaque to clients, as a real API's are; here they only wrap an offset.
    private static string WriteCursor(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + offset));

    private static bool TryReadCursor(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text["offset:".Length..], out offset) && offset >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
