namespace WoodWide.Client.Json
{
    /// <summary>
    /// Where a field is (<c>resources.model.id</c>), for the error text of a bad value. Made without allocating: the
    /// text is joined only when an error needs it, so reading nested objects costs no strings.
    /// </summary>
    internal readonly struct FieldPath
    {
        private readonly string? _outer;
        private readonly string? _parent;
        private readonly string? _name;

        private FieldPath(string? outer, string? parent, string? name)
        {
            _outer = outer;
            _parent = parent;
            _name = name;
        }

        public static implicit operator FieldPath(string name) => new FieldPath(null, null, name);

        /// <summary>The path of a field of the object at this one; the top of a document is the default path.</summary>
        public FieldPath Child(string name)
        {
            if (_name is null) return new FieldPath(null, null, name);
            if (_parent is null) return new FieldPath(null, _name, name);
            // Three names deep and more: the outer ones are joined (no API object nests that deep today).
            return new FieldPath(_outer is null ? _parent : _outer + "." + _parent, _name, name);
        }

        public override string ToString()
        {
            if (_parent is null) return _name ?? string.Empty;
            return _outer is null ? _parent + "." + _name : _outer + "." + _parent + "." + _name;
        }
    }
}
