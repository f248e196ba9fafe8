using System;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// Reads a JSON answer: the whole body into one buffer (up to <see cref="MaxJsonBytes"/>), then the caller's reader
    /// over it in place. An answer that is not JSON, or not the JSON asked for, is an InvalidResponse that says so.
    /// </summary>
    internal static class JsonAnswer
    {
        /// <summary>No JSON answer comes near this; a larger one is not the API's, and is not read whole.</summary>
        public const int MaxJsonBytes = 16 * 1024 * 1024;

        public static async Task<T> ReadAsync<T>(HttpResponseMessage response, BodyReader<T> read, WwRequest request)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var bytes = await ReadLimitedAsync(response, request).ConfigureAwait(false);
            if (mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
                throw new WwApiException(WwErrorKind.InvalidResponse, string.Format(CultureInfo.InvariantCulture,
                    "The server answered {0} with {1} ({2} bytes), not JSON. Is -BaseUri the Wood Wide API, or is a proxy in the way?",
                    (int)response.StatusCode, mediaType, bytes.Count), response.StatusCode, resource: request.Resource);
            try
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(bytes.Array, bytes.Offset, bytes.Count),
                    new JsonReaderOptions { MaxDepth = 64 });
                if (!reader.Read()) throw new JsonException("The body is empty.");
                return read(ref reader);
            }
            catch (JsonException e)
            {
                // The reader's own messages name JSON tokens and line numbers; where it says where, say that plainly.
                var why = e.BytePositionInLine is long at
                    ? string.Format(CultureInfo.InvariantCulture, "its JSON is cut off or malformed at byte {0} of {1}.", at + 1, bytes.Count)
                    : e.Message;
                throw new WwApiException(WwErrorKind.InvalidResponse,
                    $"The server's answer is not {request.Subject} as the API documents it: {why}", response.StatusCode,
                    inner: e, resource: request.Resource);
            }
        }

        /// <summary>
        /// The body, up to <see cref="MaxJsonBytes"/>, read straight into the buffer it is parsed in. Sized from
        /// Content-Length when the server sends one (a byte more, so the read that finds the end needs no room made);
        /// otherwise the buffer doubles as the body comes.
        /// </summary>
        private static async Task<ArraySegment<byte>> ReadLimitedAsync(HttpResponseMessage response, WwRequest request)
        {
            var length = response.Content.Headers.ContentLength;
            if (length > MaxJsonBytes) throw TooLarge(response, request);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[length is long known ? known + 1 : 4096];
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxJsonBytes + 1));
                var read = await stream.ReadAsync(buffer, filled, buffer.Length - filled).ConfigureAwait(false);
                if (read == 0) break;
                filled += read;
                if (filled > MaxJsonBytes) throw TooLarge(response, request);
            }
            return new ArraySegment<byte>(buffer, 0, filled);
        }

        private static WwApiException TooLarge(HttpResponseMessage response, WwRequest request) =>
            new WwApiException(WwErrorKind.InvalidResponse, string.Format(CultureInfo.InvariantCulture,
                "The server's answer is larger than {0} MiB: not {1} as the API documents it.", MaxJsonBytes / (1024 * 1024), request.Subject),
                response.StatusCode, resource: request.Resource);
    }
}
