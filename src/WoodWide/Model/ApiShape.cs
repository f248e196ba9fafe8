using System;
using System.Collections.Generic;

namespace WoodWide.Model
{
    /// <summary>
    /// The members of one API type as PowerShell sees them: its fields in the API's order, under the API's names,
    /// and every member (fields and computed ones) found by either spelling, case-insensitively.
    /// </summary>
    internal sealed class ApiShape<T> : IApiShape where T : class
    {
        private readonly List<ApiMember> _fields = new List<ApiMember>();
        private readonly Dictionary<string, ApiMember> _byName = new Dictionary<string, ApiMember>(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<ApiMember> Fields => _fields;

        /// <summary>An API field: listed, serialized, and found as <paramref name="apiName"/> or <paramref name="clrName"/>.</summary>
        public ApiShape<T> Field<TValue>(string apiName, string clrName, Func<T, TValue> read)
        {
            var member = new ApiMember(apiName, clrName, typeof(TValue), o => read((T)o));
            _fields.Add(member);
            _byName[apiName] = member;
            _byName[clrName] = member;
            return this;
        }

        /// <summary>A computed member: found by name, never listed or serialized, so output reads like the API's.</summary>
        public ApiShape<T> Computed<TValue>(string clrName, Func<T, TValue> read)
        {
            _byName[clrName] = new ApiMember(null, clrName, typeof(TValue), o => read((T)o));
            return this;
        }

        public bool TryFind(string name, out ApiMember member) => _byName.TryGetValue(name, out member!);
    }
}
