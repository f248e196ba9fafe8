using System;

namespace WoodWide.Model
{
    /// <summary>
    /// What a synchronous inference said besides its rows (<c>POST /models/{model_id}/infer</c> with json: job_id,
    /// latency_ms, model_id, model_name, model_version_id, model_type, prediction_descriptions…), every field as the
    /// API sent it. Each row of that inference reaches it as <c>$row.Inference</c>.
    /// </summary>
    public sealed class InferenceInfo : ApiObject
    {
        private static readonly ApiShape<InferenceInfo> InfoShape = new ApiShape<InferenceInfo>(() => new InferenceInfo())
            .Computed(nameof(JobId), i => i.JobId)
            .Computed(nameof(ModelId), i => i.ModelId)
            .Computed(nameof(ModelVersionId), i => i.ModelVersionId)
            .Computed(nameof(LatencyMs), i => i.LatencyMs)
            .Computed(nameof(Path), i => i.Path);

        internal Guid? JobId => Id("job_id");
        internal Guid? ModelId => Id("model_id");
        internal Guid? ModelVersionId => Id("model_version_id");

        internal double? LatencyMs => HasAdditionalProperties && AdditionalProperties["latency_ms"] is object value
            && double.TryParse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ms) ? ms : (double?)null;

        /// <summary>The file the rows answer (its full path): not the API's, so that rows of several files are told apart.</summary>
        internal string? Path { get; set; }

        internal override IApiShape Shape => InfoShape;

        private Guid? Id(string field) =>
            HasAdditionalProperties && AdditionalProperties[field] is string text && Guid.TryParse(text, out var id) ? id : (Guid?)null;
    }
}
