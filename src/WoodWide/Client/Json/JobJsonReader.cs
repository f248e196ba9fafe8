using System;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;
using WoodWide.Model;

namespace WoodWide.Client.Json
{
    /// <summary>
    /// Maps the API's job JSON onto <see cref="JobDetail"/> in one forward pass over the reader.
    /// </summary>
    /// <remarks>
    /// Hand-written rather than attribute-driven: the API is loosely specified, and this has to be tolerant where the
    /// serializer is strict (numbers sent as strings, a resources discriminator that may come after the fields it
    /// selects, unknown fields kept rather than dropped) and strict where it is loose (a bad job_id is an error).
    /// </remarks>
    internal static class JobJsonReader
    {
        public static JobDetail ReadJob(ref Utf8JsonReader reader)
        {
            Expect(ref reader, JsonTokenType.StartObject, "a job");
            var job = new JobDetail();
            var sawId = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = JsonText.Get(ref reader);
                reader.Read();
                switch (name)
                {
                    case "job_id": job.JobId = RequiredGuid(ref reader, name); sawId = true; break;
                    case "type": job.Type = OptionalString(ref reader, name); break;
                    case "status": job.Status = OptionalString(ref reader, name); break;
                    case "created_at": job.CreatedAt = OptionalTime(ref reader, name); break;
                    case "started_at": job.StartedAt = OptionalTime(ref reader, name); break;
                    case "finished_at": job.FinishedAt = OptionalTime(ref reader, name); break;
                    case "created_by": job.CreatedBy = ToPrincipal(JsonValueReader.Read(ref reader), name); break;
                    case "input": job.Input = JsonValueReader.Read(ref reader); break;
                    case "output": job.Output = JsonValueReader.Read(ref reader); break;
                    case "resources": job.Resources = ToResources(JsonValueReader.Read(ref reader), name); break;
                    case "error_message": job.ErrorMessage = OptionalString(ref reader, name); break;
                    case "woodwide_runtime_version": job.WoodwideRuntimeVersion = OptionalString(ref reader, name); break;
                    case "credits_consumed": job.CreditsConsumed = OptionalNumber(ref reader, name); break;
                    case "progress": job.Progress = OptionalNumber(ref reader, name); break;
                    case "estimated_seconds_remaining": job.EstimatedSecondsRemaining = OptionalNumber(ref reader, name); break;
                    default: job.AdditionalProperties[name] = JsonValueReader.Read(ref reader); break;
                }
            }
            if (!sawId) throw new JsonException("The job has no job_id.");
            return job;
        }

        private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
        {
            if (reader.TokenType != type)
                throw new JsonException($"Expected {what} (a JSON {Describe(type)}), found {Describe(reader.TokenType)}.");
        }

        internal static string Describe(JsonTokenType type) => type switch
        {
            JsonTokenType.StartObject => "object",
            JsonTokenType.StartArray => "array",
            JsonTokenType.String => "string",
            JsonTokenType.Number => "number",
            JsonTokenType.True or JsonTokenType.False => "boolean",
            JsonTokenType.Null => "null",
            _ => type.ToString(),
        };

        private static Guid RequiredGuid(ref Utf8JsonReader reader, string field)
        {
            if (reader.TokenType == JsonTokenType.String && Guid.TryParse(JsonText.Get(ref reader), out var id)) return id;
            throw new JsonException($"'{field}' is not a UUID.");
        }

        private static string? OptionalString(ref Utf8JsonReader reader, string field) => reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => JsonText.Get(ref reader),
            JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False =>
                System.Text.Encoding.UTF8.GetString(reader.ValueSpan.ToArray()),
            _ => throw WrongType(ref reader, field, "a string"),
        };

        private static double? OptionalNumber(ref Utf8JsonReader reader, string field)
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

        private static DateTimeOffset? OptionalTime(ref Utf8JsonReader reader, string field)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.String) throw WrongType(ref reader, field, "a date-time string");
            var text = JsonText.Get(ref reader);
            if (string.IsNullOrEmpty(text)) return null;
            return ParseTime(text!, field);
        }

        /// <summary>ISO 8601; a time without an offset is UTC, as the API's examples are.</summary>
        internal static DateTimeOffset ParseTime(string text, string field)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
                return value;
            throw new JsonException($"'{field}' is not a date-time: \"{Clip(text)}\".");
        }

        private static JsonException WrongType(ref Utf8JsonReader reader, string field, string expected)
        {
            var found = Describe(reader.TokenType);
            reader.Skip();
            return new JsonException($"'{field}' should be {expected}, not a JSON {found}.");
        }

        private static string Clip(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

        // Nested objects are read free-form first, then typed: their discriminator may come after the fields it selects.

        private static JobPrincipal? ToPrincipal(object? value, string field)
        {
            if (value is null) return null;
            var map = AsObject(value, field);
            var principal = new JobPrincipal();
            foreach (DictionaryEntry entry in map)
            {
                var key = (string)entry.Key;
                switch (key)
                {
                    case "principal_type": principal.PrincipalType = AsText(entry.Value); break;
                    case "user_id": principal.UserId = AsText(entry.Value); break;
                    case "api_key_id": principal.ApiKeyId = AsText(entry.Value); break;
                    default: principal.AdditionalProperties[key] = entry.Value; break;
                }
            }
            return principal;
        }

        private static JobResources? ToResources(object? value, string field)
        {
            if (value is null) return null;
            var map = AsObject(value, field);
            var type = AsText(map["type"]);
            JobResources resources = type switch
            {
                JobTypes.DatasetIngest => new DatasetIngestResources(),
                JobTypes.Train => new TrainResources(),
                JobTypes.InferSync or JobTypes.InferBatch => new InferenceResources(),
                _ => new JobResources(),
            };
            resources.Type = type;
            foreach (DictionaryEntry entry in map)
            {
                var key = (string)entry.Key;
                if (key == "type") continue;
                if (!TrySetReference(resources, key, entry.Value, field))
                    resources.AdditionalProperties[key] = entry.Value;
            }
            return resources;
        }

        private static bool TrySetReference(JobResources resources, string key, object? value, string field)
        {
            var path = field + "." + key;
            switch (resources, key)
            {
                case (DatasetIngestResources r, "dataset"): r.Dataset = ToVersionRef(value, path); return true;
                case (TrainResources r, "dataset"): r.Dataset = ToVersionRef(value, path); return true;
                case (TrainResources r, "model"): r.Model = ToVersionRef(value, path); return true;
                case (InferenceResources r, "dataset"): r.Dataset = ToVersionRef(value, path); return true;
                case (InferenceResources r, "model"): r.Model = ToVersionRef(value, path); return true;
                default: return false;
            }
        }

        private static VersionRef? ToVersionRef(object? value, string field)
        {
            if (value is null) return null;
            var map = AsObject(value, field);
            var reference = new VersionRef();
            foreach (DictionaryEntry entry in map)
            {
                var key = (string)entry.Key;
                switch (key)
                {
                    case "id": reference.Id = AsGuid(entry.Value, field + ".id"); break;
                    case "version_id": reference.VersionId = AsGuid(entry.Value, field + ".version_id"); break;
                    case "version_number": reference.VersionNumber = AsWholeNumber(entry.Value, field + ".version_number"); break;
                    default: reference.AdditionalProperties[key] = entry.Value; break;
                }
            }
            return reference;
        }

        private static OrderedDictionary AsObject(object value, string field) =>
            value as OrderedDictionary ?? throw new JsonException($"'{field}' should be an object.");

        private static string? AsText(object? value) => value switch
        {
            null => null,
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };

        private static Guid? AsGuid(object? value, string field)
        {
            if (value is null) return null;
            if (value is string s && Guid.TryParse(s, out var id)) return id;
            throw new JsonException($"'{field}' is not a UUID.");
        }

        private static long? AsWholeNumber(object? value, string field) => value switch
        {
            null => null,
            long n => n,
            double d when d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
            string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => throw new JsonException($"'{field}' should be a whole number."),
        };
    }
}
