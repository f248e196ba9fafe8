namespace WoodWide.Emulator;

/// <summary>Who created a job (the API's created_by).</summary>
internal sealed record CreatedBy(string PrincipalType, Guid? UserId, Guid? ApiKeyId);
