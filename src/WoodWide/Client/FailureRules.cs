using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace WoodWide.Client
{
    /// <summary>
    /// The one place that says what a failed request means for the next try: whether the same request may succeed
    /// later (transient), whether the server surely did not act on it (so even a request that creates something may be
    /// sent again). Whether a failure is about one item or the server is the error catalogue's scope, with
    /// <see cref="FailureStreak"/> for the failures that are about the server only when several items meet them.
    /// </summary>
    public static class FailureRules
    {
        /// <summary>May the same request succeed if sent again later?</summary>
        public static bool IsTransient(WwApiException error)
        {
            switch (error.Kind)
            {
                case WwErrorKind.RateLimited:
                case WwErrorKind.Timeout:
                case WwErrorKind.InvalidResponse:   // a proxy's error page or a cut-off body passes; a wrong -BaseUri is caught elsewhere
                    return true;
                case WwErrorKind.ServerError:
                    // Not implemented and an unsupported HTTP version stay so.
                    return error.StatusCode != HttpStatusCode.NotImplemented && error.StatusCode != HttpStatusCode.HttpVersionNotSupported;
                case WwErrorKind.Connection:
                    // A certificate that does not check out will not check out on the next try either.
                    return !HasCause<AuthenticationException>(error);
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when the server surely did not act on the request: it said so (429, or 503 with a Retry-After), or
        /// no connection was ever made. Only then is a request that creates something sent again without an
        /// idempotency key: after a reset, a timeout or another 5xx it may have been carried out.
        /// </summary>
        public static bool ServerDidNotAct(WwApiException error) =>
            error.Kind == WwErrorKind.RateLimited
            || (error.StatusCode == HttpStatusCode.ServiceUnavailable && error.RetryAfter != null)
            || (error.Kind == WwErrorKind.Connection && !error.RequestSent);

        /// <summary>
        /// True when a request that creates something (not idempotent) failed after it was sent, where the server may
        /// have carried it out: the error then says how to look before running the command again.
        /// </summary>
        public static bool MayHaveActed(WwApiException error, bool idempotent) =>
            !idempotent && error.IsTransient && error.RequestSent && !ServerDidNotAct(error);

        /// <summary>
        /// Whether a send that failed with <paramref name="e"/> ever reached the server: a connection that could not be
        /// made (refused, unknown host, no route) fails with a socket error at once; one that broke after the request
        /// went out fails in the stream (IOException) instead.
        /// </summary>
        internal static bool WasSent(HttpRequestException e) => !(e.InnerException is SocketException);

        private static bool HasCause<T>(Exception error) where T : Exception
        {
            for (var e = error.InnerException; e != null; e = e.InnerException)
                if (e is T) return true;
            return false;
        }
    }
}
