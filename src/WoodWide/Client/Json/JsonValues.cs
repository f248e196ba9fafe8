using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using WoodWide.Model;

namespace WoodWide.Client.Json
{
    /// <summary>Reads one value of a kind; <paramref name="path"/> names the field in errors.</summary>
    internal delegate TValue ValueReader<TValue>(ref Utf8JsonReader reader, FieldPath path);

    /// <summary>
    /// How each kind of value a declaration names (<see cref="ApiValue"/>) is read: the one rule per kind, shared by
    /// every type's fields.
    /// </summary>
    internal static class JsonValues
    {
        /// <summary>Job types and statuses: every job carries one of each, so the documented ones share one string each.</summary>
        public static readonly KnownStrings Words = new KnownStrings(JobTypes.Known.Concat(JobStatuses.All).ToArray());

        private static readonly Dictionary<object, Delegate> Readers = new Dictionary<object, Delegate>();

        static JsonValues()
        {
            Add(ApiValue.Id, JsonFields.RequiredGuid);
            Add(ApiValue.IdOrEmpty, (ref Utf8JsonReader r, FieldPath p) => JsonFields.OptionalGuid(ref r, p) ?? Guid.Empty);
            Add(ApiValue.OptionalId, JsonFields.OptionalGuid);
            Add(ApiValue.Text, (ref Utf8JsonReader r, FieldPath p) => JsonFields.OptionalString(ref r, p));
            Add(ApiValue.Word, (ref Utf8JsonReader r, FieldPath p) => JsonFields.OptionalString(ref r, p, Words));
            Add(ApiValue.LooseText, (ref Utf8JsonReader r, FieldPath p) => JsonFields.LooseText(ref r));
            Add(ApiValue.LooseWord, (ref Utf8JsonReader r, FieldPath p) => JsonFields.LooseText(ref r, Words));
            Add(ApiValue.Time, JsonFields.OptionalTime);
            Add(ApiValue.Number, JsonFields.OptionalNumber);
            Add(ApiValue.WholeNumber, JsonFields.OptionalWholeNumber);
            Add(ApiValue.Json, (ref Utf8JsonReader r, FieldPath p) => JsonValueReader.Read(ref r));
            Add(ApiValue.AbsoluteUrl, AbsoluteUrl);
            Add(ApiValue.Resources, JobJsonReader.ReadResources);
        }

        private static void Add<TValue>(ApiValue<TValue> kind, ValueReader<TValue> read) => Readers.Add(kind, read);

        /// <summary>The reader of a kind; an object's kind reads it by its type's declared fields.</summary>
        public static ValueReader<TValue> For<TValue>(ApiValue<TValue> kind)
        {
            if (kind.Shape is { } shape) return FieldTable<TValue>.For(shape).ReadNested;
            return Readers.TryGetValue(kind, out var read)
                ? (ValueReader<TValue>)read
                : throw new InvalidOperationException($"No JSON reader for the kind '{kind}'.");
        }

        private static Uri? AbsoluteUrl(ref Utf8JsonReader reader, FieldPath path)
        {
            var text = JsonFields.OptionalString(ref reader, path);
            return Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : throw new JsonException($"'{path}' is not an absolute URL.");
        }
    }
}
