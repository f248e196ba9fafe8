using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// What an answer that is not a success means: a <see cref="WwApiException"/> of the kind its status says, with the
    /// API's own message (its detail), the Retry-After it asked for, what the 404 is about, and, when a redirect took
    /// the request to another origin without the key, that story rather than advice about the key.
    /// </summary>
    internal sealed class StatusStage : ITransportStage
    {
        private const int MaxErrorBodyChars = 64 * 1024;

        public async Task<HttpResponseMessage> SendAsync(Exchange exchange, NextStage next)
        {
            var response = await next(exchange).ConfigureAwait(false);
            if (response.IsSuccessStatusCode) return response;
            using (response) throw await ToApiExceptionAsync(response, exchange).ConfigureAwait(false);
        }

        internal static WwErrorKind KindOf(int code) => code switch
        {
            400 or 413 or 422 => WwErrorKind.InvalidRequest,
            401 => WwErrorKind.Authentication,
            402 => WwErrorKind.QuotaExceeded,
            403 => WwErrorKind.PermissionDenied,
            404 => WwErrorKind.NotFound,
            409 => WwErrorKind.Conflict,
            429 => WwErrorKind.RateLimited,
            >= 500 and <= 599 => WwErrorKind.ServerError,
            _ => WwErrorKind.UnexpectedStatus,
        };

        private static async Task<WwApiException> ToApiExceptionAsync(HttpResponseMessage response, Exchange exchange)
        {
            var code = (int)response.StatusCode;
            string? body = null;
            try
            {
                body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (body.Length > MaxErrorBodyChars) body = body.Substring(0, MaxErrorBodyChars);
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException)
            {
                // The status alone still says what happened.
            }
            var detail = ErrorBody.ReadDetail(body);
            var statusLine = string.Format(CultureInfo.InvariantCulture, "{0} {1}", code,
                string.IsNullOrEmpty(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase);
            var message = detail != null
                ? $"{detail} (HTTP {statusLine})"
                : body != null && body.TrimStart().StartsWith("<", StringComparison.Ordinal)
                    ? $"HTTP {statusLine}, with an HTML page instead of the API's JSON: a proxy, a gateway or another web server answered."
                    : $"HTTP {statusLine}.";
            // A 404 without the API's own word for it (no detail, or the framework's bare "Not Found" for a path it has
            // no route for) is about the path, not the job: most likely -BaseUri is not the API.
            var resource = exchange.Request.Resource;
            if (code == 404 && (detail is null || string.Equals(detail, "Not Found", StringComparison.OrdinalIgnoreCase)))
                resource = ApiResource.Path;
            var kind = KindOf(code);
            if (exchange.WithheldAt is string origin)
            {
                // The answer is another origin's, to a request that came without the key: that is the story, not the key.
                var refused = kind == WwErrorKind.Authentication || kind == WwErrorKind.PermissionDenied;
                message = $"The server redirected the request to {origin}, another origin than the API's ({exchange.Api.Authority}); the API key was withheld there, " +
                    $"as it goes to the API's origin only, and {origin} answered: {message}";
                if (refused) kind = WwErrorKind.RedirectRefused;
            }
            return new WwApiException(kind, message, response.StatusCode, detail, RetryAfter(response, exchange.Clock), resource: resource);
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock)
        {
            var header = response.Headers.RetryAfter;
            if (header is null) return null;
            if (header.Delta is TimeSpan delta) return delta;
            if (header.Date is DateTimeOffset date)
            {
                var wait = date - clock.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }
    }
}
