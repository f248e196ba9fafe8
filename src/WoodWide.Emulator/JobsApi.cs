using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WoodWide.Emulator;

/// <summary>
/// The API's job paths (GET /jobs/{job_id}, GET /jobs), and the middleware every API path goes through: the latency
/// and faults that stand for the network, then Bearer authentication.
/// </summary>
internal static class JobsApi
{
    public static void Map(WebApplication app, JobStore store, FaultStore faults, RateLimit limit, EmulatorOptions options)
    {
        // Faults come first: they stand for the network and the proxies in front of the API.
        app.Use(async (context, next) =>
        {
            // --latency: every API answer comes this much later, as from a far server.
            if (options.LatencyMs > 0 && !context.Request.Path.StartsWithSegments("/_emulator"))
                await Task.Delay(options.LatencyMs, context.RequestAborted);
            if (!context.Request.Path.StartsWithSegments("/_emulator")
                && faults.Take(context.Request.Path.Value ?? "/") is FaultRule fault
                && await FaultStore.PlayAsync(fault, context, next))
                return;
            await next(context);
        });

        app.Use(async (context, next) =>
        {
            // The emulator's own paths need no key, nor does storage: a signed URL carries its own credential.
            if (context.Request.Path.StartsWithSegments("/_emulator") || context.Request.Path.StartsWithSegments("/_storage"))
            {
                await next(context);
                return;
            }
            if (Authorized(context, options.ApiKey))
            {
                // The rate limit is per key, so it counts only requests that have one.
                if (await limit.AdmitAsync(context)) await next(context);
                return;
            }
            context.Response.Headers.WWWAuthenticate = "Bearer";
            var missing = !context.Request.Headers.Authorization.Any();
            await Send(context, 401, JobWire.Problem(missing ? "Not authenticated" : "Invalid API key"));
        });

        app.MapGet("/jobs/{job_id}", (HttpContext context, string job_id) =>
        {
            if (!Guid.TryParse(job_id, out var id))
                return Send(context, 422, JobWire.ValidationProblem("uuid_parsing", ["path", "job_id"],
                    "Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-]", job_id));
            var job = store.Find(id, DateTimeOffset.UtcNow);
            return job is null
                ? Send(context, 404, JobWire.Problem("Job not found"))
                : Send(context, 200, JobWire.Detail(job));
        });

        app.MapGet("/jobs", (HttpContext context) =>
        {
            var query = context.Request.Query;
            var limit = options.DefaultPageSize;
            if (query.TryGetValue("limit", out var limitText) &&
                (!int.TryParse(limitText, out limit) || limit < 1 || limit > options.MaxPageSize))
                return Send(context, 422, JobWire.ValidationProblem("less_than_equal", ["query", "limit"],
                    $"Input should be a whole number from 1 to {options.MaxPageSize}", limitText.ToString()));
            var offset = 0;
            if (query.TryGetValue("cursor", out var cursor) && !TryReadCursor(cursor.ToString(), out offset))
                return Send(context, 422, JobWire.ValidationProblem("value_error", ["query", "cursor"], "Invalid cursor", cursor.ToString()));
            var all = store.List(Single(query["status"]), Single(query["type"]), DateTimeOffset.UtcNow);
            var page = all.Skip(offset).Take(limit).ToList();
            var next = offset + page.Count < all.Count ? WriteCursor(offset + page.Count) : null;
            return Send(context, 200, JobWire.Page(page, next));
        });

    }

    private static bool Authorized(HttpContext context, string key)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(key));
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

    internal static Task Send(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
