using System;

namespace WoodWide.Client
{
    /// <summary>
    /// The trace of one attempt, for -Verbose: built from the exchange's method, target, status and note, never from
    /// its headers or body, so it cannot hold the key.
    /// </summary>
    internal static class AttemptTrace
    {
        public static RequestTrace Of(Exchange exchange, TimeSpan elapsed, WwApiException? failure = null, TimeSpan? retryIn = null,
            int retry = 0, string? note = null) =>
            new RequestTrace(exchange.Method.Method, Shown(exchange), exchange.Status, elapsed,
                failure is { StatusCode: null } ? failure.Message : null, retryIn, retry, note ?? exchange.Note);

        /// <summary>
        /// How a target shows: the API's path and query; for a signed URL only where it is (its path and query are its
        /// credential); for another origin its scheme, host and path.
        /// </summary>
        public static string Shown(Exchange exchange)
        {
            var target = exchange.Target;
            return !exchange.Request.WithKey ? target.GetLeftPart(UriPartial.Authority) + "/… (signed URL)"
                : exchange.Api.Is(target) ? target.PathAndQuery
                : target.GetLeftPart(UriPartial.Path) + (string.IsNullOrEmpty(target.Query) ? string.Empty : "?…");
        }
    }
}
