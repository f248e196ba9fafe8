using System;

namespace WoodWide.Model
{
    /// <summary>
    /// A model as <c>GET /models/{model_id}</c> and <c>PATCH /models/{model_id}</c> document it: its status (ready once
    /// a training succeeded), current version and metrics. Binds into Start-WwInference and a retraining by ModelId.
    /// </summary>
    /// <remarks>Named WwModel in .NET only because the namespace is Model; PowerShell users meet it as a model.</remarks>
    public sealed class WwModel : ApiObject
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static readonly ApiShape<WwModel> Fields = new ApiShape<WwModel>(() => new WwModel())
            .Field("model_id", nameof(ModelId), m => m.ModelId, (m, x) => m.ModelId = x, ApiValue.Id)
            .Field("name", nameof(Name), m => m.Name, (m, x) => m.Name = x, ApiValue.Text)
            .Field("model_type", nameof(ModelType), m => m.ModelType, (m, x) => m.ModelType = x, ApiValue.Text)
            .Field("created_at", nameof(CreatedAt), m => m.CreatedAt, (m, x) => m.CreatedAt = x, ApiValue.Time)
            .Field("updated_at", nameof(UpdatedAt), m => m.UpdatedAt, (m, x) => m.UpdatedAt = x, ApiValue.Time)
            .Field("description", nameof(Description), m => m.Description, (m, x) => m.Description = x, ApiValue.Text)
            .Field("status", nameof(Status), m => m.Status, (m, x) => m.Status = x, ApiValue.Text)
            .Field("current_metrics", nameof(CurrentMetrics), m => m.CurrentMetrics, (m, x) => m.CurrentMetrics = x, ApiValue.Json)
            .Field("current_version", nameof(CurrentVersion), m => m.CurrentVersion, (m, x) => m.CurrentVersion = x, ApiValue.Object(ModelVersion.Fields))
            .Field("training_dataset_id", nameof(TrainingDatasetId), m => m.TrainingDatasetId, (m, x) => m.TrainingDatasetId = x, ApiValue.OptionalId)
            .Field("training_dataset_name", nameof(TrainingDatasetName), m => m.TrainingDatasetName, (m, x) => m.TrainingDatasetName = x, ApiValue.Text)
            .Field("label_column", nameof(LabelColumn), m => m.LabelColumn, (m, x) => m.LabelColumn = x, ApiValue.Text);

        internal Guid ModelId { get; set; }
        internal string? Name { get; set; }
        internal string? ModelType { get; set; }
        internal DateTimeOffset? CreatedAt { get; set; }
        internal DateTimeOffset? UpdatedAt { get; set; }
        internal string? Description { get; set; }

        /// <summary>The aggregate status: queued or processing while a training runs, ready once one succeeded.</summary>
        internal string? Status { get; set; }

        internal object? CurrentMetrics { get; set; }
        internal ModelVersion? CurrentVersion { get; set; }
        internal Guid? TrainingDatasetId { get; set; }
        internal string? TrainingDatasetName { get; set; }
        internal string? LabelColumn { get; set; }

        internal override IApiShape Shape => Fields;

        internal override string Summary => Name ?? ModelId.ToString();
    }
}
