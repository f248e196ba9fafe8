using System.Collections.Generic;
using System.Text.Json;
using WoodWide.Model;

namespace WoodWide.Client.Json
{
    /// <summary>
    /// Reads free-form JSON into plain .NET values PowerShell shows naturally: objects become ordered case-insensitive
    /// dictionaries, arrays become object[], integers long, other numbers double (as ConvertFrom-Json does).
    /// </summary>
    internal static class JsonValueReader
    {
        public static object? Read(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    var map = new ApiDictionary();
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var name = JsonText.Get(ref reader);
                        reader.Read();
                        map[name] = Read(ref reader);
                    }
                    return map;
                case JsonTokenType.StartArray:
                    var items = new List<object?>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        items.Add(Read(ref reader));
                    return items.ToArray();
                case JsonTokenType.String:
                    return JsonText.Get(ref reader);
                case JsonTokenType.Number:
                    return reader.TryGetInt64(out var whole) ? (object)whole : reader.GetDouble();
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                default:
                    return null;
            }
        }
    }
}
