using System.Text.Json;
using WoodWide.Model;

namespace WoodWide.Client.Json
{
    /// <summary>Reads the model answers (training started, inference started, the Model object) by the fields their types declare.</summary>
    internal static class ModelJsonReader
    {
        private static readonly FieldTable<ModelTraining> Training = FieldTable<ModelTraining>.For(ModelTraining.Fields);

        private static readonly FieldTable<InferenceStart> Start = FieldTable<InferenceStart>.For(InferenceStart.Fields);

        private static readonly FieldTable<WwModel> Model = FieldTable<WwModel>.For(WwModel.Fields);

        /// <summary>POST /models/train and /retrain: <c>{model, job_id, status, woodwide_runtime_version}</c>.</summary>
        public static ModelTraining ReadTraining(ref Utf8JsonReader reader) =>
            Training.Read(ref reader, "the answer to a training", "answer");

        /// <summary>POST /models/{model_id}/infer-async and /infer-batch: <c>{job_id, status, model}</c>.</summary>
        public static InferenceStart ReadInferenceStart(ref Utf8JsonReader reader) =>
            Start.Read(ref reader, "the answer to an inference", "answer");

        /// <summary>GET and PATCH /models/{model_id}: the documented Model; unwrapped when it comes as <c>{"model": {...}}</c>.</summary>
        public static WwModel ReadModel(ref Utf8JsonReader reader) => Model.Read(ref reader, "a model", "model", wrapper: "model");
    }
}
