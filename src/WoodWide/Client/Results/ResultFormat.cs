using System;

namespace WoodWide.Client.Results
{
    /// <summary>What a body of results is: JSON (rows, or a pointer to an artifact), CSV rows, or a binary file (parquet).</summary>
    public enum ResultFormat
    {
        Json,
        Csv,
        Binary,
    }

    /// <summary>
    /// Tells a body's format from what the server said (its media type) and, where storage says only
    /// application/octet-stream, from the URL's extension and the body's first bytes (Parquet starts with PAR1).
    /// </summary>
    internal static class ResultFormats
    {
        public static ResultFormat Detect(string? mediaType, Uri? url, ArraySegment<byte> head)
        {
            var type = mediaType ?? string.Empty;
            if (type.IndexOf("json", StringComparison.Ordinal) >= 0) return ResultFormat.Json;
            if (type.IndexOf("csv", StringComparison.Ordinal) >= 0) return ResultFormat.Csv;
            if (type.IndexOf("parquet", StringComparison.Ordinal) >= 0 || StartsWith(head, "PAR1")) return ResultFormat.Binary;
            var path = url?.AbsolutePath ?? string.Empty;
            if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return ResultFormat.Csv;
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return ResultFormat.Json;
            var first = FirstNonSpace(head);
            if (first == '{' || first == '[') return ResultFormat.Json;
            return IsText(head) ? ResultFormat.Csv : ResultFormat.Binary;
        }

        /// <summary>The name a format goes by in messages and file extensions.</summary>
        public static string Name(ResultFormat format, string? mediaType, ArraySegment<byte> head) =>
            format != ResultFormat.Binary ? format.ToString().ToLowerInvariant()
            : StartsWith(head, "PAR1") || (mediaType ?? string.Empty).IndexOf("parquet", StringComparison.Ordinal) >= 0 ? "parquet"
            : mediaType ?? "binary";

        private static bool StartsWith(ArraySegment<byte> head, string magic)
        {
            if (head.Count < magic.Length) return false;
            for (var i = 0; i < magic.Length; i++)
                if (head.Array![head.Offset + i] != (byte)magic[i]) return false;
            return true;
        }

        private static int FirstNonSpace(ArraySegment<byte> head)
        {
            var start = head.Count >= 3 && head.Array![head.Offset] == 0xEF && head.Array[head.Offset + 1] == 0xBB ? 3 : 0;
            for (var i = start; i < head.Count; i++)
            {
                var b = head.Array![head.Offset + i];
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') return b;
            }
            return -1;
        }

        private static bool IsText(ArraySegment<byte> head)
        {
            for (var i = 0; i < head.Count; i++)
            {
                var b = head.Array![head.Offset + i];
                if (b < 0x20 && b != '\t' && b != '\r' && b != '\n') return false;
            }
            return true;
        }
    }
}
