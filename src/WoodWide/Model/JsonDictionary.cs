using System;
using System.Collections.Specialized;

namespace WoodWide.Model
{
    /// <summary>
    /// Free-form JSON objects become ordered, case-insensitive dictionaries: PowerShell reads their keys as
    /// properties (<c>$j.input.label_column</c>) and shows them in the API's order, as ConvertFrom-Json -AsHashtable does.
    /// </summary>
    internal static class JsonDictionary
    {
        public static OrderedDictionary Create() => new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
