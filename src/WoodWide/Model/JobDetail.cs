using System;

namespace WoodWide.Model
{
    /// <summary>
    /// One Wood Wide job as <c>GET /jobs/{job_id}</c> describes it: a <see cref="JobSummary"/> plus its input and
    /// output, typed resources, error and billing. PowerShell sees the API's names (<c>credits_consumed</c>) and
    /// finds the .NET ones (<c>CreditsConsumed</c>) too.
    /// </summary>
    public sealed class JobDetail : JobSummary
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static new readonly ApiShape<JobDetail> Fields = Tail(Head(new ApiShape<JobDetail>(() => new JobDetail()))
                .Field("input", nameof(Input), j => j.Input, (j, x) => j.Input = x, ApiValue.Json)
                .Field("output", nameof(Output), j => j.Output, (j, x) => j.Output = x, ApiValue.Json)
                .Field("resources", nameof(Resources), j => j.Resources, (j, x) => j.Resources = x, ApiValue.Resources)
                .Field("error_message", nameof(ErrorMessage), j => j.ErrorMessage, (j, x) => j.ErrorMessage = x, ApiValue.Text)
                .Field("woodwide_runtime_version", nameof(WoodwideRuntimeVersion), j => j.WoodwideRuntimeVersion, (j, x) => j.WoodwideRuntimeVersion = x, ApiValue.Text)
                .Field("credits_consumed", nameof(CreditsConsumed), j => j.CreditsConsumed, (j, x) => j.CreditsConsumed = x, ApiValue.Number))
            .Computed(nameof(IsSummary), j => j.IsSummary)
            .Computed(nameof(DatasetId), j => j.DatasetId)
            .Computed(nameof(DatasetVersionId), j => j.DatasetVersionId)
            .Computed(nameof(ModelId), j => j.ModelId)
            .Computed(nameof(ModelVersionId), j => j.ModelVersionId);

        /// <summary>The request payload: an <see cref="ApiDictionary"/> (or list, or value) as the API sent it.</summary>
        internal object? Input { get; set; }

        /// <summary>The result payload: an <see cref="ApiDictionary"/> (or list, or value) as the API sent it.</summary>
        internal object? Output { get; set; }

        internal JobResources? Resources { get; set; }
        internal string? ErrorMessage { get; set; }
        internal string? WoodwideRuntimeVersion { get; set; }

        /// <summary>Credits billed; null until billing is final.</summary>
        internal double? CreditsConsumed { get; set; }

        internal override bool IsSummary => false;

        // The dataset and model a job made or used, from its resources: so a finished job binds by property name into
        // the next step (Get-WwDataset, a training, an inference) with no glue.

        internal Guid? DatasetId => DatasetRef?.Id;
        internal Guid? DatasetVersionId => DatasetRef?.VersionId;
        internal Guid? ModelId => ModelRef?.Id;
        internal Guid? ModelVersionId => ModelRef?.VersionId;

        private VersionRef? DatasetRef => Resources switch
        {
            DatasetIngestResources r => r.Dataset,
            TrainResources r => r.Dataset,
            InferenceResources r => r.Dataset,
            _ => null,
        };

        private VersionRef? ModelRef => Resources switch
        {
            TrainResources r => r.Model,
            InferenceResources r => r.Model,
            _ => null,
        };

        internal override IApiShape Shape => Fields;
    }
}
