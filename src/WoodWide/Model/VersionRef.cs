using System;

namespace WoodWide.Model
{
    /// <summary>A reference to one version of a dataset or a model (the API's DatasetVersionRef / ModelVersionRef).</summary>
    public sealed class VersionRef : ApiObject
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static readonly ApiShape<VersionRef> Fields = new ApiShape<VersionRef>(() => new VersionRef())
            .Field("id", nameof(Id), r => r.Id, (r, x) => r.Id = x, ApiValue.OptionalId)
            .Field("version_id", nameof(VersionId), r => r.VersionId, (r, x) => r.VersionId = x, ApiValue.OptionalId)
            .Field("version_number", nameof(VersionNumber), r => r.VersionNumber, (r, x) => r.VersionNumber = x, ApiValue.WholeNumber);

        internal Guid? Id { get; set; }
        internal Guid? VersionId { get; set; }
        internal long? VersionNumber { get; set; }

        internal override IApiShape Shape => Fields;

        internal override string Summary =>
            VersionNumber is long n ? $"{Id} v{n}" : Id?.ToString() ?? string.Empty;
    }
}
