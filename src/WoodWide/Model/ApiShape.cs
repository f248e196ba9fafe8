using System;
using System.Collections.Generic;

namespace WoodWide.Model
{
    /// <summary>
    /// The members of one API type, each declared once: its fields in the API's order, under the API's names, and the
    /// members computed from them. PowerShell's view (every member found by either spelling, case-insensitively), the
    /// serialization (<see cref="ApiJson"/>) and the JSON reader (Client/Json's FieldTable) are all derived from it,
    /// so a field the API adds is one <see cref="Field"/> line here and nothing else.
    /// </summary>
    internal sealed class ApiShape<T> : IApiShape
    {
        private readonly List<ApiMember> _fields = new List<ApiMember>();
        private readonly List<ApiField<T>> _declared = new List<ApiField<T>>();
        private readonly Dictionary<string, ApiMember> _byName = new Dictionary<string, ApiMember>(StringComparer.OrdinalIgnoreCase);

        /// <param name="create">Makes an empty object of the type, for the reader to fill.</param>
        public ApiShape(Func<T> create)
        {
            Create = create;
        }

        public Func<T> Create { get; }

        /// <summary>The fields PowerShell lists and serializes, in the API's order.</summary>
        public IReadOnlyList<ApiMember> Fields => _fields;

        /// <summary>Every declared field, shown or not, in the API's order: what the reader reads.</summary>
        public IReadOnlyList<ApiField<T>> Declared => _declared;

        /// <summary>
        /// An API field: read from <paramref name="apiName"/> as <paramref name="value"/> says, listed, serialized, and
        /// found as <paramref name="apiName"/> or <paramref name="clrName"/>.
        /// </summary>
        public ApiShape<T> Field<TValue>(string apiName, string clrName, Func<T, TValue> get, Action<T, TValue> set, ApiValue<TValue> value)
        {
            var field = new ApiField<T, TValue>(apiName, clrName, get, set, value, shown: true);
            _declared.Add(field);
            _fields.Add(field);
            _byName[apiName] = field;
            _byName[clrName] = field;
            return this;
        }

        /// <summary>A field that is read but never shown, serialized or found by name, nor kept as an unknown one (a credential).</summary>
        public ApiShape<T> Hidden<TValue>(string apiName, string clrName, Func<T, TValue> get, Action<T, TValue> set, ApiValue<TValue> value)
        {
            _declared.Add(new ApiField<T, TValue>(apiName, clrName, get, set, value, shown: false));
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
