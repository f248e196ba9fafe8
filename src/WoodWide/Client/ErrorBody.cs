using System;
using System.Collections.Generic;
using System.Text.Json;

namespace WoodWide.Client
{
    /// <summary>
    /// Pulls the human message out of an error body: FastAPI's <c>{"detail": "…"}</c>, or its validation form
    /// <c>{"detail": [{"loc": [...], "msg": "…"}]}</c> flattened to "path.job_id: msg; …".
    /// </summary>
    internal static class ErrorBody
    {
        public static string? ReadDetail(string? body)
        {
            if (string.IsNullOrWhiteSpace(body)) return null;
            var trimmed = body!.TrimStart();
            if (!trimmed.StartsWith("{", System.StringComparison.Ordinal)) return null;
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
                foreach (var name in new[] { "detail", "message", "error" })
                    if (document.RootElement.TryGetProperty(name, out var detail))
                        return Flatten(detail);
                return null;
            }
            catch (Exception e) when (e is JsonException || e is InvalidOperationException)
            {
                // Not the JSON we hoped for, or text that is not valid UTF-8: the status line will do.
                return null;
            }
        }

        private static string? Flatten(JsonElement detail)
        {
            switch (detail.ValueKind)
            {
                case JsonValueKind.String:
                    return detail.GetString();
                case JsonValueKind.Array:
                    var parts = new List<string>();
                    foreach (var item in detail.EnumerateArray()) parts.Add(FlattenItem(item));
                    return parts.Count == 0 ? null : string.Join("; ", parts);
                case JsonValueKind.Object:
                    return FlattenItem(detail);
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    return null;
                default:
                    return detail.GetRawText();
            }
        }

        private static string FlattenItem(JsonElement item)
        {
            if (item.ValueKind == JsonValueKind.String) return item.GetString() ?? string.Empty;
            if (item.ValueKind != JsonValueKind.Object) return item.GetRawText();
            var message = item.TryGetProperty("msg", out var msg) && msg.ValueKind == JsonValueKind.String
                ? msg.GetString()
                : item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (!item.TryGetProperty("loc", out var loc) || loc.ValueKind != JsonValueKind.Array)
                return message ?? item.GetRawText();
            var path = new List<string>();
            foreach (var segment in loc.EnumerateArray())
                path.Add(segment.ValueKind == JsonValueKind.String ? segment.GetString()! : segment.GetRawText());
            return path.Count == 0 ? message ?? string.Empty : $"{string.Join(".", path)}: {message}";
        }
    }
}
