using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using WoodWide.Client.Json;
using WoodWide.Model;

namespace WoodWide.Client.Results
{
    /// <summary>
    /// Reads one body of results as it arrives, whatever form it takes: CSV or JSON rows as <see cref="ResultRow"/>s,
    /// a JSON pointer to an artifact (<see cref="Artifact"/>), or a binary file for -OutFile. Reads on the calling
    /// thread, so a cmdlet writes each row as it is read.
    /// </summary>
    internal sealed class ResultReader
    {
        private const int HeadBytes = 4096;

        private readonly OpenResponse _body;
        private readonly ArraySegment<byte> _head;
        private JsonResults? _json;

        private ResultReader(OpenResponse body, ArraySegment<byte> head)
        {
            _body = body;
            _head = head;
            Format = ResultFormats.Detect(body.MediaType, body.Url, head);
        }

        /// <summary>Looks at the body's first bytes to tell its format.</summary>
        public static ResultReader Start(OpenResponse body)
        {
            var head = new byte[HeadBytes];
            var filled = 0;
            int read;
            while (filled < head.Length && (read = body.Read(head, filled, head.Length - filled)) > 0) filled += read;
            var segment = new ArraySegment<byte>(head, 0, filled);
            // A proxy's or a login page's HTML is no form of results: read as CSV, it would be rows of markup, or none.
            if (IsHtml(body.MediaType, segment))
                throw new WwApiException(WwErrorKind.InvalidResponse,
                    "The server answered with an HTML page instead of results: a proxy, a gateway or another web server answered.",
                    resource: ApiResource.Result);
            return new ResultReader(body, segment);
        }

        private static bool IsHtml(string? mediaType, ArraySegment<byte> head)
        {
            if (mediaType == "text/html" || mediaType == "application/xhtml+xml") return true;
            var i = head.Offset;
            var end = head.Offset + head.Count;
            while (i < end && (head.Array![i] == ' ' || head.Array[i] == '\n' || head.Array[i] == '\r' || head.Array[i] == '\t')) i++;
            if (i >= end || head.Array![i] != '<') return false;
            var start = System.Text.Encoding.ASCII.GetString(head.Array, i, Math.Min(16, end - i)).ToLowerInvariant();
            return start.StartsWith("<!doctype html", StringComparison.Ordinal) || start.StartsWith("<html", StringComparison.Ordinal);
        }

        public ResultFormat Format { get; }

        /// <summary>"json", "csv", "parquet": for messages and for the extension of a file that is saved.</summary>
        public string FormatName => ResultFormats.Name(Format, _body.MediaType, _head);

        /// <summary>For JSON, once the rows are read: the artifact it points at, when it held no rows of its own.</summary>
        public Uri? Artifact => _json is { HadRows: false } ? _json.Artifact : null;

        /// <summary>For JSON, once the rows are read: every other field it held (job_id, latency_ms…).</summary>
        public ApiDictionary? Fields => _json?.Fields;

        /// <summary>The rows, read as they arrive. Not for a binary body.</summary>
        public IEnumerable<ResultRow> Rows(ResultColumns columns)
        {
            switch (Format)
            {
                case ResultFormat.Csv:
                    return new CsvRows(_head, _body.Read).Read(columns);
                case ResultFormat.Json:
                    _json = new JsonResults(new JsonPull(_head, _body.Read));
                    return _json.Read(columns);
                default:
                    throw new InvalidOperationException("A binary body has no rows to read: save it to a file.");
            }
        }

        /// <summary>The artifact a whole JSON answer points at, when it holds no rows of its own; null otherwise.</summary>
        public static Uri? PointerIn(ArraySegment<byte> json)
        {
            var results = new JsonResults(new JsonPull(json, (buffer, offset, count) => 0));
            foreach (var _ in results.Read(new ResultColumns()))
            {
            }
            return results.HadRows ? null : results.Artifact;
        }

        /// <summary>Writes the whole body, as it comes, to <paramref name="to"/>; the number of bytes.</summary>
        public async Task<long> SaveAsync(Stream to)
        {
            await to.WriteAsync(_head.Array!, _head.Offset, _head.Count).ConfigureAwait(false);
            return _head.Count + await _body.CopyToAsync(to).ConfigureAwait(false);
        }
    }
}
