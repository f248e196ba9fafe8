using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace WoodWide.Emulator;

/// <summary>A multipart/form-data request: its fields as text, its file streamed to disk (never whole in memory).</summary>
internal sealed record MultipartForm(Dictionary<string, string> Fields, string? File, string? FileName, string? ContentType, long Bytes, CsvInspector Inspector)
{
    /// <summary>The form, or null when the request is not multipart/form-data; the file goes to a path from <paramref name="newPath"/>.</summary>
    public static async Task<MultipartForm?> ReadAsync(HttpContext context, Func<string> newPath)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return null;
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, context.Request.Body);
        string? file = null, fileName = null, contentType = null;
        long bytes = 0;
        var inspector = new CsvInspector();
        while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
            if (name == "file")
            {
                file = newPath();
                fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value;
                contentType = section.ContentType;
                bytes = await CopyAsync(section.Body, file, inspector, context.RequestAborted);
            }
            else
            {
                using var text = new StreamReader(section.Body, Encoding.UTF8);
                fields[name] = await text.ReadToEndAsync(context.RequestAborted);
            }
        }
        return new MultipartForm(fields, file, fileName, contentType, bytes, inspector);
    }

    /// <summary>Copies a body to a new file, showing its start to the inspector; the number of bytes.</summary>
    public static async Task<long> CopyAsync(Stream from, string path, CsvInspector inspector, CancellationToken token)
    {
        var buffer = new byte[81920];
        long total = 0;
        await using var to = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        int read;
        while ((read = await from.ReadAsync(buffer, token)) > 0)
        {
            inspector.Observe(buffer.AsSpan(0, read));
            await to.WriteAsync(buffer.AsMemory(0, read), token);
            total += read;
        }
        return total;
    }
}
