using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WoodWide.Emulator;

/// <summary>
/// Emulator-only paths under /_emulator, apart from the API's own: create jobs that live on a timeline, and list
/// every job in detail form. No key needed: they exist only on this loopback emulator.
/// </summary>
internal static class ControlApi
{
    public static void Map(WebApplication app, JobStore store, FaultStore faults, ResultStore results, RateLimit limit, EmulatorOptions options)
    {
        // Faults for the next N API requests, on a path prefix or all: see FaultRule.
        app.MapPost("/_emulator/faults", async (HttpContext context) =>
        {
            try
            {
                var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? throw new ArgumentException("The body must be a JSON object.");
                faults.Add(FaultRule.From(body));
                context.Response.StatusCode = 201;
            }
            catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException or FormatException)
            {
                await Answer.Send(context, 422, JobWire.Problem(e.Message));
            }
        });
        app.MapDelete("/_emulator/faults", (HttpContext context) => { faults.Clear(); context.Response.StatusCode = 204; });

        // How many API requests arrived, by path: what the fault tests count.
        app.MapGet("/_emulator/requests", (HttpContext context) =>
        {
            var paths = new JsonObject();
            foreach (var pair in faults.Counts.OrderBy(p => p.Key)) paths[pair.Key] = pair.Value;
            var body = new JsonObject { ["total"] = faults.Counts.Values.Sum(), ["paths"] = paths };
            return Answer.Send(context, 200, Encoding.UTF8.GetBytes(body.ToJsonString()));
        });
        app.MapDelete("/_emulator/requests", (HttpContext context) => { faults.ResetCounts(); context.Response.StatusCode = 204; });

        // Rate-limit mode: {"per_second": 20, "retry_after": true}; DELETE turns it off. GET says how it went.
        app.MapPost("/_emulator/rate-limit", async (HttpContext context) =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            var rate = body?["per_second"] is JsonValue v && v.TryGetValue<double>(out var r) && r > 0 ? r : (double?)null;
            if (rate is null)
            {
                await Answer.Send(context, 422, JobWire.Problem("per_second must be a number above 0."));
                return;
            }
            limit.Set(rate, body?["retry_after"] is JsonValue ra && ra.TryGetValue<bool>(out var send) ? send : true);
            context.Response.StatusCode = 204;
        });
        app.MapDelete("/_emulator/rate-limit", (HttpContext context) => { limit.Set(null, true); context.Response.StatusCode = 204; });
        app.MapGet("/_emulator/rate-limit", (HttpContext context) => Answer.Send(context, 200, Encoding.UTF8.GetBytes(new JsonObject
        {
            ["per_second"] = limit.PerSecond, ["retry_after"] = limit.SendRetryAfter, ["allowed"] = limit.Allowed, ["refused"] = limit.Refused,
        }.ToJsonString())));

        // Many living jobs at once: see BulkJobs.
        app.MapPost("/_emulator/jobs/bulk", async (HttpContext context) =>
        {
            try
            {
                var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? new JsonObject();
                var jobs = BulkJobs.Create(body, DateTimeOffset.UtcNow, options.TimeScale);
                var ids = new JsonArray();
                foreach (var job in jobs)
                {
                    store.Add(job);
                    ids.Add(job.JobId.ToString());
                }
                await Answer.Send(context, 201, Encoding.UTF8.GetBytes(new JsonObject { ["count"] = jobs.Count, ["job_ids"] = ids }.ToJsonString()));
            }
            catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException or FormatException)
            {
                await Answer.Send(context, 422, JobWire.Problem(e.Message));
            }
        });

        app.MapGet("/_emulator/health", (HttpContext context) =>
            Answer.Send(context, 200, "{\"status\":\"ok\"}"u8.ToArray()));

        // The seeded jobs' names and ids (SeedJobs), so test suites in any language share one list.
        app.MapGet("/_emulator/seeds", (HttpContext context) =>
        {
            var seeds = new JsonObject();
            foreach (var (name, id) in SeedJobs.Named()) seeds[name] = id.ToString();
            return Answer.Send(context, 200, Encoding.UTF8.GetBytes(seeds.ToJsonString()));
        });

        app.MapPost("/_emulator/jobs", async (HttpContext context) =>
        {
            JsonObject? body;
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            }
            catch (JsonException e)
            {
                await Answer.Send(context, 400, JobWire.Problem("The body is not JSON: " + e.Message));
                return;
            }
            try
            {
                body ??= new JsonObject();
                var job = TimelineJobs.Create(body, DateTimeOffset.UtcNow, options.TimeScale);
                if (body["results"] is JsonObject wanted) AddResults(results, job.JobId, wanted);
                store.Add(job);
                await Answer.Send(context, 201, JobWire.Detail(job.At(DateTimeOffset.UtcNow)));
            }
            catch (ArgumentException e)
            {
                await Answer.Send(context, 422, JobWire.Problem(e.Message));
            }
        });

        // Lets a job created with "hold": true go on from its first phase.
        app.MapPost("/_emulator/jobs/{job_id}/release", (HttpContext context, string job_id) =>
        {
            var job = Guid.TryParse(job_id, out var id) ? store.Get(id) : null;
            if (job?.Timeline is null) return Answer.Send(context, 404, JobWire.Problem("No living job with that id."));
            job.Timeline.Release(job.CreatedAt, DateTimeOffset.UtcNow);
            return Answer.Send(context, 200, JobWire.Detail(job.At(DateTimeOffset.UtcNow)));
        });

        app.MapGet("/_emulator/jobs", (HttpContext context) =>
        {
            var now = DateTimeOffset.UtcNow;
            return Answer.Send(context, 200, JobWire.Details(store.List(null, null, now)));
        });
    }

    /// <summary>
    /// "results": {"rows": 1000, "columns": 10, "output_type": "json"|"csv"|"parquet", "shape": "columns"|"rows"|"bare",
    /// "uri_field": "results_uri"}: a made-up table (ResultSet.Synthetic) that GET /jobs/{job_id}/results serves once
    /// the job has succeeded, for benchmarks and for the result shapes the docs leave open.
    /// </summary>
    private static void AddResults(ResultStore results, Guid jobId, JsonObject wanted)
    {
        var rows = wanted["rows"]?.GetValue<int>() ?? 10;
        var columns = wanted["columns"]?.GetValue<int>() ?? 4;
        if (rows < 0 || columns < 1) throw new ArgumentException("results: rows must be 0 or more and columns 1 or more.");
        var output = wanted["output_type"]?.GetValue<string>() ?? "json";
        if (output is not ("json" or "csv" or "parquet")) throw new ArgumentException("results: output_type must be json, csv or parquet.");
        var shape = wanted["shape"]?.GetValue<string>() ?? "columns";
        if (shape is not ("columns" or "rows" or "bare")) throw new ArgumentException("results: shape must be columns, rows or bare.");
        results.Add(jobId, output, () => ResultSet.Synthetic(rows, columns), shape, wanted["uri_field"]?.GetValue<string>() ?? "results_uri");
    }
}
