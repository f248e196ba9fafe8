using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WoodWide.Client.Json;
using WoodWide.Model;

namespace WoodWide.Client
{
    /// <summary>The API's models over the shared transport: training and retraining, the Model object, its name and description.</summary>
    public sealed class ModelsClient
    {
        private readonly WwTransport _transport;

        public ModelsClient(WwTransport transport) => _transport = transport ?? throw new ArgumentNullException(nameof(transport));

        /// <summary>POST /models/train, or /models/{model_id}/retrain; sent again only where the server surely did not act.</summary>
        public Task<ModelTraining> TrainAsync(TrainingRequest training, CancellationToken cancellationToken)
        {
            var target = training.ModelId is Guid model ? $"models/{model:D}/retrain" : "models/train";
            var request = new WwRequest(HttpMethod.Post, target, ApiResource.Model, "the answer to a training")
            {
                Body = JsonContent.Of(writer => Write(writer, training)),
            };
            return _transport.SendAsync(request, ModelJsonReader.ReadTraining, cancellationToken);
        }

        public Task<WwModel> GetAsync(Guid modelId, CancellationToken cancellationToken) =>
            _transport.SendAsync(WwRequest.Get($"models/{modelId:D}", ApiResource.Model, "a model"), ModelJsonReader.ReadModel, cancellationToken);

        /// <summary>PATCH /models/{model_id}: only the fields given are sent (a null description is sent, and clears it).</summary>
        public Task<WwModel> UpdateAsync(Guid modelId, string? name, bool setDescription, string? description, CancellationToken cancellationToken)
        {
            var request = new WwRequest(new HttpMethod("PATCH"), $"models/{modelId:D}", ApiResource.Model, "a model")
            {
                Body = JsonContent.Of(writer =>
                {
                    writer.WriteStartObject();
                    if (name != null) writer.WriteString("name", name);
                    if (setDescription) writer.WriteString("description", description);
                    writer.WriteEndObject();
                }),
                // Setting a name and a description twice leaves them as once: safe to repeat.
                Idempotent = true,
            };
            return _transport.SendAsync(request, ModelJsonReader.ReadModel, cancellationToken);
        }

        /// <summary>GET /models, one page. Not documented for the current API: items, models or data, or a bare array.</summary>
        public Task<Page<WwModel>> ListAsync(Page<WwModel>? previous, CancellationToken cancellationToken)
        {
            var target = Page<WwModel>.After("models", previous);
            return _transport.SendAsync(WwRequest.Get(target, ApiResource.Path, "a model list"), ReadList, cancellationToken);
        }

        private static Page<WwModel> ReadList(ref Utf8JsonReader reader) =>
            PageReader.Read(ref reader, ModelJsonReader.ReadModel, "model list", "items", "models", "data");

        private static void Write(Utf8JsonWriter writer, TrainingRequest training)
        {
            writer.WriteStartObject();
            if (training.Name != null) writer.WriteString("model_name", training.Name);
            if (training.ModelType != null) writer.WriteString("model_type", training.ModelType);
            if (training.Description != null) writer.WriteString("model_description", training.Description);
            // Exactly one of the two: a pinned version wins, as it names the data exactly.
            if (training.DatasetVersionId is Guid version) writer.WriteString("dataset_version_id", version.ToString("D"));
            else if (training.DatasetId is Guid dataset) writer.WriteString("dataset_id", dataset.ToString("D"));
            if (training.LabelColumn != null) writer.WriteString("label_column", training.LabelColumn);
            if (training.InputColumns is { Count: > 0 } inputs)
            {
                writer.WriteStartArray("input_columns");
                foreach (var column in inputs) writer.WriteStringValue(column);
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
    }
}
