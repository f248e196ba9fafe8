using System.Collections.Specialized;

namespace WoodWide.Model
{
    /// <summary>An object the API sent: the fields this version of WoodWide does not know are kept, not dropped.</summary>
    public abstract class ApiObject
    {
        private OrderedDictionary? _additionalProperties;

        /// <summary>Fields the API sent that this version of WoodWide does not know.</summary>
        /// <remarks>Made on first use: most objects have none, and a dictionary each would double what a job costs.</remarks>
        public OrderedDictionary AdditionalProperties => _additionalProperties ??= JsonDictionary.Create();

        internal bool HasAdditionalProperties => _additionalProperties is { Count: > 0 };
    }
}
