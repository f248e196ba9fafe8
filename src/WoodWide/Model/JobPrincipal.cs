using System.Collections.Specialized;

namespace WoodWide.Model
{
    /// <summary>Who created a job (the API's created_by).</summary>
    /// <remarks>The id formats are not documented, so they stay strings rather than Guids.</remarks>
    public sealed class JobPrincipal
    {
        public string? PrincipalType { get; internal set; }
        public string? UserId { get; internal set; }
        public string? ApiKeyId { get; internal set; }

        /// <summary>Fields the API sent that this version of WoodWide does not know.</summary>
        /// <remarks>Made on first use: most objects have none, and a dictionary each would double what a job costs.</remarks>
        public OrderedDictionary AdditionalProperties => _additionalProperties ??= JsonDictionary.Create();

        private OrderedDictionary? _additionalProperties;

        internal bool HasAdditionalProperties => _additionalProperties is { Count: > 0 };

        public override string ToString() => PrincipalType switch
        {
            "api_key" when ApiKeyId != null => $"api_key {ApiKeyId}",
            _ => UserId != null ? $"{PrincipalType} {UserId}".Trim() : PrincipalType ?? string.Empty,
        };
    }
}
