using Microsoft.AspNetCore.Http;

namespace WoodWide.Emulator;

/// <summary>
/// The emulator's storage behind a signed URL (uploads, result files). Like a storage service it refuses an
/// Authorization header, since the signature in the URL is the credential: a client that leaks its API key there
/// finds out in tests instead of in someone's storage logs.
/// </summary>
internal static class SignedUrl
{
    /// <summary>True, with a 400 sent, when the request carries an Authorization header.</summary>
    public static async Task<bool> RefusedAKey(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count == 0) return false;
        await Answer.Send(context, 400, JobWire.Problem("A signed URL takes no Authorization header: the signature is the credential."));
        return true;
    }
}
