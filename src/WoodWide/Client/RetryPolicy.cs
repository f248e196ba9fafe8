using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// Which failed requests are sent again within the same call, and after how long: the transient ones
    /// (<see cref="FailureRules"/>) a few times, a 500 once, never a timeout; a request that creates something only when
    /// the server surely did not act on it. Delays grow exponentially with jitter; a Retry-After wins. While the
    /// command's requests keep failing so (<see cref="FailureStreak.Holds"/>), each gets one retry at most: the server
    /// has already shown that waiting out a full set does not help, and the streak decides sooner.
    /// Immutable once made, so <see cref="Default"/> is the same for every caller in the process.
    /// </summary>
    public sealed class RetryPolicy
    {
        public static readonly RetryPolicy Default = new RetryPolicy();

        /// <summary>
        /// For the polls of a wait: a 429 goes back to the wait at once, which pauses every poll together
        /// (<see cref="RateGate"/>) rather than have each poll wait it out alone.
        /// </summary>
        public static readonly RetryPolicy ForWaits = Default.ForWait();

        /// <summary>No retries at all.</summary>
        public static readonly RetryPolicy None = new RetryPolicy { MaxRetries = 0, MaxServerErrorRetries = 0 };

        public int MaxRetries { get; init; } = 3;

        /// <summary>A 500 is a bug more often than a blip: it gets fewer tries.</summary>
        public int MaxServerErrorRetries { get; init; } = 1;

        /// <summary>The most retries while a streak of failures holds (the last request failed so, after its own retries).</summary>
        public int MaxRetriesInStreak { get; init; } = 1;

        public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

        public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

        /// <summary>A Retry-After longer than this is not waited out: the error goes to the caller, who can decide.</summary>
        public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

        public double Jitter { get; init; } = 0.2;

        /// <summary>Whether a 429 is waited out and sent again within the call (true), or handed to the caller (a wait).</summary>
        public bool RetryRateLimits { get; init; } = true;

        /// <summary>This policy for the polls of a wait: the same tries and delays, but a 429 goes back to the wait at once.</summary>
        public RetryPolicy ForWait() => new RetryPolicy
        {
            MaxRetries = MaxRetries, MaxServerErrorRetries = MaxServerErrorRetries, MaxRetriesInStreak = MaxRetriesInStreak,
            BaseDelay = BaseDelay, MaxDelay = MaxDelay, MaxRetryAfter = MaxRetryAfter, Jitter = Jitter, Sleep = Sleep,
            RetryRateLimits = false,
        };

        /// <summary>How a delay is waited out: tests record it instead of sleeping. Null: on the transport's clock.</summary>
        internal Func<TimeSpan, CancellationToken, Task>? Sleep { get; init; }

        /// <summary>
        /// The delay before retry number <paramref name="retry"/> (1-based) after <paramref name="error"/>; null for none.
        /// A request that is not <paramref name="idempotent"/> is retried only when the server surely did not act on it;
        /// <paramref name="inStreak"/> (the last request failed so too) allows one retry at most.
        /// </summary>
        public TimeSpan? DelayBeforeRetry(int retry, WwApiException error, bool idempotent, Random random, bool inStreak = false)
        {
            if (!RetriesInPlace(error) || (!idempotent && !FailureRules.ServerDidNotAct(error))) return null;
            if (!RetryRateLimits && error.Kind == WwErrorKind.RateLimited) return null;
            var allowed = error.StatusCode == HttpStatusCode.InternalServerError ? MaxServerErrorRetries : MaxRetries;
            if (inStreak && allowed > MaxRetriesInStreak) allowed = MaxRetriesInStreak;
            if (retry > allowed) return null;
            if (error.RetryAfter is TimeSpan asked)
                return asked <= MaxRetryAfter ? asked : (TimeSpan?)null;
            var seconds = Math.Min(BaseDelay.TotalSeconds * Math.Pow(2, retry - 1), MaxDelay.TotalSeconds);
            return TimeSpan.FromSeconds(seconds * (1 + Jitter * (2 * random.NextDouble() - 1)));
        }

        /// <summary>
        /// Which transient failures (<see cref="FailureRules.IsTransient"/>) are worth sending again within the same
        /// call: all but a timeout, whose caller chose that budget (three more would quadruple it), and a body that is
        /// not the API's, which a caller with time to spare (Wait-WwJob) tries again later instead.
        /// </summary>
        public static bool RetriesInPlace(WwApiException error) =>
            error.IsTransient && error.Kind != WwErrorKind.Timeout && error.Kind != WwErrorKind.InvalidResponse;
    }
}
