using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using WoodWide.Model;

namespace WoodWide.Client.Json
{
    /// <summary>Reads one declared field's value into an object.</summary>
    internal delegate void FieldReader<T>(ref Utf8JsonReader reader, T target, FieldPath parent);

    /// <summary>
    /// The JSON reader of one type, derived from its declared fields (<see cref="ApiShape{T}.Declared"/>): one forward
    /// pass, each property name matched against the fields' UTF-8 names in place (the field after the last one first,
    /// since objects repeat their order) and its value read as the field's kind says. Fields the type does not declare
    /// are kept, as the API sent them, on an <see cref="ApiObject"/> (skipped on any other type); a field declared as
    /// the object's <see cref="ApiValue.Id"/> must be there.
    /// </summary>
    internal sealed class FieldTable<T> : IApiFieldVisitor<T, FieldReader<T>>
    {
        private static FieldTable<T>? _last;

        private readonly ApiShape<T> _shape;
        private readonly byte[][] _utf8;
        private readonly FieldReader<T>[] _read;
        private readonly Dictionary<string, int> _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly ApiField<T>[] _required;
        private readonly bool _keepsUnknown = typeof(ApiObject).IsAssignableFrom(typeof(T));

        public FieldTable(ApiShape<T> shape)
        {
            _shape = shape;
            var fields = shape.Declared;
            _utf8 = fields.Select(f => Encoding.UTF8.GetBytes(f.ApiName!)).ToArray();
            _read = fields.Select(f => f.Accept(this)).ToArray();
            for (var i = 0; i < fields.Count; i++) _indexByName[fields[i].ApiName!] = i;
            _required = fields.Where(f => f.IsId).ToArray();
        }

        /// <summary>The table of a shape, made once (one shape per type).</summary>
        public static FieldTable<T> For(ApiShape<T> shape)
        {
            var table = _last;
            if (table is null || !ReferenceEquals(table._shape, shape)) _last = table = new FieldTable<T>(shape);
            return table;
        }

        FieldReader<T> IApiFieldVisitor<T, FieldReader<T>>.Visit<TValue>(ApiField<T, TValue> field)
        {
            var read = JsonValues.For(field.Value);
            var set = field.Set;
            var name = field.ApiName!;
            return (ref Utf8JsonReader reader, T target, FieldPath parent) => set(target, read(ref reader, parent.Child(name)));
        }

        /// <summary>A whole answer: the reader on its first token, which must start an object.</summary>
        /// <param name="what">What it is, for errors: "a job".</param>
        /// <param name="noun">What a missing id is missing from: "job" (The job has no job_id).</param>
        /// <param name="wrapper">A property that, met before the id, holds the object itself: <c>{"model": {...}}</c>.</param>
        public T Read(ref Utf8JsonReader reader, string what, string noun, string? wrapper = null)
        {
            JsonFields.Expect(ref reader, JsonTokenType.StartObject, what);
            return ReadFields(ref reader, default, noun, wrapper);
        }

        /// <summary>An object nested in another at <paramref name="path"/>; null for a JSON null.</summary>
        public T ReadNested(ref Utf8JsonReader reader, FieldPath path) =>
            JsonFields.StartsObject(ref reader, path) ? ReadFields(ref reader, path, null, null) : default!;

        /// <summary>The fields of the object whose StartObject is the current token, into a new one.</summary>
        public T ReadFields(ref Utf8JsonReader reader, FieldPath path, string? noun = null, string? wrapper = null)
        {
            var target = _shape.Create();
            var next = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = IndexOf(ref reader, next, out var name);
                reader.Read();
                if (index >= 0)
                {
                    _read[index](ref reader, target, path);
                    next = index + 1;
                }
                else if (wrapper != null && name == wrapper && reader.TokenType == JsonTokenType.StartObject && LacksId(target))
                    return ReadFields(ref reader, path, noun, wrapper);
                else if (_keepsUnknown)
                    ((ApiObject)(object)target!).AdditionalProperties[name!] = JsonFields.Unknown(name!, JsonValueReader.Read(ref reader));
                else
                    reader.Skip();
            }
            foreach (var id in _required)
                if (id.IsMissingIn(target)) throw new JsonException($"The {noun ?? path.ToString()} has no {id.ApiName}.");
            return target;
        }

        private bool LacksId(T target)
        {
            foreach (var id in _required)
                if (id.IsMissingIn(target)) return true;
            return false;
        }

        /// <summary>The index of the field the current property names, else -1 and the name as text.</summary>
        private int IndexOf(ref Utf8JsonReader reader, int hint, out string? name)
        {
            name = null;
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                var span = reader.ValueSpan;
                if ((uint)hint < (uint)_utf8.Length && span.SequenceEqual(_utf8[hint])) return hint;
                for (var i = 0; i < _utf8.Length; i++)
                    if (span.SequenceEqual(_utf8[i])) return i;
            }
            name = JsonText.Get(ref reader);
            return _indexByName.TryGetValue(name, out var index) ? index : -1;
        }
    }
}
