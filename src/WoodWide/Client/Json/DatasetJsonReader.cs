using System.Linq;
using System.Text.Json;
using WoodWide.Model;

namespace WoodWide.Client.Json
{
    /// <summary>Reads the dataset answers: the documented ones into their types, the undocumented ones as they come.</summary>
    internal static class DatasetJsonReader
    {
        private static readonly FieldTable<DatasetUpload> Upload = FieldTable<DatasetUpload>.For(DatasetUpload.Fields);

        private static readonly FieldTable<DatasetVersion> Version = FieldTable<DatasetVersion>.For(DatasetVersion.Fields);

        /// <summary>POST /datasets, /datasets/upload and /complete: <c>{dataset, job_id, status, upload?}</c>.</summary>
        public static DatasetUpload ReadUpload(ref Utf8JsonReader reader) => Upload.Read(ref reader, "the answer to an upload", "answer");

        /// <summary>GET /datasets/{dataset_id}/versions/{version_id}: the documented DatasetVersion.</summary>
        public static DatasetVersion ReadVersion(ref Utf8JsonReader reader) => Version.Read(ref reader, "a dataset version", "dataset version");

        /// <summary>A dataset, as the API sent it; unwrapped when it comes as <c>{"dataset": {...}}</c>.</summary>
        public static Dataset ReadDataset(ref Utf8JsonReader reader)
        {
            JsonFields.Expect(ref reader, JsonTokenType.StartObject, "a dataset");
            var fields = (ApiDictionary)JsonValueReader.Read(ref reader)!;
            if (fields.Count == 1 && fields["dataset"] is ApiDictionary inner) fields = inner;
            Dated(fields);
            var dataset = new Dataset();
            dataset.Adopt(fields);
            return dataset;
        }

        /// <summary>
        /// The times of a dataset document as times, at any depth ($d.current_version.created_at too): the document is
        /// the API's own, with no user data in it whose text could be taken for a time (a column is {name, type}).
        /// </summary>
        private static void Dated(ApiDictionary fields)
        {
            foreach (var name in fields.Keys.Cast<string>().ToList())
            {
                var value = fields[name];
                if (value is ApiDictionary nested) Dated(nested);
                else if (value is object?[] items)
                    foreach (var item in items.OfType<ApiDictionary>()) Dated(item);
                else fields[name] = JsonFields.Unknown(name, value);
            }
        }
    }
}
