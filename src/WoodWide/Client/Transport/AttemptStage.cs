using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// One attempt: its time limit (the request timeout, or the time left before the caller's deadline), the stages
    /// down to the send, the caller's handler over a successful answer, and what broke on the way (no answer in time, a
    /// connection never made or broken) as a <see cref="WwApiException"/> that says which.
    /// </summary>
    internal sealed class AttemptStage
    {
        private static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromMilliseconds(100);

        private readonly StageChain _stages;

        public AttemptStage(StageChain stages) => _stages = stages;

        /// <summary>
        /// The request timeout, or the time left before the caller's deadline if that is shorter (never below a tenth of
        /// a second, so a request at the deadline still gets its look).
        /// </summary>
        public static TimeSpan Timeout(TimeSpan requestTimeout, DateTimeOffset? deadline, TimeProvider clock)
        {
            var timeout = requestTimeout;
            if (deadline is DateTimeOffset end)
            {
                var left = end - clock.GetUtcNow();
                if (left < MinAttemptTimeout) left = MinAttemptTimeout;
                if (left < timeout) timeout = left;
            }
            return timeout;
        }

        public async Task<T> RunAsync<T>(Exchange exchange, ResponseHandler<T> handle, CancellationToken cancellationToken)
        {
            var request = exchange.Request;
            // Set once an OpenResponse owns the answer and its timer: then they outlive this attempt.
            var handedOver = false;
            try
            {
                var response = await _stages.SendAsync(exchange).ConfigureAwait(false);
                try
                {
                    var result = await handle(response, exchange.Transfer).ConfigureAwait(false);
                    handedOver = request.KeepsResponse;
                    return result;
                }
                finally
                {
                    if (!handedOver) response.Dispose();
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var limit = string.Format(CultureInfo.InvariantCulture, "{0:0.#} s", exchange.Timeout.TotalSeconds);
                throw new WwApiException(WwErrorKind.Timeout,
                    request.TimeoutIsIdle
                        ? $"The transfer with {exchange.Target.Authority} stalled: nothing moved for {limit}."
                        : $"No answer from {exchange.Target.Authority} within {limit}.",
                    exchange.Status, resource: request.Resource);
            }
            catch (HttpRequestException e)
            {
                // A connection never made is "could not reach"; one that broke after the request went out is not.
                var sent = FailureRules.WasSent(e);
                throw new WwApiException(WwErrorKind.Connection,
                    (sent ? $"The connection to {exchange.Target.Authority} broke before an answer: " : $"Could not reach {exchange.Target.Authority}: ")
                    + Innermost(e).Message,
                    exchange.Status, inner: e, resource: request.Resource, requestSent: sent);
            }
            catch (IOException e)
            {
                throw new WwApiException(WwErrorKind.Connection, $"The connection to {exchange.Target.Authority} failed: {e.Message}",
                    exchange.Status, inner: e, resource: request.Resource);
            }
            finally
            {
                exchange.Dispose();
                if (!handedOver) exchange.Transfer.Dispose();
            }
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }
    }
}
