using System;
using System.Collections;
using System.Collections.ObjectModel;
using System.Management.Automation;
using WoodWide.Model;

namespace WoodWide.Commands
{
    /// <summary>
    /// How PowerShell sees an API object (registered for each API type in WoodWide.Types.ps1xml): its properties are
    /// the API's fields under the API's names, then the unknown fields it sent, each once, so ConvertTo-Json, Export-Csv
    /// and Format-List * read like the API; a property is found by either spelling (<c>$j.credits_consumed</c>,
    /// <c>$j.CreditsConsumed</c>), and computed members (<c>$j.Duration</c>) by name, without cluttering the output.
    /// </summary>
    /// <remarks>
    /// Ids are shown as text, as the API sends them: a Guid on its own formats as a table headed "Guid".
    /// Nested API objects are passed on wrapped, so the serializers see their API names too.
    /// </remarks>
    public sealed class ApiObjectAdapter : PSPropertyAdapter
    {
        public override Collection<PSAdaptedProperty> GetProperties(object baseObject)
        {
            var api = (ApiObject)baseObject;
            var properties = new Collection<PSAdaptedProperty>();
            foreach (var field in api.Shape.Fields) properties.Add(new PSAdaptedProperty(field.Name, field));
            if (api.HasAdditionalProperties)
            {
                foreach (DictionaryEntry extra in api.AdditionalProperties)
                {
                    var name = (string)extra.Key;
                    if (!IsField(api, name)) properties.Add(new PSAdaptedProperty(name, name));
                }
            }
            return properties;
        }

        public override PSAdaptedProperty? GetProperty(object baseObject, string propertyName)
        {
            var api = (ApiObject)baseObject;
            // Named as asked: Select-Object CreditsConsumed makes a CreditsConsumed column, credits_consumed a
            // credits_consumed one. What the API sent wins over a computed member of the same name: a field it adds later
            // is never hidden.
            var found = api.Shape.TryFind(propertyName, out var member);
            if (found && member.IsField || !(api.HasAdditionalProperties && api.AdditionalProperties.Contains(propertyName)))
            {
                if (found) return new PSAdaptedProperty(propertyName, member);
                if (nameof(ApiObject.AdditionalProperties).Equals(propertyName, StringComparison.OrdinalIgnoreCase))
                    return new PSAdaptedProperty(nameof(ApiObject.AdditionalProperties), AdditionalTag);
                // A field the module does not declare, by its PascalCase name too: $dataset.CreatedAt is created_at.
                return api.HasAdditionalProperties && SnakeCase(propertyName) is string snake && api.AdditionalProperties.Contains(snake)
                    ? new PSAdaptedProperty(propertyName, snake)
                    : null;
            }
            return new PSAdaptedProperty(propertyName, propertyName);
        }

        /// <summary>"VersionCount" as the API spells it, "version_count"; null for a name that has no capital after its first letter.</summary>
        internal static string? SnakeCase(string name)
        {
            if (name.IndexOf('_') >= 0) return null;
            var text = new System.Text.StringBuilder(name.Length + 4);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                        || i + 1 < name.Length && char.IsUpper(name[i - 1]) && char.IsLower(name[i + 1])))
                    text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }
            var snake = text.ToString();
            return snake.IndexOf('_') >= 0 ? snake : null;
        }

        public override object? GetPropertyValue(PSAdaptedProperty adaptedProperty)
        {
            var api = (ApiObject)adaptedProperty.BaseObject;
            return adaptedProperty.Tag switch
            {
                ApiMember member => Present(member.Read(api)),
                string name when ReferenceEquals(name, AdditionalTag) => api.AdditionalProperties,
                string name => Present(api.AdditionalProperties[name]),
                _ => null,
            };
        }

        public override string GetPropertyTypeName(PSAdaptedProperty adaptedProperty)
        {
            if (adaptedProperty.Tag is not ApiMember member)
                return GetPropertyValue(adaptedProperty)?.GetType().FullName ?? typeof(object).FullName!;
            var type = Nullable.GetUnderlyingType(member.Type) ?? member.Type;
            return type == typeof(Guid) ? typeof(string).FullName! : type.FullName!;
        }

        public override bool IsGettable(PSAdaptedProperty adaptedProperty) => true;

        public override bool IsSettable(PSAdaptedProperty adaptedProperty) => false;

        public override void SetPropertyValue(PSAdaptedProperty adaptedProperty, object value) =>
            throw new SetValueException($"'{adaptedProperty.Name}' is read-only: it is what the API sent.");

        /// <summary>Marks the lookup of AdditionalProperties itself (kept for scripts that used it).</summary>
        private static readonly string AdditionalTag = new string(nameof(ApiObject.AdditionalProperties).ToCharArray());

        private static bool IsField(ApiObject api, string name) => api.Shape.TryFind(name, out var member) && member.IsField;

        private static object? Present(object? value) => value switch
        {
            Guid id => id.ToString(),
            ApiObject nested => PSObject.AsPSObject(nested),
            _ => value,
        };
    }
}
