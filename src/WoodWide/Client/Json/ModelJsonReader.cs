using System;
using System.Text.Json;
using WoodWide.Model;

namespace WoodWide.Client.Json
{
    /// <summary>Reads the model answers (training started, inference started, the Model object) into their types.</summary>
    internal static class ModelJsonReader
    {
        private static readonly KnownStrings StartFields = new KnownStrings("job_id", "status", "model", "woodwide_runtime_version");

        private static readonly KnownStrings ModelFields = new KnownStrings("model_id", "name", "model_type", "created_at", "updated_at",
            "description", "status", "current_metrics", "current_version", "training_dataset_id", "training_dataset_name", "label_column");

        private static readonly KnownStrings VersionFields = new KnownStrings("version_id", "version", "status", "metrics");

        /// <summary>POST /models/train and /retrain: <c>{model, job_id, status, woodwide_runtime_version}</c>.</summary>
        public static ModelTraining ReadTraining(ref Utf8JsonReader reader)
        {
            JsonFields.Expect(ref reader, JsonTokenType.StartObject, "the answer to a training");
            var training = new ModelTraining();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = StartFields.Get(ref reader);
                reader.Read();
                switch (name)
                {
                    case "job_id": training.JobId = JsonFields.RequiredGuid(ref reader, name); break;
                    case "status": training.Status = JsonFields.OptionalString(ref reader, name); break;
                    case "model": training.Model = VersionRefReader.Read(ref reader, name); break;
                    case "woodwide_runtime_version": training.WoodwideRuntimeVersion = JsonFields.OptionalString(ref reader, name); break;
                    default: training.AdditionalProperties[name] = JsonValueReader.Read(ref reader); break;
                }
            }
            if (training.JobId == Guid.Empty) throw new JsonException("The answer has no job_id.");
            return training;
        }

        /// <summary>POST /models/{model_id}/infer-async and /infer-batch: <c>{job_id, status, model}</c>.</summary>
        public static InferenceStart ReadInferenceStart(ref Utf8JsonReader reader)
        {
            JsonFields.Expect(ref reader, JsonTokenType.StartObject, "the answer to an inference");
            var start = new InferenceStart();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = StartFields.Get(ref reader);
                reader.Read();
                switch (name)
                {
                    case "job_id": start.JobId = JsonFields.RequiredGuid(ref reader, name); break;
                    case "status": start.Status = JsonFields.OptionalString(ref reader, name); break;
                    case "model": start.Model = VersionRefReader.Read(ref reader, name); break;
                    default: start.AdditionalProperties[name] = JsonValueReader.Read(ref reader); break;
                }
            }
            if (start.JobId == Guid.Empty) throw new JsonException("The answer has no job_id.");
            return start;
        }

        /// <summary>GET and PATCH /models/{model_id}: the documented Model; unwrapped when it comes as <c>{"model": {...}}</c>.</summary>
        public static WwModel ReadModel(ref Utf8JsonReader reader)
        {
            JsonFields.Expect(ref reader, JsonTokenType.StartObject, "a model");
            var model = new WwModel();
            var sawId = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = ModelFields.Get(ref reader);
                reader.Read();
                switch (name)
                {
                    case "model_id": model.ModelId = JsonFields.RequiredGuid(ref reader, name); sawId = true; break;
                    case "name": model.Name = JsonFields.OptionalString(ref reader, name); break;
                    case "model_type": model.ModelType = JsonFields.OptionalString(ref reader, name); break;
                    case "created_at": model.CreatedAt = JsonFields.OptionalTime(ref reader, name); break;
                    case "updated_at": model.UpdatedAt = JsonFields.OptionalTime(ref reader, name); break;
                    case "description": model.Description = JsonFields.OptionalString(ref reader, name); break;
                    case "status": model.Status = JsonFields.OptionalString(ref reader, name); break;
                    case "current_metrics": model.CurrentMetrics = JsonValueReader.Read(ref reader); break;
                    case "current_version": model.CurrentVersion = ReadVersion(ref reader); break;
                    case "training_dataset_id": model.TrainingDatasetId = JsonFields.OptionalGuid(ref reader, name); break;
                    case "training_dataset_name": model.TrainingDatasetName = JsonFields.OptionalString(ref reader, name); break;
                    case "label_column": model.LabelColumn = JsonFields.OptionalString(ref reader, name); break;
                    case "model" when !sawId && reader.TokenType == JsonTokenType.StartObject:
                        return ReadModel(ref reader);
                    default: model.AdditionalProperties[name] = JsonValueReader.Read(ref reader); break;
                }
            }
            if (!sawId) throw new JsonException("The model has no model_id.");
            return model;
        }

        private static ModelVersion? ReadVersion(ref Utf8JsonReader reader)
        {
            if (!JsonFields.StartsObject(ref reader, "current_version")) return null;
            var version = new ModelVersion();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = VersionFields.Get(ref reader);
                reader.Read();
                switch (name)
                {
                    case "version_id": version.VersionId = JsonFields.OptionalGuid(ref reader, "current_version.version_id"); break;
                    case "version": version.Version = JsonFields.OptionalWholeNumber(ref reader, "current_version.version"); break;
                    case "status": version.Status = JsonFields.OptionalString(ref reader, "current_version.status"); break;
                    case "metrics": version.Metrics = JsonValueReader.Read(ref reader); break;
                    default: version.AdditionalProperties[name] = JsonValueReader.Read(ref reader); break;
                }
            }
            return version;
        }
    }
}
