using System;
using System.Text.Json;

namespace WoodWide.Client.Json
{
    internal static class JsonText
    {
        /// <summary>
        /// The current string token as text. Utf8JsonReader throws InvalidOperationException for invalid UTF-8 or a
        /// lone surrogate escape; here that is what it is, a malformed document, so it becomes a JsonException.
        /// </summary>
        public static string Get(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString() ?? string.Empty;
            }
            catch (InvalidOperationException e)
            {
                throw new JsonException("The document holds text that is not valid UTF-8 or UTF-16: " + e.Message, e);
            }
        }
    }
}
