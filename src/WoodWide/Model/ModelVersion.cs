using System;

namespace WoodWide.Model
{
    /// <summary>A model's current version as the Model object nests it: <c>{version_id, version, status, metrics}</c>.</summary>
    public sealed class ModelVersion : ApiObject
    {
        private static readonly ApiShape<ModelVersion> VersionShape = new ApiShape<ModelVersion>()
            .Field("version_id", nameof(VersionId), v => v.VersionId)
            .Field("version", nameof(Version), v => v.Version)
            .Field("status", nameof(Status), v => v.Status)
            .Field("metrics", nameof(Metrics), v => v.Metrics);

        internal Guid? VersionId { get; set; }
        internal long? Version { get; set; }
        internal string? Status { get; set; }

        /// <summary>What the training measured (accuracy, silhouette_score…): an <see cref="ApiDictionary"/> as sent.</summary>
        internal object? Metrics { get; set; }

        internal override IApiShape Shape => VersionShape;

        internal override string Summary => Version is long n ? $"v{n} {Status}" : Status ?? string.Empty;
    }
}
