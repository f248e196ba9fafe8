using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace WoodWide.Model
{
    /// <summary>
    /// A free-form JSON object (a job's input or output, an unknown nested field): ordered and case-insensitive, so
    /// PowerShell reads its keys as properties (<c>$j.input.label_column</c>) in the API's order, as
    /// ConvertFrom-Json -AsHashtable does. Its text is its compact JSON, so an Export-Csv cell holds the value itself
    /// rather than a type name.
    /// </summary>
    public sealed class ApiDictionary : OrderedDictionary
    {
        public ApiDictionary() : base(StringComparer.OrdinalIgnoreCase)
        {
        }

        public override string ToString() => ApiJson.Text(this);
    }

    /// <summary>
    /// Writes what the API sent back as compact JSON, under the API's names: the text of an object in an Export-Csv
    /// cell, so a cell holds the value itself rather than a type name or a summary that loses fields.
    /// </summary>
    internal static class ApiJson
    {
        /// <summary>
        /// Text for people and CSV cells, never for HTML: "+00:00", "'" and non-ASCII letters as they are, where the
        /// default encoder wrote "\u002B00:00" into every time.
        /// </summary>
        private static readonly JsonWriterOptions Readable = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static string Text(object? value)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, Readable)) Write(writer, value);
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void Write(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null: writer.WriteNullValue(); break;
                case string s: writer.WriteStringValue(s); break;
                case bool b: writer.WriteBooleanValue(b); break;
                case long l: writer.WriteNumberValue(l); break;
                case int i: writer.WriteNumberValue(i); break;
                case double d when !double.IsNaN(d) && !double.IsInfinity(d): writer.WriteNumberValue(d); break;
                case Guid g: writer.WriteStringValue(g.ToString("D")); break;
                case DateTimeOffset t: writer.WriteStringValue(t.ToString("o", CultureInfo.InvariantCulture)); break;
                case ApiObject api:
                    writer.WriteStartObject();
                    foreach (var field in api.Shape.Fields)
                    {
                        writer.WritePropertyName(field.Name);
                        Write(writer, field.Read(api));
                    }
                    if (api.HasAdditionalProperties)
                    {
                        foreach (DictionaryEntry extra in api.AdditionalProperties)
                        {
                            var name = (string)extra.Key;
                            if (api.Shape.TryFind(name, out var member) && member.IsField) continue;
                            writer.WritePropertyName(name);
                            Write(writer, extra.Value);
                        }
                    }
                    writer.WriteEndObject();
                    break;
                case IDictionary map:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in map)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, entry.Value);
                    }
                    writer.WriteEndObject();
                    break;
                case IEnumerable list:
                    writer.WriteStartArray();
                    foreach (var item in list) Write(writer, item);
                    writer.WriteEndArray();
                    break;
                default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            }
        }
    }
}
