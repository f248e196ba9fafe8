using System;
using System.Linq;
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
        private static readonly KnownStrings JobFields = new KnownStrings("job_id", "type", "status", "created_at",
            "started_at", "finished_at", "created_by", "input", "output", "resources", "error_message",
            "woodwide_runtime_version", "credits_consumed", "progress", "estimated_seconds_remaining");

        private static readonly KnownStrings PrincipalFields = new KnownStrings("principal_type", "user_id", "api_key_id");

        private static readonly KnownStrings ResourceFields = new KnownStrings("type", "dataset", "model");

        private static readonly KnownStrings VersionFields = new KnownStrings("id", "version_id", "version_number");

        /// <summary>Job types and statuses: every job carries one of each.</summary>
        private static readonly KnownStrings Values = new KnownStrings(JobTypes.Known.Concat(JobStatuses.All).ToArray());

        public static JobDetail ReadJob(ref Utf8JsonReader reader)
        {
            Expect(ref reader, JsonTokenType.StartObject, "a job");
            var job = new JobDetail();
            var sawId = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = JobFields.Get(ref reader);
                reader.Read();
                switch (name)
                {
                    case "job_id": job.JobId = RequiredGuid(ref reader, name); sawId = true; break;
                    case "type": job.Type = OptionalString(ref reader, name, Values); break;
                    case "status": job.Status = OptionalString(ref reader, name, Values); break;
                    case "created_at": job.CreatedAt = OptionalTime(ref reader, name); break;
                    case "started_at": job.StartedAt = OptionalTime(ref reader, name); break;
                    case "finished_at": job.FinishedAt = OptionalTime(ref reader, name); break;
                    case "created_by": job.CreatedBy = ReadPrincipal(ref reader, name); break;
                    case "input": job.Input = JsonValueReader.Read(ref reader); break;
                    case "output": job.Output = JsonValueReader.Read(ref reader); break;
                    case "resources": job.Resources = ReadResources(ref reader, name); break;
                    case "error_message": job.ErrorMessage = OptionalString(ref reader, name, null); break;
                    case "woodwide_runtime_version": job.WoodwideRuntimeVersion = OptionalString(ref reader, name, null); break;
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

        private static Guid RequiredGuid(ref Utf8JsonReader reader, string field) =>
            TryGetGuid(ref reader, out var id) ? id : throw new JsonException($"'{field}' is not a UUID.");

        /// <summary>A UUID string, read in place when it is in the usual form; other forms Guid.TryParse takes still pass.</summary>
        private static bool TryGetGuid(ref Utf8JsonReader reader, out Guid id)
        {
            id = default;
            // Escaped text goes the long way: JsonText turns a bad escape into a JsonException, TryGetGuid would not.
            return reader.TokenType == JsonTokenType.String
                && ((!reader.ValueIsEscaped && reader.TryGetGuid(out id)) || Guid.TryParse(JsonText.Get(ref reader), out id));
        }

        private static string? OptionalString(ref Utf8JsonReader reader, string field, KnownStrings? known) => reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => known?.Get(ref reader) ?? JsonText.Get(ref reader),
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

        // The nested objects the API documents are read straight into their types; whatever else they carry is kept.

        private static JobPrincipal? ReadPrincipal(ref Utf8JsonReader reader, string field)
        {
            if (!StartsObject(ref reader, field)) return null;
            var principal = new JobPrincipal();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = PrincipalFields.Get(ref reader);
                reader.Read();
                switch (key)
                {
                    case "principal_type": principal.PrincipalType = LooseText(ref reader, null); break;
                    case "user_id": principal.UserId = LooseText(ref reader, null); break;
                    case "api_key_id": principal.ApiKeyId = LooseText(ref reader, null); break;
                    default: principal.AdditionalProperties[key] = JsonValueReader.Read(ref reader); break;
                }
            }
            return principal;
        }

        private static JobResources? ReadResources(ref Utf8JsonReader reader, string field)
        {
            if (!StartsObject(ref reader, field)) return null;
            // The type picks the class, and it may come after the fields it types: look ahead on a copy of the reader.
            var type = PeekType(reader);
            JobResources resources = type switch
            {
                JobTypes.DatasetIngest => new DatasetIngestResources(),
                JobTypes.Train => new TrainResources(),
                JobTypes.InferSync or JobTypes.InferBatch => new InferenceResources(),
                _ => new JobResources(),
            };
            resources.Type = type;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = ResourceFields.Get(ref reader);
                reader.Read();
                switch (resources, key)
                {
                    case (_, "type"): reader.Skip(); break;
                    case (DatasetIngestResources r, "dataset"): r.Dataset = ReadVersionRef(ref reader, field, key); break;
                    case (TrainResources r, "dataset"): r.Dataset = ReadVersionRef(ref reader, field, key); break;
                    case (TrainResources r, "model"): r.Model = ReadVersionRef(ref reader, field, key); break;
                    case (InferenceResources r, "dataset"): r.Dataset = ReadVersionRef(ref reader, field, key); break;
                    case (InferenceResources r, "model"): r.Model = ReadVersionRef(ref reader, field, key); break;
                    default: resources.AdditionalProperties[key] = JsonValueReader.Read(ref reader); break;
                }
            }
            return resources;
        }

        /// <summary>The resources' type, from a copy of the reader positioned on their StartObject; the last one wins.</summary>
        private static string? PeekType(Utf8JsonReader reader)
        {
            string? type = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = ResourceFields.Get(ref reader) == "type";
                reader.Read();
                if (isType) type = LooseText(ref reader, Values);
                else reader.Skip();
            }
            return type;
        }

        private static VersionRef? ReadVersionRef(ref Utf8JsonReader reader, string parent, string key)
        {
            if (!StartsObject(ref reader, parent + "." + key)) return null;
            var reference = new VersionRef();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = VersionFields.Get(ref reader);
                reader.Read();
                switch (name)
                {
                    case "id": reference.Id = OptionalGuid(ref reader, parent, key, name); break;
                    case "version_id": reference.VersionId = OptionalGuid(ref reader, parent, key, name); break;
                    case "version_number": reference.VersionNumber = OptionalWholeNumber(ref reader, parent, key, name); break;
                    default: reference.AdditionalProperties[name] = JsonValueReader.Read(ref reader); break;
                }
            }
            return reference;
        }

        /// <summary>True on an object's start, false on null; anything else is not what the API documents.</summary>
        private static bool StartsObject(ref Utf8JsonReader reader, string field) => reader.TokenType switch
        {
            JsonTokenType.StartObject => true,
            JsonTokenType.Null => false,
            _ => throw new JsonException($"'{field}' should be an object."),
        };

        /// <summary>Text from any scalar, as PowerShell would print it; ids whose format is not documented may be numbers.</summary>
        private static string? LooseText(ref Utf8JsonReader reader, KnownStrings? known)
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

        private static Guid? OptionalGuid(ref Utf8JsonReader reader, string parent, string key, string name)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (TryGetGuid(ref reader, out var id)) return id;
            throw new JsonException($"'{parent}.{key}.{name}' is not a UUID.");
        }

        private static long? OptionalWholeNumber(ref Utf8JsonReader reader, string parent, string key, string name)
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
            throw new JsonException($"'{parent}.{key}.{name}' should be a whole number.");
        }
    }
}
