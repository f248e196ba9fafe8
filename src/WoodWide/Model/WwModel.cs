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
        private static readonly ApiShape<WwModel> ModelShape = new ApiShape<WwModel>()
            .Field("model_id", nameof(ModelId), m => m.ModelId)
            .Field("name", nameof(Name), m => m.Name)
            .Field("model_type", nameof(ModelType), m => m.ModelType)
            .Field("created_at", nameof(CreatedAt), m => m.CreatedAt)
            .Field("updated_at", nameof(UpdatedAt), m => m.UpdatedAt)
            .Field("description", nameof(Description), m => m.Description)
            .Field("status", nameof(Status), m => m.Status)
            .Field("current_metrics", nameof(CurrentMetrics), m => m.CurrentMetrics)
            .Field("current_version", nameof(CurrentVersion), m => m.CurrentVersion)
            .Field("training_dataset_id", nameof(TrainingDatasetId), m => m.TrainingDatasetId)
            .Field("training_dataset_name", nameof(TrainingDatasetName), m => m.TrainingDatasetName)
            .Field("label_column", nameof(LabelColumn), m => m.LabelColumn);

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

        internal override IApiShape Shape => ModelShape;

        internal override string Summary => Name ?? ModelId.ToString();
    }
}
