using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// An answer handed over open by <see cref="WwTransport.OpenAsync"/>: its head, and its body to read as it comes.
    /// Each read restarts the stall timer; a stall or a broken connection mid-body is a <see cref="WwApiException"/>
    /// like any other failed request, and Ctrl+C (the caller's token) stops a read at once.
    /// </summary>
    public sealed class OpenResponse : IDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly Transfer _transfer;
        private readonly TimeSpan _stallLimit;
        private Stream? _stream;

        internal OpenResponse(HttpResponseMessage response, Transfer transfer, TimeSpan stallLimit)
        {
            _response = response;
            _transfer = transfer;
            _stallLimit = stallLimit;
        }

        /// <summary>The media type of the body (application/json, text/csv…), lower case; null when the server gave none.</summary>
        public string? MediaType => _response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant();

        /// <summary>Where the answer came from, after any redirect.</summary>
        public Uri? Url => _response.RequestMessage?.RequestUri;

        /// <summary>Bytes of the body read so far.</summary>
        public long BytesRead => _transfer.Bytes;

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes of the body; 0 at its end. Blocks the calling thread (the pipeline's,
        /// which writes each row as it is read) but never past a stall limit or a Ctrl+C.
        /// </summary>
        public int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public async Task<int> ReadAsync(byte[] buffer, int offset, int count)
        {
            try
            {
                _stream ??= await _response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                var read = await _stream.ReadAsync(buffer, offset, count, _transfer.Token).ConfigureAwait(false);
                if (read > 0) _transfer.Report(read);
                return read;
            }
            catch (OperationCanceledException) when (!_transfer.Caller.IsCancellationRequested)
            {
                throw new WwApiException(WwErrorKind.Timeout, string.Format(CultureInfo.InvariantCulture,
                    "The answer from {0} stalled after {1:N0} bytes: nothing came for {2:0.#} s.", Authority, BytesRead, _stallLimit.TotalSeconds),
                    _response.StatusCode);
            }
            catch (Exception e) when (e is IOException || e is HttpRequestException || e is ObjectDisposedException && !_transfer.Caller.IsCancellationRequested)
            {
                throw new WwApiException(WwErrorKind.Connection, string.Format(CultureInfo.InvariantCulture,
                    "The connection to {0} broke after {1:N0} bytes of the answer: {2}", Authority, BytesRead, e.Message),
                    _response.StatusCode, inner: e);
            }
        }

        /// <summary>Copies the rest of the body to <paramref name="to"/>, as it comes; the number of bytes.</summary>
        public async Task<long> CopyToAsync(Stream to)
        {
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0)
            {
                await to.WriteAsync(buffer, 0, read, _transfer.Token).ConfigureAwait(false);
                total += read;
            }
            return total;
        }

        private string Authority => Url?.Authority ?? "the server";

        public void Dispose()
        {
            _stream?.Dispose();
            _response.Dispose();
            _transfer.Dispose();
        }
    }
}
