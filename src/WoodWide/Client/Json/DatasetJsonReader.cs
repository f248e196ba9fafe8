using System;
using System.Text.Json;
using WoodWide.Model;

namespace WoodWide.Client.Json
{
    /// <summary>Reads the dataset answers: the documented ones into their types, the undocumented ones as they come.</summary>
    internal static class DatasetJsonReader
    {
        private static readonly KnownStrings UploadFields = new KnownStrings("job_id", "status", "dataset", "upload");

        private static readonly KnownStrings TargetFields = new KnownStrings("filename", "bytes", "content_type", "upload_url");

        private static readonly KnownStrings VersionFields = new KnownStrings("dataset_version_id", "dataset_id", "version", "status",
            "created_at", "schema_json", "byte_size", "ingest_job_id", "ready_at");

        /// <summary>POST /datasets, /datasets/upload and /complete: <c>{dataset, job_id, status, upload?}</c>.</summary>
        public static DatasetUpload ReadUpload(ref Utf8JsonReader reader)
        {
            JsonFields.Expect(ref reader, JsonTokenType.StartObject, "the answer to an upload");
            var upload = new DatasetUpload();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = UploadFields.Get(ref reader);
                reader.Read();
                switch (name)
                {
                    case "job_id": upload.JobId = JsonFields.OptionalGuid(ref reader, name) ?? Guid.Empty; break;
                    case "status": upload.Status = JsonFields.OptionalString(ref reader, name); break;
                    case "dataset": upload.Dataset = VersionRefReader.Read(ref reader, name); break;
                    case "upload": upload.Upload = ReadTarget(ref reader); break;
                    default: upload.AdditionalProperties[name] = JsonValueReader.Read(ref reader); break;
                }
            }
            return upload;
        }

        private static UploadTarget? ReadTarget(ref Utf8JsonReader reader)
        {
            if (!JsonFields.StartsObject(ref reader, "upload")) return null;
            var target = new UploadTarget();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = TargetFields.Get(ref reader);
                reader.Read();
                switch (name)
                {
                    case "filename": target.FileName = JsonFields.OptionalString(ref reader, "upload.filename"); break;
                    case "bytes": target.Bytes = JsonFields.OptionalWholeNumber(ref reader, "upload.bytes"); break;
                    case "content_type": target.ContentType = JsonFields.OptionalString(ref reader, "upload.content_type"); break;
                    case "upload_url":
                        var text = JsonFields.OptionalString(ref reader, "upload.upload_url");
                        target.Url = Uri.TryCreate(text, UriKind.Absolute, out var url) ? url
                            : throw new JsonException("'upload.upload_url' is not an absolute URL.");
                        break;
                    default: reader.Skip(); break;
                }
            }
            return target;
        }

        /// <summary>GET /datasets/{dataset_id}/versions/{version_id}: the documented DatasetVersion.</summary>
        public static DatasetVersion ReadVersion(ref Utf8JsonReader reader)
        {
            JsonFields.Expect(ref reader, JsonTokenType.StartObject, "a dataset version");
            var version = new DatasetVersion();
            var sawId = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = VersionFields.Get(ref reader);
                reader.Read();
                switch (name)
                {
                    case "dataset_version_id": version.DatasetVersionId = JsonFields.RequiredGuid(ref reader, name); sawId = true; break;
                    case "dataset_id": version.DatasetId = JsonFields.OptionalGuid(ref reader, name); break;
                    case "version": version.Version = JsonFields.OptionalWholeNumber(ref reader, name); break;
                    case "status": version.Status = JsonFields.OptionalString(ref reader, name); break;
                    case "created_at": version.CreatedAt = JsonFields.OptionalTime(ref reader, name); break;
                    case "schema_json": version.SchemaJson = JsonValueReader.Read(ref reader); break;
                    case "byte_size": version.ByteSize = JsonFields.OptionalWholeNumber(ref reader, name); break;
                    case "ingest_job_id": version.IngestJobId = JsonFields.OptionalGuid(ref reader, name); break;
                    case "ready_at": version.ReadyAt = JsonFields.OptionalTime(ref reader, name); break;
                    default: version.AdditionalProperties[name] = JsonValueReader.Read(ref reader); break;
                }
            }
            if (!sawId) throw new JsonException("The dataset version has no dataset_version_id.");
            return version;
        }

        /// <summary>A dataset, as the API sent it; unwrapped when it comes as <c>{"dataset": {...}}</c>.</summary>
        public static Dataset ReadDataset(ref Utf8JsonReader reader)
        {
            JsonFields.Expect(ref reader, JsonTokenType.StartObject, "a dataset");
            var fields = (ApiDictionary)JsonValueReader.Read(ref reader)!;
            if (fields.Count == 1 && fields["dataset"] is ApiDictionary inner) fields = inner;
            var dataset = new Dataset();
            dataset.Adopt(fields);
            return dataset;
        }
    }
}
