using System;

namespace WoodWide.Commands
{
    /// <summary>Job ids arrive as text (typed, from CSV, from objects); each is checked before any request.</summary>
    internal static class JobIds
    {
        /// <summary>The ids bound to -Id. A $null from the pipeline binds as a null array: it is still one (bad) id.</summary>
        public static string?[] Each(string?[]? bound) => bound ?? new string?[] { null };

        public static bool TryParse(string? text, out Guid id)
        {
            id = Guid.Empty;
            return !string.IsNullOrWhiteSpace(text) && Guid.TryParse(text, out id) && id != Guid.Empty;
        }
    }
}
