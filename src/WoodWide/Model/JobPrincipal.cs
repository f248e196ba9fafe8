namespace WoodWide.Model
{
    /// <summary>Who created a job (the API's created_by).</summary>
    /// <remarks>The id formats are not documented, so they stay strings rather than Guids.</remarks>
    public sealed class JobPrincipal : ApiObject
    {
        /// <summary>Its fields, each declared once: what is read, shown and serialized.</summary>
        internal static readonly ApiShape<JobPrincipal> Fields = new ApiShape<JobPrincipal>(() => new JobPrincipal())
            .Field("principal_type", nameof(PrincipalType), p => p.PrincipalType, (p, x) => p.PrincipalType = x, ApiValue.LooseText)
            .Field("user_id", nameof(UserId), p => p.UserId, (p, x) => p.UserId = x, ApiValue.LooseText)
            .Field("api_key_id", nameof(ApiKeyId), p => p.ApiKeyId, (p, x) => p.ApiKeyId = x, ApiValue.LooseText);

        internal string? PrincipalType { get; set; }
        internal string? UserId { get; set; }
        internal string? ApiKeyId { get; set; }

        internal override IApiShape Shape => Fields;

        internal override string Summary => PrincipalType switch
        {
            "api_key" when ApiKeyId != null => $"api_key {ApiKeyId}",
            _ => UserId != null ? $"{PrincipalType} {UserId}".Trim() : PrincipalType ?? string.Empty,
        };
    }
}
