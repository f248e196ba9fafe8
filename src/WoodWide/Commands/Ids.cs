using System;

namespace WoodWide.Commands
{
    /// <summary>
    /// The one rule for ids of every kind (jobs, datasets, models, their versions): they arrive as text (typed, from
    /// CSV, from objects), and each is checked before any request; one that is not an id is its own item's error
    /// (<see cref="ErrorRecords.InvalidId"/>), and the other ids go on.
    /// </summary>
    internal static class Ids
    {
        /// <summary>The ids bound to a string[] parameter. A $null from the pipeline binds as a null array: it is still one (bad) id.</summary>
        public static string?[] Each(string?[]? bound) => bound ?? new string?[] { null };

        /// <summary>A UUID, not the empty one, with or without braces, in any case.</summary>
        public static bool TryParse(string? text, out Guid id)
        {
            id = Guid.Empty;
            return !string.IsNullOrWhiteSpace(text) && Guid.TryParse(text, out id) && id != Guid.Empty;
        }

        /// <summary>"'abc' is not a dataset id. Ids are UUIDs, like 3f2504e0-…": the one text for every kind.</summary>
        public static string NotAnId(string what, string? text) =>
            $"{Echo.Quoted(text)} is not a {what} id. Ids are UUIDs, like 3f2504e0-4f89-41d3-9a0c-0305e82c3301.";
    }
}
