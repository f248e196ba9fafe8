using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace WoodWide.Client.Json
{
    /// <summary>
    /// Reads <c>GET /jobs</c>. Only the <c>items</c> envelope is documented, so paging is recognised in the forms
    /// paginated APIs use: a next link, a next cursor or token, or has_more with an offset.
    /// </summary>
    internal static class JobPageReader
    {
        // Field that carries a token → the query parameter that sends it back.
        private static readonly Dictionary<string, string> TokenFields = new Dictionary<string, string>
        {
            ["next_cursor"] = "cursor",
            ["next_page_token"] = "page_token",
            ["next_token"] = "token",
            ["next_page"] = "page",
        };

        private static readonly string[] LinkFields = { "next", "next_url", "next_link", "next_page_url" };

        public static JobPage Read(ref Utf8JsonReader reader)
        {
            var page = new JobPage();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                ReadItems(ref reader, page);
                return page;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException($"Expected a job list (a JSON object with items), found a JSON {JobJsonReader.Describe(reader.TokenType)}.");

            var scalars = new Dictionary<string, string>();
            var sawItems = false;
            bool? hasMore = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = JsonText.Get(ref reader);
                reader.Read();
                if (name == "items")
                {
                    if (reader.TokenType == JsonTokenType.Null) continue;
                    if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("'items' should be an array.");
                    ReadItems(ref reader, page);
                    sawItems = true;
                }
                else if (name == "has_more" && (reader.TokenType == JsonTokenType.True || reader.TokenType == JsonTokenType.False))
                    hasMore = reader.GetBoolean();
                else if (reader.TokenType == JsonTokenType.String)
                    scalars[name] = JsonText.Get(ref reader);
                else if (reader.TokenType == JsonTokenType.Number)
                    scalars[name] = reader.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : reader.GetDouble().ToString("R", CultureInfo.InvariantCulture);
                else
                    reader.Skip();
            }
            if (!sawItems) throw new JsonException("The job list has no 'items'.");
            if (hasMore == false || page.Items.Count == 0) return page;

            foreach (var field in LinkFields)
                if (scalars.TryGetValue(field, out var link) && link.Length > 0 && LooksLikeLink(link))
                {
                    page.NextLink = link;
                    return page;
                }
            foreach (var pair in TokenFields)
                if (scalars.TryGetValue(pair.Key, out var token) && token.Length > 0)
                {
                    page.NextParameter = new KeyValuePair<string, string>(pair.Value, token);
                    return page;
                }
            if (hasMore == true && scalars.TryGetValue("offset", out var offsetText)
                && long.TryParse(offsetText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset))
                page.NextParameter = new KeyValuePair<string, string>(
                    "offset", (offset + page.Items.Count).ToString(CultureInfo.InvariantCulture));
            return page;
        }

        private static bool LooksLikeLink(string value) =>
            value.StartsWith("/", System.StringComparison.Ordinal) || value.Contains("://") || value.Contains("?");

        private static void ReadItems(ref Utf8JsonReader reader, JobPage page)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                page.Items.Add(JobJsonReader.ReadJob(ref reader));
        }
    }
}
