using System.Globalization;

namespace WoodWide.Commands
{
    /// <summary>
    /// What a message echoes of a user's input (an id, a name, a path), cut to a readable length: a megabyte passed
    /// by mistake makes an error of a line, not of a megabyte. The input itself stays whole where it is the item
    /// (an error's TargetObject).
    /// </summary>
    internal static class Echo
    {
        /// <summary>The most characters of an input a message repeats: more than any path or name a person types.</summary>
        public const int MaxChars = 200;

        /// <summary>The text in single quotes, cut with its length said when it is longer than <see cref="MaxChars"/>.</summary>
        public static string Quoted(string? text) => text is null ? "(null)" : text.Length == 0 ? "(empty)" : $"'{Cut(text)}'";

        /// <summary>The text, cut with its length said when it is longer than <see cref="MaxChars"/>.</summary>
        public static string Cut(string text, int max = MaxChars) =>
            text.Length <= max
                ? text
                : text.Substring(0, max) + string.Format(CultureInfo.InvariantCulture, "… ({0:N0} characters)", text.Length);
    }
}
