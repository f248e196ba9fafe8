using System.Text.Json;
using WoodWide.Model;

namespace WoodWide.Client.Json
{
    /// <summary>Reads the API's version references (DatasetVersionRef, ModelVersionRef): <c>{id, version_id, version_number}</c>.</summary>
    internal static class VersionRefReader
    {
        private static readonly KnownStrings Fields = new KnownStrings("id", "version_id", "version_number");

        /// <summary>The reference at the reader, or null for a JSON null; <paramref name="field"/> names it in errors.</summary>
        public static VersionRef? Read(ref Utf8JsonReader reader, string field)
        {
            if (!JsonFields.StartsObject(ref reader, field)) return null;
            var reference = new VersionRef();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = Fields.Get(ref reader);
                reader.Read();
                switch (name)
                {
                    case "id": reference.Id = JsonFields.OptionalGuid(ref reader, field + ".id"); break;
                    case "version_id": reference.VersionId = JsonFields.OptionalGuid(ref reader, field + ".version_id"); break;
                    case "version_number": reference.VersionNumber = JsonFields.OptionalWholeNumber(ref reader, field + ".version_number"); break;
                    default: reference.AdditionalProperties[name] = JsonValueReader.Read(ref reader); break;
                }
            }
            return reference;
        }
    }
}
