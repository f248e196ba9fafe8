using System;
using System.Buffers.Text;
using System.Text;
using System.Runtime.CompilerServices;
using WoodWide.Client.Json;

namespace WoodWide.Client.Results
{
    /// <summary>
    /// The one rule for what a CSV cell of results becomes, so <c>Where-Object prediction_prob -gt 0.9</c> compares
    /// numbers: an unquoted integer is a long, another unquoted number a double, true/false a bool, an empty cell null;
    /// anything else, and anything quoted, stays text. Text that only looks numeric (a leading zero, as in an id
    /// like 007) stays text too, so nothing is lost on the way to Export-Csv.
    /// </summary>
    internal static class CellValue
    {
        /// <summary>The first <paramref name="length"/> bytes of <paramref name="buffer"/> as a value: text is decoded from the
        /// buffer itself (netstandard2.0 decodes no span), not from a copy of it.</summary>
        [MethodImpl(Hot.Loop)]
        public static object? Parse(byte[] buffer, int length, bool quoted)
        {
            if (quoted) return Encoding.UTF8.GetString(buffer, 0, length);
            var cell = new ReadOnlySpan<byte>(buffer, 0, length);
            if (cell.Length == 0) return null;
            if (LooksNumeric(cell))
            {
                if (Utf8Parser.TryParse(cell, out long whole, out var used) && used == cell.Length) return Boxes.Whole(whole);
                if (Utf8Parser.TryParse(cell, out double number, out used, 'E') && used == cell.Length) return number;
                if (Utf8Parser.TryParse(cell, out number, out used) && used == cell.Length) return number;
            }
            if (Word(cell, "true") || Word(cell, "True") || Word(cell, "TRUE")) return Boxes.True;
            if (Word(cell, "false") || Word(cell, "False") || Word(cell, "FALSE")) return Boxes.False;
            return Encoding.UTF8.GetString(buffer, 0, length);
        }

        /// <summary>A sign, then a digit that is not a leading zero of a longer integer part.</summary>
        private static bool LooksNumeric(ReadOnlySpan<byte> cell)
        {
            var i = cell[0] == (byte)'-' ? 1 : 0;
            if (i >= cell.Length || cell[i] < (byte)'0' || cell[i] > (byte)'9') return false;
            return !(cell[i] == (byte)'0' && i + 1 < cell.Length && cell[i + 1] >= (byte)'0' && cell[i + 1] <= (byte)'9');
        }

        private static bool Word(ReadOnlySpan<byte> cell, string word)
        {
            if (cell.Length != word.Length) return false;
            for (var i = 0; i < word.Length; i++)
                if (cell[i] != (byte)word[i]) return false;
            return true;
        }
    }
}
