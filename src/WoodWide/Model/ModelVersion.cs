using System;

namespace WoodWide.Model
{
    /// <summary>A model's current version as the Model object nests it: <c>{version_id, version, status, metrics}</c>.</summary>
    public sealed class ModelVersion : ApiObject
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static readonly ApiShape<ModelVersion> Fields = new ApiShape<ModelVersion>(() => new ModelVersion())
            .Field("version_id", nameof(VersionId), v => v.VersionId, (v, x) => v.VersionId = x, ApiValue.OptionalId)
            .Field("version", nameof(Version), v => v.Version, (v, x) => v.Version = x, ApiValue.WholeNumber)
            .Field("status", nameof(Status), v => v.Status, (v, x) => v.Status = x, ApiValue.Text)
            .Field("metrics", nameof(Metrics), v => v.Metrics, (v, x) => v.Metrics = x, ApiValue.Json);

        internal Guid? VersionId { get; set; }
        internal long? Version { get; set; }
        internal string? Status { get; set; }

        /// <summary>What the training measured (accuracy, silhouette_score…): an <see cref="ApiDictionary"/> as sent.</summary>
        internal object? Metrics { get; set; }

        internal override IApiShape Shape => Fields;

        internal override string Summary => Version is long n ? $"v{n} {Status}" : Status ?? string.Empty;
    }
}
