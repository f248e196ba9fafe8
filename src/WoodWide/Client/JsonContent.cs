using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;

namespace WoodWide.Client
{
    /// <summary>A JSON request body, written once and sent as fresh content on each attempt.</summary>
    internal static class JsonContent
    {
        public static Func<Transfer, HttpContent> Of(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer)) write(writer);
            var bytes = buffer.ToArray();
            return _ => new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        }
    }
}
