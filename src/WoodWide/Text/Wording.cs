using System;
using System.Globalization;

namespace WoodWide.Text
{
    /// <summary>Small rules of the module's wording, shared by its messages, logs and errors.</summary>
    public static class Wording
    {
        /// <summary>Text that ends as a sentence does, so another can follow it.</summary>
        public static string Sentence(string text)
        {
            var trimmed = text.TrimEnd();
            return trimmed.Length == 0 || ".!?".IndexOf(trimmed[trimmed.Length - 1]) >= 0 ? trimmed : trimmed + ".";
        }

        /// <summary>Progress to a tenth, rounded down: 99.96 reads 99.9 %, never 100 % before the API says done.</summary>
        public static string Percent(double progress) =>
            string.Format(CultureInfo.InvariantCulture, "{0:0.#}%", Math.Floor(progress * 10) / 10);
    }
}
