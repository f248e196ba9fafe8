using System;

namespace WoodWide.Model
{
    /// <summary>
    /// What Start-WwInference started: the inference job (the API's answer to <c>POST /models/{model_id}/infer-async</c>
    /// and <c>/infer-batch</c>: <c>{job_id, status, model}</c>). Binds into Wait-WwJob and Get-WwJobResult by its job id.
    /// </summary>
    public sealed class InferenceStart : ApiObject
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static readonly ApiShape<InferenceStart> Fields = new ApiShape<InferenceStart>(() => new InferenceStart())
            .Field("job_id", nameof(JobId), s => s.JobId, (s, x) => s.JobId = x, ApiValue.Id)
            .Field("status", nameof(Status), s => s.Status, (s, x) => s.Status = x, ApiValue.Text)
            .Field("model", nameof(Model), s => s.Model, (s, x) => s.Model = x, ApiValue.Object(VersionRef.Fields))
            .Computed(nameof(ModelId), s => s.ModelId)
            .Computed(nameof(ModelVersionId), s => s.ModelVersionId)
            .Computed(nameof(Input), s => s.Input);

        internal Guid JobId { get; set; }
        internal string? Status { get; set; }
        internal VersionRef? Model { get; set; }

        /// <summary>The model it runs; the API's answer names it, else the one this call asked for.</summary>
        internal Guid? ModelId => Model?.Id ?? RequestedModelId;
        internal Guid? ModelVersionId => Model?.VersionId;

        internal Guid? RequestedModelId { get; set; }

        /// <summary>What it reads: the file's path, or the dataset (version) id.</summary>
        internal string? Input { get; set; }

        internal override IApiShape Shape => Fields;

        public override string ToString() => JobId.ToString();
    }
}
