namespace WoodWide.Model
{
    /// <summary>
    /// An object the API sent. PowerShell sees it through its <see cref="Shape"/> (the API's own field names, either
    /// spelling found), and the fields this version of WoodWide does not know are kept, not dropped, as properties too.
    /// </summary>
    /// <remarks>
    /// The .NET properties of API types are internal on purpose: PowerShell's serializers (ConvertTo-Json, Export-Csv,
    /// Format-List *) would list public ones beside the API's names, so each field would show twice.
    /// </remarks>
    public abstract class ApiObject
    {
        private ApiDictionary? _additionalProperties;

        /// <summary>Fields the API sent that this version of WoodWide does not know.</summary>
        /// <remarks>Made on first use: most objects have none, and a dictionary each would double what a job costs.</remarks>
        internal ApiDictionary AdditionalProperties => _additionalProperties ??= new ApiDictionary();

        internal bool HasAdditionalProperties => _additionalProperties is { Count: > 0 };

        /// <summary>Takes a whole object the API sent as this one's fields (for shapes the docs do not give).</summary>
        internal void Adopt(ApiDictionary fields) => _additionalProperties = fields;

        internal abstract IApiShape Shape { get; }

        /// <summary>A line a person reads in a view ("train model 0de1… v1"); the JSON of its fields unless a type says better.</summary>
        internal virtual string Summary => ToString();

        /// <summary>Compact JSON of the fields, under the API's names: what an Export-Csv cell shows for a nested object.</summary>
        public override string ToString() => ApiJson.Text(this);
    }
}
