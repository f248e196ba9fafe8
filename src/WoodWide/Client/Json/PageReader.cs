using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace WoodWide.Client.Json
{
    /// <summary>
    /// Reads one page of any listing, its items by the given reader. Only the <c>items</c> envelope is documented, so
    /// paging is recognised in the forms paginated APIs use: a next link, a next cursor or token, or has_more with an
    /// offset. A bare array is a page with no next.
    /// </summary>
    internal static class PageReader
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

        private static readonly string[] DefaultItemFields = { "items" };

        /// <param name="what">What the listing is, for errors: "job list".</param>
        /// <param name="itemFields">Where the items may be: the documented <c>items</c>, or the names an undocumented listing may use.</param>
        public static Page<T> Read<T>(ref Utf8JsonReader reader, BodyReader<T> readItem, string what, params string[] itemFields)
        {
            if (itemFields.Length == 0) itemFields = DefaultItemFields;
            var page = new Page<T>();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                ReadItems(ref reader, page, readItem);
                return page;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException($"Expected a {what} (a JSON object with items), found a JSON {JsonFields.Describe(reader.TokenType)}.");

            var scalars = new Dictionary<string, string>();
            var sawItems = false;
            bool? hasMore = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = JsonText.Get(ref reader);
                reader.Read();
                if (!sawItems && System.Array.IndexOf(itemFields, name) >= 0)
                {
                    if (reader.TokenType == JsonTokenType.Null) continue;
                    if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"'{name}' should be an array.");
                    ReadItems(ref reader, page, readItem);
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
            if (!sawItems) throw new JsonException($"The {what} has no '{itemFields[0]}'.");
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

        private static void ReadItems<T>(ref Utf8JsonReader reader, Page<T> page, BodyReader<T> readItem)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                page.Items.Add(readItem(ref reader));
        }
    }
}
