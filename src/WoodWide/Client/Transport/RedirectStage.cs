using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// Follows redirects by hand (automatic redirects are off: .NET Framework would carry the key along): at most
    /// <see cref="MaxRedirects"/>, to a place <see cref="WwConnection.Validate"/> accepts, with the key only while the
    /// target stays on the origin it came from. 303, and 301/302 after a POST, fetch the new place with GET.
    /// </summary>
    internal sealed class RedirectStage : ITransportStage
    {
        public const int MaxRedirects = 5;

        public async Task<HttpResponseMessage> SendAsync(Exchange exchange, NextStage next)
        {
            for (var hop = 0; ; hop++)
            {
                var response = await next(exchange).ConfigureAwait(false);
                if (!IsRedirect(response.StatusCode) || response.Headers.Location is not Uri location) return response;
                using (response)
                {
                    if (hop >= MaxRedirects)
                        throw new WwApiException(WwErrorKind.RedirectRefused, string.Format(CultureInfo.InvariantCulture,
                            "The server redirected {0} {1} {2} times, to {3} last; WoodWide follows at most {2}, so it stopped there.",
                            exchange.Request.Method, exchange.Request.Target, MaxRedirects,
                            location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Path) : location.OriginalString),
                            response.StatusCode, resource: exchange.Request.Resource);
                    Follow(exchange, location);
                    var code = (int)response.StatusCode;
                    if (code == 303 || ((code == 301 || code == 302) && exchange.Method == HttpMethod.Post))
                    {
                        exchange.Method = HttpMethod.Get;
                        exchange.SendBody = false;
                    }
                }
            }
        }

        private static bool IsRedirect(HttpStatusCode status) =>
            status == HttpStatusCode.MovedPermanently || status == HttpStatusCode.Found || status == HttpStatusCode.SeeOther
            || status == HttpStatusCode.TemporaryRedirect || (int)status == 308;

        private static void Follow(Exchange exchange, Uri location)
        {
            var next = location.IsAbsoluteUri ? location : new Uri(exchange.Target, location);
            if (WwConnection.Validate(next) is var (_, problem))
                throw new WwApiException(WwErrorKind.RedirectRefused,
                    $"The server redirected {exchange.Method} {AttemptTrace.Shown(exchange)} to a place WoodWide will not go, so it was not followed: {problem}",
                    exchange.Status);
            var withKey = exchange.KeyGoes;
            var keep = withKey && ApiOrigin.Same(exchange.Target, next);
            if (withKey && !keep) exchange.WithheldAt = next.GetLeftPart(UriPartial.Authority);
            exchange.Note = keep ? $"redirected to {next.AbsolutePath}" : $"redirected to {next.GetLeftPart(UriPartial.Path)}, without the key";
            exchange.KeyAllowed = keep;
            exchange.Target = next;
            // The redirect's status is the old place's answer: what the new place answers (or not) is its own.
            exchange.Status = null;
        }
    }
}
