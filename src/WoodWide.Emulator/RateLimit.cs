using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace WoodWide.Emulator;

/// <summary>
/// The emulator's rate-limit mode: at most <see cref="PerSecond"/> API requests a second for each key (a token bucket
/// that holds one second's worth), a 429 beyond it with Retry-After (whole seconds, as HTTP has it) unless told to
/// leave it out. Off until POST /_emulator/rate-limit or --rate-limit.
/// </summary>
internal sealed class RateLimit
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    private sealed class Bucket
    {
        public double Tokens;
        public DateTimeOffset At;
    }

    public double? PerSecond { get; private set; }

    public bool SendRetryAfter { get; private set; } = true;

    /// <summary>Requests refused so far (a 429), and let through, since the mode was set.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public long Allowed => Interlocked.Read(ref _allowed);

    private long _refused;
    private long _allowed;

    public void Set(double? perSecond, bool retryAfter)
    {
        PerSecond = perSecond;
        SendRetryAfter = retryAfter;
        _buckets.Clear();
        Interlocked.Exchange(ref _refused, 0);
        Interlocked.Exchange(ref _allowed, 0);
    }

    /// <summary>True when the request may go on; else a 429 has been sent.</summary>
    public async Task<bool> AdmitAsync(HttpContext context)
    {
        if (PerSecond is not double rate) return true;
        var key = context.Request.Headers.Authorization.ToString();
        var bucket = _buckets.GetOrAdd(key, _ => new Bucket { Tokens = rate, At = DateTimeOffset.UtcNow });
        double wait;
        lock (bucket)
        {
            var now = DateTimeOffset.UtcNow;
            bucket.Tokens = Math.Min(rate, bucket.Tokens + (now - bucket.At).TotalSeconds * rate);
            bucket.At = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                Interlocked.Increment(ref _allowed);
                return true;
            }
            wait = (1 - bucket.Tokens) / rate;
        }
        Interlocked.Increment(ref _refused);
        if (SendRetryAfter)
            context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait)).ToString(CultureInfo.InvariantCulture);
        await Answer.Send(context, 429, JobWire.Problem($"Rate limit exceeded: at most {rate} requests a second."));
        return false;
    }
}
