using System;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace WoodWide.Client.Json
{
    /// <summary>
    /// Strings the reader expects to meet again and again (job types, statuses): a token that spells one of them gets
    /// the one shared instance instead of a new string per job. Anything else is read as usual. (Field names are
    /// matched by each type's FieldTable, which never makes a string for a declared one.)
    /// </summary>
    internal sealed class KnownStrings
    {
        private readonly string[] _strings;
        private readonly byte[][] _utf8;

        public KnownStrings(params string[] strings)
        {
            _strings = strings;
            _utf8 = strings.Select(s => Encoding.UTF8.GetBytes(s)).ToArray();
        }

        /// <summary>The current property name or string token as text.</summary>
        public string Get(ref Utf8JsonReader reader)
        {
            if (!reader.ValueIsEscaped && !reader.HasValueSequence)
            {
                var span = reader.ValueSpan;
                for (var i = 0; i < _utf8.Length; i++)
                    if (span.SequenceEqual(_utf8[i])) return _strings[i];
            }
            return JsonText.Get(ref reader);
        }
    }
}
