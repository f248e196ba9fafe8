namespace WoodWide.Model
{
    /// <summary>Who created a job (the API's created_by).</summary>
    /// <remarks>The id formats are not documented, so they stay strings rather than Guids.</remarks>
    public sealed class JobPrincipal : ApiObject
    {
        private static readonly ApiShape<JobPrincipal> PrincipalShape = new ApiShape<JobPrincipal>()
            .Field("principal_type", nameof(PrincipalType), p => p.PrincipalType)
            .Field("user_id", nameof(UserId), p => p.UserId)
            .Field("api_key_id", nameof(ApiKeyId), p => p.ApiKeyId);

        internal string? PrincipalType { get; set; }
        internal string? UserId { get; set; }
        internal string? ApiKeyId { get; set; }

        internal override IApiShape Shape => PrincipalShape;

        internal override string Summary => PrincipalType switch
        {
            "api_key" when ApiKeyId != null => $"api_key {ApiKeyId}",
            _ => UserId != null ? $"{PrincipalType} {UserId}".Trim() : PrincipalType ?? string.Empty,
        };
    }
}
