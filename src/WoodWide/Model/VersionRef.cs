using System;

namespace WoodWide.Model
{
    /// <summary>A reference to one version of a dataset or a model (the API's DatasetVersionRef / ModelVersionRef).</summary>
    public sealed class VersionRef : ApiObject
    {
        public Guid? Id { get; internal set; }
        public Guid? VersionId { get; internal set; }
        public long? VersionNumber { get; internal set; }

        public override string ToString() =>
            VersionNumber is long n ? $"{Id} v{n}" : Id?.ToString() ?? string.Empty;
    }
}
