using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WoodWide.Client.Json
{
    /// <summary>
    /// Reads one field's value, tolerant where the API is loosely specified (numbers sent as strings, times without
    /// an offset) and strict where a wrong value would mislead (an id that is not a UUID). Shared by every reader.
    /// Each takes the field's path for its error text.
    /// </summary>
    internal static class JsonFields
    {
        public static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
        {
            if (reader.TokenType != type)
                throw new JsonException($"Expected {what} (a JSON {Describe(type)}), found {Describe(reader.TokenType)}.");
        }

        public static string Describe(JsonTokenType type) => type switch
        {
            JsonTokenType.StartObject => "object",
            JsonTokenType.StartArray => "array",
            JsonTokenType.String => "string",
            JsonTokenType.Number => "number",
            JsonTokenType.True or JsonTokenType.False => "boolean",
            JsonTokenType.Null => "null",
            _ => type.ToString(),
        };

        public static Guid RequiredGuid(ref Utf8JsonReader reader, FieldPath field) =>
            TryGetGuid(ref reader, out var id) ? id : throw new JsonException($"'{field}' is not a UUID.");

        public static Guid? OptionalGuid(ref Utf8JsonReader reader, FieldPath field)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (TryGetGuid(ref reader, out var id)) return id;
            throw new JsonException($"'{field}' is not a UUID.");
        }

        /// <summary>A UUID string, read in place when it is in the usual form; other forms Guid.TryParse takes still pass.</summary>
        private static bool TryGetGuid(ref Utf8JsonReader reader, out Guid id)
        {
            id = default;
            // Escaped text goes the long way: JsonText turns a bad escape into a JsonException, TryGetGuid would not.
            return reader.TokenType == JsonTokenType.String
                && ((!reader.ValueIsEscaped && reader.TryGetGuid(out id)) || Guid.TryParse(JsonText.Get(ref reader), out id));
        }

        public static string? OptionalString(ref Utf8JsonReader reader, FieldPath field, KnownStrings? known = null) => reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => known?.Get(ref reader) ?? JsonText.Get(ref reader),
            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => Encoding.UTF8.GetString(reader.ValueSpan.ToArray()),
            _ => throw WrongType(ref reader, field, "a string"),
        };

        /// <summary>Text from any scalar, as PowerShell would print it; ids whose format is not documented may be numbers.</summary>
        public static string? LooseText(ref Utf8JsonReader reader, KnownStrings? known = null)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null: return null;
                case JsonTokenType.String: return known?.Get(ref reader) ?? JsonText.Get(ref reader);
                case JsonTokenType.True: return bool.TrueString;
                case JsonTokenType.False: return bool.FalseString;
                case JsonTokenType.Number:
                    return reader.TryGetInt64(out var whole)
                        ? whole.ToString(CultureInfo.InvariantCulture)
                        : reader.GetDouble().ToString(CultureInfo.InvariantCulture);
                default: return JsonValueReader.Read(ref reader)?.ToString();
            }
        }

        public static double? OptionalNumber(ref Utf8JsonReader reader, FieldPath field)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null: return null;
                case JsonTokenType.Number: return reader.GetDouble();
                case JsonTokenType.String:
                    // Some servers quote numbers; accept them, but only when they really are numbers.
                    var text = JsonText.Get(ref reader);
                    if (string.IsNullOrEmpty(text)) return null;
                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return value;
                    throw new JsonException($"'{field}' should be a number, not the string \"{Clip(text!)}\".");
                default: throw WrongType(ref reader, field, "a number");
            }
        }

        public static long? OptionalWholeNumber(ref Utf8JsonReader reader, FieldPath field)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out var whole)) return whole;
                    var d = reader.GetDouble();
                    if (d == Math.Floor(d) && Math.Abs(d) < 9e15) return (long)d;
                    break;
                case JsonTokenType.String:
                    if (long.TryParse(JsonText.Get(ref reader), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
                    break;
            }
            throw new JsonException($"'{field}' should be a whole number.");
        }

        public static DateTimeOffset? OptionalTime(ref Utf8JsonReader reader, FieldPath field)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.String) throw WrongType(ref reader, field, "a date-time string");
            // In place when the text carries its offset; without one the reader would take local time, and the API means UTC.
            if (HasOffset(ref reader) && reader.TryGetDateTimeOffset(out var inPlace)) return inPlace;
            var text = JsonText.Get(ref reader);
            if (string.IsNullOrEmpty(text)) return null;
            return ParseTime(text!, field);
        }

        private static bool HasOffset(ref Utf8JsonReader reader)
        {
            if (reader.ValueIsEscaped || reader.HasValueSequence) return false;
            var text = reader.ValueSpan;
            var n = text.Length;
            return n > 6 && (text[n - 1] == (byte)'Z' || ((text[n - 6] == (byte)'+' || text[n - 6] == (byte)'-') && text[n - 3] == (byte)':'));
        }

        /// <summary>ISO 8601; a time without an offset is UTC, as the API's examples are.</summary>
        public static DateTimeOffset ParseTime(string text, FieldPath field)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
                return value;
            throw new JsonException($"'{field}' is not a date-time: \"{Clip(text)}\".");
        }

        /// <summary>
        /// A field the module does not declare, as kept: the API's times are ISO 8601 text in fields named *_at, so
        /// such a text is a DateTimeOffset, like every declared time (a dataset's created_at was a string, so
        /// Where-Object created_at -gt (Get-Date) compared text). Anything else, or a text that is not a date, as sent.
        /// </summary>
        public static object? Unknown(string name, object? value) =>
            value is string text && name.EndsWith("_at", StringComparison.OrdinalIgnoreCase) && LooksIso(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : value;

        /// <summary>"2026-12-04" or "2026-12-04T17:52:22Z": four digits, a dash, two, a dash, two, then nothing or a time.</summary>
        private static bool LooksIso(string text)
        {
            if (text.Length < 10 || text[4] != '-' || text[7] != '-') return false;
            for (var i = 0; i < 10; i++)
                if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) return false;
            return text.Length == 10 || text[10] == 'T' || text[10] == 't' || text[10] == ' ';
        }

        /// <summary>True on an object's start, false on null; anything else is not what the API documents.</summary>
        public static bool StartsObject(ref Utf8JsonReader reader, FieldPath field) => reader.TokenType switch
        {
            JsonTokenType.StartObject => true,
            JsonTokenType.Null => false,
            _ => throw new JsonException($"'{field}' should be an object."),
        };

        private static JsonException WrongType(ref Utf8JsonReader reader, FieldPath field, string expected)
        {
            var found = Describe(reader.TokenType);
            reader.Skip();
            return new JsonException($"'{field}' should be {expected}, not a JSON {found}.");
        }

        private static string Clip(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";
    }
}
