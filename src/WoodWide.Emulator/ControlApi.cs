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
    public static void Map(WebApplication app, JobStore store, EmulatorOptions options)
    {
        app.MapGet("/_emulator/health", (HttpContext context) =>
            JobsApi.Send(context, 200, "{\"status\":\"ok\"}"u8.ToArray()));

        app.MapPost("/_emulator/jobs", async (HttpContext context) =>
        {
            JsonObject? body;
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
            }
            catch (JsonException e)
            {
                await JobsApi.Send(context, 400, JobWire.Problem("The body is not JSON: " + e.Message));
                return;
            }
            try
            {
                var job = TimelineJobs.Create(body ?? new JsonObject(), DateTimeOffset.UtcNow, options.TimeScale);
                store.Add(job);
                await JobsApi.Send(context, 201, JobWire.Detail(job.At(DateTimeOffset.UtcNow)));
            }
            catch (ArgumentException e)
            {
                await JobsApi.Send(context, 422, JobWire.Problem(e.Message));
            }
        });

        app.MapGet("/_emulator/jobs", (HttpContext context) =>
        {
            var now = DateTimeOffset.UtcNow;
            return JobsApi.Send(context, 200, JobWire.Details(store.List(null, null, now)));
        });
    }
}
