using System.Text.Json;
using WoodWide.Model;

namespace WoodWide.Client.Json
{
    /// <summary>
    /// Reads the API's job JSON into <see cref="JobDetail"/> (GET /jobs/{job_id}) or <see cref="JobSummary"/> (a
    /// listed job) in one forward pass, by the fields each type declares.
    /// </summary>
    /// <remarks>
    /// Hand-declared rather than attribute-driven: the API is loosely specified, and this has to be tolerant where the
    /// serializer is strict (numbers sent as strings, a resources discriminator that may come after the fields it
    /// selects, unknown fields kept rather than dropped) and strict where it is loose (a bad job_id is an error).
    /// </remarks>
    internal static class JobJsonReader
    {
        private static readonly FieldTable<JobDetail> Detail = FieldTable<JobDetail>.For(JobDetail.Fields);

        private static readonly FieldTable<JobSummary> Summary = FieldTable<JobSummary>.For(JobSummary.Fields);

        public static JobDetail ReadDetail(ref Utf8JsonReader reader) => Detail.Read(ref reader, "a job", "job");

        /// <summary>A listed job: the detail's own fields, if a server sends them, are kept as unknown ones.</summary>
        public static JobSummary ReadSummary(ref Utf8JsonReader reader) => Summary.Read(ref reader, "a job", "job");

        /// <summary>A job's resources (<see cref="ApiValue.Resources"/>): their type picks the class, then its declared fields are read.</summary>
        public static JobResources? ReadResources(ref Utf8JsonReader reader, FieldPath path)
        {
            if (!JsonFields.StartsObject(ref reader, path)) return null;
            // The type may come after the fields it types: look ahead on a copy of the reader.
            return PeekType(reader) switch
            {
                JobTypes.DatasetIngest => Resources.Ingest.ReadFields(ref reader, path),
                JobTypes.Train => Resources.Train.ReadFields(ref reader, path),
                JobTypes.InferSync or JobTypes.InferBatch => Resources.Inference.ReadFields(ref reader, path),
                _ => Resources.Other.ReadFields(ref reader, path),
            };
        }

        /// <summary>The resources' type, from a copy of the reader positioned on their StartObject; the last one wins, as in the read.</summary>
        private static string? PeekType(Utf8JsonReader reader)
        {
            string? type = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType) type = JsonFields.LooseText(ref reader, JsonValues.Words);
                else reader.Skip();
            }
            return type;
        }

        /// <summary>Apart, so that the job tables, which name <see cref="ReadResources"/>, never wait on these.</summary>
        private static class Resources
        {
            public static readonly FieldTable<DatasetIngestResources> Ingest = FieldTable<DatasetIngestResources>.For(DatasetIngestResources.Fields);
            public static readonly FieldTable<TrainResources> Train = FieldTable<TrainResources>.For(TrainResources.Fields);
            public static readonly FieldTable<InferenceResources> Inference = FieldTable<InferenceResources>.For(InferenceResources.Fields);
            public static readonly FieldTable<JobResources> Other = FieldTable<JobResources>.For(JobResources.Fields);
        }
    }
}
