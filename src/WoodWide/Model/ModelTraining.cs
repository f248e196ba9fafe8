using System;

namespace WoodWide.Model
{
    /// <summary>
    /// What Start-WwTraining started: the train job and the model version it makes (the API's answer to
    /// <c>POST /models/train</c> and <c>/retrain</c>: <c>{model, job_id, status, woodwide_runtime_version}</c>). Binds into
    /// Wait-WwJob by its job id; the model's ids answer by name for the next step.
    /// </summary>
    public sealed class ModelTraining : ApiObject
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static readonly ApiShape<ModelTraining> Fields = new ApiShape<ModelTraining>(() => new ModelTraining())
            .Field("job_id", nameof(JobId), t => t.JobId, (t, x) => t.JobId = x, ApiValue.Id)
            .Field("status", nameof(Status), t => t.Status, (t, x) => t.Status = x, ApiValue.Text)
            .Field("model", nameof(Model), t => t.Model, (t, x) => t.Model = x, ApiValue.Object(VersionRef.Fields))
            .Field("woodwide_runtime_version", nameof(WoodwideRuntimeVersion), t => t.WoodwideRuntimeVersion, (t, x) => t.WoodwideRuntimeVersion = x, ApiValue.Text)
            .Computed(nameof(ModelId), t => t.ModelId)
            .Computed(nameof(ModelVersionId), t => t.ModelVersionId)
            .Computed(nameof(VersionNumber), t => t.VersionNumber)
            .Computed(nameof(Name), t => t.Name);

        internal Guid JobId { get; set; }

        /// <summary>The train job's status when the API answered (queued, as a rule).</summary>
        internal string? Status { get; set; }

        internal VersionRef? Model { get; set; }
        internal string? WoodwideRuntimeVersion { get; set; }

        internal Guid? ModelId => Model?.Id;
        internal Guid? ModelVersionId => Model?.VersionId;
        internal long? VersionNumber => Model?.VersionNumber;

        /// <summary>The model's name, as this call gave it (the API's answer does not repeat it); null for a retraining.</summary>
        internal string? Name { get; set; }

        internal override IApiShape Shape => Fields;

        /// <summary>The job id, so the training passed where an id is expected (<c>Wait-WwJob -Id $t</c>) just works.</summary>
        public override string ToString() => JobId.ToString();
    }
}
