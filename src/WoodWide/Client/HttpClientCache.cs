using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;

namespace WoodWide.Client
{
    /// <summary>
    /// One HttpClient per origin (scheme, host and port) for the life of the process, so connections are kept alive
    /// across cmdlet calls (a new client per call would pay a TCP and TLS handshake each time and can exhaust sockets).
    /// No default headers but the User-Agent: the API's requests ask for JSON themselves, storage URLs get nothing extra.
    /// </summary>
    internal static class HttpClientCache
    {
        private static readonly ConcurrentDictionary<string, Lazy<HttpClient>> Clients =
            new ConcurrentDictionary<string, Lazy<HttpClient>>(StringComparer.OrdinalIgnoreCase);

        public static string UserAgent { get; set; } = ProductInfo.UserAgent(null);

        public static HttpClient For(Uri target) =>
            Clients.GetOrAdd(target.GetLeftPart(UriPartial.Authority), _ => new Lazy<HttpClient>(Create)).Value;

        private static HttpClient Create()
        {
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                // Redirects are followed by WwTransport, which decides whether the key goes along.
                AllowAutoRedirect = false,
                // .NET Framework allows 2 connections per server unless told otherwise.
                MaxConnectionsPerServer = 64,
            };
            var client = new HttpClient(handler, disposeHandler: true)
            {
                // Timeouts are per request (WwConnection.RequestTimeout) through a token, so they can differ by call.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            client.DefaultRequestHeaders.UserAgent.TryParseAdd(UserAgent);
            return client;
        }
    }
}
