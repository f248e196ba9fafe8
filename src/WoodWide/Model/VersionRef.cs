using System;

namespace WoodWide.Model
{
    /// <summary>A reference to one version of a dataset or a model (the API's DatasetVersionRef / ModelVersionRef).</summary>
    public sealed class VersionRef : ApiObject
    {
        private static readonly ApiShape<VersionRef> RefShape = new ApiShape<VersionRef>()
            .Field("id", nameof(Id), r => r.Id)
            .Field("version_id", nameof(VersionId), r => r.VersionId)
            .Field("version_number", nameof(VersionNumber), r => r.VersionNumber);

        internal Guid? Id { get; set; }
        internal Guid? VersionId { get; set; }
        internal long? VersionNumber { get; set; }

        internal override IApiShape Shape => RefShape;

        internal override string Summary =>
            VersionNumber is long n ? $"{Id} v{n}" : Id?.ToString() ?? string.Empty;
    }
}
