using System;
using System.Net;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// Which failed requests are worth sending again, and after how long: 429, 502, 503, 504 and dropped or refused
    /// connections a few times, 500 once; never a 4xx that would only fail again, a TLS failure, or a request that
    /// timed out (its caller chose that timeout). Delays grow exponentially with jitter; a Retry-After wins.
    /// Immutable once made, so <see cref="Default"/> is the same for every caller in the process.
    /// </summary>
    public sealed class RetryPolicy
    {
        public static readonly RetryPolicy Default = new RetryPolicy();

        /// <summary>No retries at all.</summary>
        public static readonly RetryPolicy None = new RetryPolicy { MaxRetries = 0, MaxServerErrorRetries = 0 };

        public int MaxRetries { get; init; } = 3;

        /// <summary>A 500 is a bug more often than a blip: it gets fewer tries.</summary>
        public int MaxServerErrorRetries { get; init; } = 1;

        public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

        public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

        /// <summary>A Retry-After longer than this is not waited out: the error goes to the caller, who can decide.</summary>
        public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

        public double Jitter { get; init; } = 0.2;

        /// <summary>How a delay is waited out: tests record it instead of sleeping.</summary>
        internal Func<TimeSpan, CancellationToken, Task> Sleep { get; init; } = Task.Delay;

        /// <summary>The delay before retry number <paramref name="retry"/> (1-based) after <paramref name="error"/>; null for none.</summary>
        public TimeSpan? DelayBeforeRetry(int retry, WwApiException error, Random random)
        {
            var allowed = error.StatusCode == HttpStatusCode.InternalServerError ? MaxServerErrorRetries : MaxRetries;
            if (retry > allowed || !IsRetryable(error)) return null;
            if (error.RetryAfter is TimeSpan asked)
                return asked <= MaxRetryAfter ? asked : (TimeSpan?)null;
            var seconds = Math.Min(BaseDelay.TotalSeconds * Math.Pow(2, retry - 1), MaxDelay.TotalSeconds);
            return TimeSpan.FromSeconds(seconds * (1 + Jitter * (2 * random.NextDouble() - 1)));
        }

        public static bool IsRetryable(WwApiException error)
        {
            switch (error.Kind)
            {
                case WwErrorKind.RateLimited:
                    return true;
                case WwErrorKind.ServerError:
                    var code = (int?)error.StatusCode;
                    return code == 500 || code == 502 || code == 503 || code == 504;
                case WwErrorKind.Connection:
                    // A certificate that does not check out will not check out on the next try either.
                    for (var e = error.InnerException; e != null; e = e.InnerException)
                        if (e is AuthenticationException) return false;
                    return true;
                default:
                    return false;
            }
        }
    }
}
