namespace WoodWide.Model
{
    /// <summary>Who created a job (the API's created_by).</summary>
    /// <remarks>The id formats are not documented, so they stay strings rather than Guids.</remarks>
    public sealed class JobPrincipal : ApiObject
    {
        public string? PrincipalType { get; internal set; }
        public string? UserId { get; internal set; }
        public string? ApiKeyId { get; internal set; }

        public override string ToString() => PrincipalType switch
        {
            "api_key" when ApiKeyId != null => $"api_key {ApiKeyId}",
            _ => UserId != null ? $"{PrincipalType} {UserId}".Trim() : PrincipalType ?? string.Empty,
        };
    }
}
