using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace WoodWide.Emulator;

/// <summary>The faults waiting to happen, and a count of the API requests the emulator has seen.</summary>
internal sealed class FaultStore
{
    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = new();
    private readonly ConcurrentDictionary<string, int> _requests = new();

    public void Add(FaultRule rule)
    {
        lock (_gate) _rules.Add(rule);
    }

    public void Clear()
    {
        lock (_gate) _rules.Clear();
    }

    public void ResetCounts() => _requests.Clear();

    public IReadOnlyDictionary<string, int> Counts => _requests;

    /// <summary>Counts the request, then takes one use of the first fault that matches its path, if any.</summary>
    public FaultRule? Take(string path)
    {
        _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        lock (_gate)
        {
            foreach (var rule in _rules)
            {
                if (rule.PathPrefix != null && !(rule.Exact ? path == rule.PathPrefix : path.StartsWith(rule.PathPrefix, StringComparison.Ordinal))) continue;
                if (rule.After > 0)
                {
                    rule.After--;
                    continue;
                }
                if (rule.Probability is double chance)
                {
                    if (Random.Shared.NextDouble() >= chance) continue;
                    return rule.Statuses is { Length: > 0 } statuses
                        ? new FaultRule { Kind = rule.Kind, Status = statuses[Random.Shared.Next(statuses.Length)], RetryAfter = rule.RetryAfter, DelayMs = rule.DelayMs }
                        : rule;
                }
                if (!rule.Forever && --rule.Remaining <= 0) _rules.Remove(rule);
                return rule;
            }
            return null;
        }
    }

    /// <summary>Plays a fault; true when the request is answered (or dropped) and must go no further.</summary>
    public static async Task<bool> PlayAsync(FaultRule fault, HttpContext context, RequestDelegate next)
    {
        var response = context.Response;
        switch (fault.Kind)
        {
            case "drop_after":
                // The request is carried out in full, then the connection drops before the answer: the client cannot
                // tell whether it was, which is what the no-duplicate rule is about.
                response.Body = Stream.Null;
                await next(context);
                context.Abort();
                return true;
            case "delay":
                await Task.Delay(fault.DelayMs, context.RequestAborted);
                return false;
            case "hang":
                try { await Task.Delay(Timeout.Infinite, context.RequestAborted); }
                catch (OperationCanceledException) { }
                return true;
            case "reset":
                context.Abort();
                return true;
            case "status":
                if (fault.RetryAfter != null) response.Headers.RetryAfter = fault.RetryAfter;
                await Answer.Send(context, fault.Status, JobWire.Problem($"Injected fault: HTTP {fault.Status}"));
                return true;
            case "html":
                response.StatusCode = fault.Status;
                response.ContentType = "text/html";
                await response.WriteAsync("<html><head><title>Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy could not reach the upstream server.</p></body></html>");
                return true;
            case "truncated":
                // A JSON body cut off mid-way, sent chunked so the HTTP layer cannot tell.
                response.StatusCode = 200;
                response.ContentType = "application/json";
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes("{\"job_id\":\"6f1c2a9e-3b7d-4e21-9a55-0c8d1e2f3a40\",\"type\":\"train\",\"status\":\"runn"));
                return true;
            case "malformed":
                await Answer.Send(context, 200, Encoding.UTF8.GetBytes("{job_id: 6f1c2a9e, status: running,}"));
                return true;
            case "redirect":
                response.StatusCode = fault.Status;
                response.Headers.Location = fault.Location;
                return true;
            default:
                return false;
        }
    }
}
