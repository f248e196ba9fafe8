using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// What is retried, and when: each attempt as a new exchange; after a failure, as long as the transport's
    /// <see cref="RetryPolicy"/> says (which asks <see cref="FailureRules"/> what is transient and whether a request that
    /// creates something may go again), never past the caller's deadline, waiting on the transport's clock. Every
    /// attempt is traced, with the wait before the next.
    /// </summary>
    internal sealed class RetryStage
    {
        private readonly WwTransport _transport;

        public RetryStage(WwTransport transport) => _transport = transport;

        public async Task<T> RunAsync<T>(WwRequest request, Func<Exchange, Task<T>> attempt, Func<Exchange> newExchange,
            DateTimeOffset? deadline, CancellationToken cancellationToken)
        {
            var clock = _transport.Clock;
            var sleep = _transport.Retry.Sleep ?? ((span, token) => clock.Delay(span, token));
            // The command's requests share one pace once the server has said too many; a wait paces its polls itself.
            var pace = _transport.Retry.RetryRateLimits ? _transport.Pace : null;
            for (var retry = 1; ; retry++)
            {
                if (pace != null) await TakeTurnAsync(pace, clock, sleep, cancellationToken).ConfigureAwait(false);
                var exchange = newExchange();
                var started = clock.GetTimestamp();
                try
                {
                    var result = await attempt(exchange).ConfigureAwait(false);
                    pace?.Answered(clock.GetUtcNow());
                    _transport.Traced?.Invoke(AttemptTrace.Of(exchange, clock.GetElapsedTime(started), note: PaceNote(pace, exchange)));
                    return result;
                }
                catch (WwApiException e)
                {
                    if (pace != null && e.Kind == WwErrorKind.RateLimited) pace.Limited(clock.GetUtcNow(), e.RetryAfter);
                    else if (pace != null && e.StatusCode != null) pace.Answered(clock.GetUtcNow());
                    var delay = _transport.Retry.DelayBeforeRetry(retry, e, request.Idempotent, _transport.Jitter, _transport.Streak.Holds);
                    e.MayHaveActed = FailureRules.MayHaveActed(e, request.Idempotent);
                    // Never wait past the caller's deadline: better its own error now than a late one.
                    if (delay is TimeSpan d && deadline is DateTimeOffset end && clock.GetUtcNow() + d >= end) delay = null;
                    _transport.Traced?.Invoke(AttemptTrace.Of(exchange, clock.GetElapsedTime(started), e, delay, retry, PaceNote(pace, exchange)));
                    if (delay is not TimeSpan wait) throw;
                    await sleep(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _transport.Traced?.Invoke(AttemptTrace.Of(exchange, clock.GetElapsedTime(started), note: "cancelled"));
                    throw;
                }
            }
        }

        /// <summary>The exchange's own note, and the command's new pace when it was set or cut since the last line said it.</summary>
        private static string? PaceNote(SharedPace? pace, Exchange exchange)
        {
            if (pace?.TakeNews() is not double perSecond) return exchange.Note;
            var news = string.Format(CultureInfo.InvariantCulture,
                "the server limits the rate, so this command's requests now go at {0:0.#} a second", perSecond);
            return exchange.Note is string note ? note + "; " + news : news;
        }

        /// <summary>Waits for the request's turn at the command's pace (none before a 429): asked again once when the first pause ends.</summary>
        private static async Task TakeTurnAsync(SharedPace pace, TimeProvider clock, Func<TimeSpan, CancellationToken, Task> sleep,
            CancellationToken cancellationToken)
        {
            var (wait, taken) = pace.Reserve(clock.GetUtcNow());
            if (wait > TimeSpan.Zero) await sleep(wait, cancellationToken).ConfigureAwait(false);
            if (taken) return;
            (wait, _) = pace.Reserve(clock.GetUtcNow(), final: true);
            if (wait > TimeSpan.Zero) await sleep(wait, cancellationToken).ConfigureAwait(false);
        }
    }
}
