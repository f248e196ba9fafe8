using System;
using System.Collections.Generic;
using System.Text;

namespace WoodWide.Model
{
    /// <summary>
    /// The columns of one result set, shared by all its rows: their names in the API's order (what PowerShell lists),
    /// each found case-insensitively, and what every row of the set is from (the job, a synchronous inference).
    /// A column met only in a later row is added at the end; rows made before it read null there.
    /// </summary>
    internal sealed class ResultColumns : IApiShape
    {
        private readonly List<ApiMember> _fields = new List<ApiMember>();
        private readonly List<byte[]> _utf8 = new List<byte[]>();
        private readonly Dictionary<string, ApiMember> _byName = new Dictionary<string, ApiMember>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> _indexByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        public ResultColumns()
        {
            _byName[nameof(ResultRow.JobId)] = new ApiMember(null, nameof(ResultRow.JobId), typeof(Guid?), row => ((ResultRow)row).JobId);
            _byName[nameof(ResultRow.Inference)] = new ApiMember(null, nameof(ResultRow.Inference), typeof(InferenceInfo), row => ((ResultRow)row).Inference);
        }

        public int Count => _fields.Count;

        IReadOnlyList<ApiMember> IApiShape.Fields => _fields;

        /// <summary>The job the rows are results of; null for rows of a synchronous inference that named none.</summary>
        internal Guid? JobId { get; set; }

        /// <summary>For the rows of a synchronous inference: what it said besides them.</summary>
        internal InferenceInfo? Inference { get; set; }

        public string Name(int index) => _fields[index].Name;

        /// <summary>Adds a column; a name that differs from an earlier one only in case gets a suffix, so both stay reachable.</summary>
        public int Add(string name)
        {
            var unique = name;
            for (var n = 2; _byName.TryGetValue(unique, out var taken) && taken.IsField; n++) unique = name + "_" + n;
            var index = _fields.Count;
            var member = new ApiMember(unique, unique, typeof(object), row => ((ResultRow)row)[index]);
            _fields.Add(member);
            _utf8.Add(Encoding.UTF8.GetBytes(name));
            _byName[unique] = member;
            _indexByName[unique] = index;
            return index;
        }

        /// <summary>Adds a column named by its place ("column3") where the body gave none: a header cell left empty, a row longer than the header.</summary>
        public int AddUnnamed() => Add("column" + (Count + 1));

        /// <summary>Adds unnamed columns until there are <paramref name="count"/>, for a row with more cells than names.</summary>
        public void Cover(int count)
        {
            while (Count < count) AddUnnamed();
        }

        /// <summary>
        /// The index of the column whose name is these UTF-8 bytes, -1 when there is none. Tries <paramref name="hint"/>
        /// first: rows repeat their columns in the same order, so that is the one almost every time.
        /// </summary>
        public int IndexOf(ReadOnlySpan<byte> utf8Name, int hint)
        {
            if ((uint)hint < (uint)_utf8.Count && utf8Name.SequenceEqual(_utf8[hint])) return hint;
            for (var i = 0; i < _utf8.Count; i++)
                if (utf8Name.SequenceEqual(_utf8[i])) return i;
            return -1;
        }

        /// <summary>The index of a column by name, either case; -1 when there is none.</summary>
        public int IndexOf(string name) => _indexByName.TryGetValue(name, out var index) ? index : -1;

        public bool TryFind(string name, out ApiMember member) => _byName.TryGetValue(name, out member!);
    }
}
