using Microsoft.AspNetCore.Http;

namespace WoodWide.Emulator;

/// <summary>Writes an answer: a status and a JSON body of known length.</summary>
internal static class Answer
{
    public static Task Send(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
