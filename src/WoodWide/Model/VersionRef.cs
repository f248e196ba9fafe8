using System;
using System.Collections.Specialized;

namespace WoodWide.Model
{
    /// <summary>A reference to one version of a dataset or a model (the API's DatasetVersionRef / ModelVersionRef).</summary>
    public sealed class VersionRef
    {
        public Guid? Id { get; internal set; }
        public Guid? VersionId { get; internal set; }
        public long? VersionNumber { get; internal set; }

        /// <summary>Fields the API sent that this version of WoodWide does not know.</summary>
        /// <remarks>Made on first use: most objects have none, and a dictionary each would double what a job costs.</remarks>
        public OrderedDictionary AdditionalProperties => _additionalProperties ??= JsonDictionary.Create();

        private OrderedDictionary? _additionalProperties;

        internal bool HasAdditionalProperties => _additionalProperties is { Count: > 0 };

        public override string ToString() =>
            VersionNumber is long n ? $"{Id} v{n}" : Id?.ToString() ?? string.Empty;
    }
}
