using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace WoodWide.Emulator;

/// <summary>
/// What every API path goes through before its handler, in this order: the latency and faults that stand for the
/// network and the proxies in front of the API, then Bearer authentication, then the rate limit (per key).
/// </summary>
internal static class Gateway
{
    public static void Use(WebApplication app, FaultStore faults, RateLimit limit, EmulatorOptions options)
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
            await Answer.Send(context, 401, JobWire.Problem(missing ? "Not authenticated" : "Invalid API key"));
        });
    }

    private static bool Authorized(HttpContext context, string key)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(header["Bearer ".Length..]), Encoding.UTF8.GetBytes(key));
    }
}
