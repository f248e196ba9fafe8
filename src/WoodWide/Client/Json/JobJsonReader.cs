using System.Linq;
using System.Text.Json;
using WoodWide.Model;

namespace WoodWide.Client.Json
{
    /// <summary>
    /// Maps the API's job JSON onto <see cref="JobDetail"/> (GET /jobs/{job_id}) or <see cref="JobSummary"/> (a
    /// listed job) in one forward pass over the reader.
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

        /// <summary>Job types and statuses: every job carries one of each.</summary>
        private static readonly KnownStrings Values = new KnownStrings(JobTypes.Known.Concat(JobStatuses.All).ToArray());

        public static JobDetail ReadDetail(ref Utf8JsonReader reader) => Read(ref reader, new JobDetail());

        /// <summary>A listed job: the detail's own fields, if a server sends them, are kept as unknown ones.</summary>
        public static JobSummary ReadSummary(ref Utf8JsonReader reader) => Read(ref reader, new JobSummary());

        private static T Read<T>(ref Utf8JsonReader reader, T job) where T : JobSummary
        {
            JsonFields.Expect(ref reader, JsonTokenType.StartObject, "a job");
            var detail = job as JobDetail;
            var sawId = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = JobFields.Get(ref reader);
                reader.Read();
                switch (name)
                {
                    case "job_id": job.JobId = JsonFields.RequiredGuid(ref reader, name); sawId = true; break;
                    case "type": job.Type = JsonFields.OptionalString(ref reader, name, Values); break;
                    case "status": job.Status = JsonFields.OptionalString(ref reader, name, Values); break;
                    case "created_at": job.CreatedAt = JsonFields.OptionalTime(ref reader, name); break;
                    case "started_at": job.StartedAt = JsonFields.OptionalTime(ref reader, name); break;
                    case "finished_at": job.FinishedAt = JsonFields.OptionalTime(ref reader, name); break;
                    case "created_by": job.CreatedBy = ReadPrincipal(ref reader, name); break;
                    case "progress": job.Progress = JsonFields.OptionalNumber(ref reader, name); break;
                    case "estimated_seconds_remaining": job.EstimatedSecondsRemaining = JsonFields.OptionalNumber(ref reader, name); break;
                    default:
                        if (detail is null || !ReadDetailField(ref reader, detail, name))
                            job.AdditionalProperties[name] = JsonValueReader.Read(ref reader);
                        break;
                }
            }
            if (!sawId) throw new JsonException("The job has no job_id.");
            return job;
        }

        /// <summary>The fields only a detail carries; false for any other name, which the caller keeps as unknown.</summary>
        private static bool ReadDetailField(ref Utf8JsonReader reader, JobDetail job, string name)
        {
            switch (name)
            {
                case "input": job.Input = JsonValueReader.Read(ref reader); return true;
                case "output": job.Output = JsonValueReader.Read(ref reader); return true;
                case "resources": job.Resources = ReadResources(ref reader, name); return true;
                case "error_message": job.ErrorMessage = JsonFields.OptionalString(ref reader, name); return true;
                case "woodwide_runtime_version": job.WoodwideRuntimeVersion = JsonFields.OptionalString(ref reader, name); return true;
                case "credits_consumed": job.CreditsConsumed = JsonFields.OptionalNumber(ref reader, name); return true;
                default: return false;
            }
        }

        // The nested objects the API documents are read straight into their types; whatever else they carry is kept.

        private static JobPrincipal? ReadPrincipal(ref Utf8JsonReader reader, string field)
        {
            if (!JsonFields.StartsObject(ref reader, field)) return null;
            var principal = new JobPrincipal();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = PrincipalFields.Get(ref reader);
                reader.Read();
                switch (key)
                {
                    case "principal_type": principal.PrincipalType = JsonFields.LooseText(ref reader); break;
                    case "user_id": principal.UserId = JsonFields.LooseText(ref reader); break;
                    case "api_key_id": principal.ApiKeyId = JsonFields.LooseText(ref reader); break;
                    default: principal.AdditionalProperties[key] = JsonValueReader.Read(ref reader); break;
                }
            }
            return principal;
        }

        private static JobResources? ReadResources(ref Utf8JsonReader reader, string field)
        {
            if (!JsonFields.StartsObject(ref reader, field)) return null;
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
                var path = field + "." + key;
                switch (resources, key)
                {
                    case (_, "type"): reader.Skip(); break;
                    case (DatasetIngestResources r, "dataset"): r.Dataset = VersionRefReader.Read(ref reader, path); break;
                    case (TrainResources r, "dataset"): r.Dataset = VersionRefReader.Read(ref reader, path); break;
                    case (TrainResources r, "model"): r.Model = VersionRefReader.Read(ref reader, path); break;
                    case (InferenceResources r, "dataset"): r.Dataset = VersionRefReader.Read(ref reader, path); break;
                    case (InferenceResources r, "model"): r.Model = VersionRefReader.Read(ref reader, path); break;
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
                if (isType) type = JsonFields.LooseText(ref reader, Values);
                else reader.Skip();
            }
            return type;
        }
    }
}
