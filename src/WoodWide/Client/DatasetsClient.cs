using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WoodWide.Client.Json;
using WoodWide.Model;

namespace WoodWide.Client
{
    /// <summary>
    /// The API's datasets over the shared transport: the direct upload (POST /datasets, multipart, streamed from
    /// disk), the signed-URL upload (POST /datasets/upload, a PUT to storage, POST .../complete), and the reads.
    /// </summary>
    public sealed class DatasetsClient
    {
        /// <summary>The API's limit for a file sent straight to POST /datasets; larger ones go by signed URL.</summary>
        public const long MaxDirectBytes = 30L * 1024 * 1024;

        private readonly WwTransport _transport;

        public DatasetsClient(WwTransport transport) => _transport = transport ?? throw new ArgumentNullException(nameof(transport));

        /// <summary>POST /datasets: the file as multipart/form-data, streamed from disk; sent again only where the server surely did not act.</summary>
        public Task<DatasetUpload> CreateAsync(LocalFile file, DatasetTarget target, Action<long>? progress, CancellationToken cancellationToken)
        {
            var request = new WwRequest(HttpMethod.Post, "datasets", ApiResource.Dataset, "the answer to an upload")
            {
                Body = transfer => Multipart(file, target, transfer),
                TimeoutIsIdle = true,
            };
            return _transport.SendAsync(request, DatasetJsonReader.ReadUpload, cancellationToken, progress: progress);
        }

        /// <summary>POST /datasets/upload, with an Idempotency-Key the server tells copies apart by: retried like a GET.</summary>
        public Task<DatasetUpload> PrepareUploadAsync(LocalFile file, DatasetTarget target, string idempotencyKey, CancellationToken cancellationToken)
        {
            var body = JsonContent.Of(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartObject("file");
                writer.WriteString("filename", file.Name);
                writer.WriteNumber("bytes", file.Length);
                writer.WriteString("content_type", file.ContentType);
                writer.WriteEndObject();
                WriteTarget(writer, target);
                writer.WriteEndObject();
            });
            var request = new WwRequest(HttpMethod.Post, "datasets/upload", ApiResource.Dataset, "the answer to an upload")
            {
                Body = body,
                Idempotent = true,
            };
            request.Headers["Idempotency-Key"] = idempotencyKey;
            return _transport.SendAsync(request, DatasetJsonReader.ReadUpload, cancellationToken);
        }

        /// <summary>PUT of the file to a signed URL: no key (another origin), its length and the content type the API echoed; from the start on each try.</summary>
        internal Task<System.Net.HttpStatusCode> PutAsync(UploadTarget upload, LocalFile file, Action<long>? progress, CancellationToken cancellationToken)
        {
            var request = new WwRequest(HttpMethod.Put, upload.Url!.AbsoluteUri, ApiResource.Path, "a storage answer")
            {
                Body = transfer => new StreamContent(file.Open(transfer), 81920)
                {
                    Headers =
                    {
                        ContentLength = file.Length,
                        ContentType = MediaTypeHeaderValue.Parse(upload.ContentType ?? file.ContentType),
                    },
                },
                TimeoutIsIdle = true,
                WithKey = false,
            };
            return _transport.SendAsync(request, (response, _) => Task.FromResult(response.StatusCode), cancellationToken, progress: progress);
        }

        /// <summary>POST /datasets/{dataset_version_id}/complete: ingestion starts.</summary>
        public Task<DatasetUpload> CompleteAsync(Guid datasetVersionId, CancellationToken cancellationToken)
        {
            var request = new WwRequest(HttpMethod.Post, $"datasets/{datasetVersionId:D}/complete", ApiResource.Dataset, "the answer to an upload");
            return _transport.SendAsync(request, DatasetJsonReader.ReadUpload, cancellationToken);
        }

        public Task<DatasetVersion> GetVersionAsync(Guid datasetId, Guid versionId, CancellationToken cancellationToken) =>
            _transport.SendAsync(WwRequest.Get($"datasets/{datasetId:D}/versions/{versionId:D}", ApiResource.Dataset, "a dataset version"),
                DatasetJsonReader.ReadVersion, cancellationToken);

        public Task<Dataset> GetAsync(Guid datasetId, CancellationToken cancellationToken) =>
            _transport.SendAsync(WwRequest.Get($"datasets/{datasetId:D}", ApiResource.Dataset, "a dataset"), DatasetJsonReader.ReadDataset, cancellationToken);

        /// <summary>GET /datasets, one page. Its envelope is not documented: items, datasets or data, or a bare array.</summary>
        public Task<Page<Dataset>> ListAsync(Page<Dataset>? previous, CancellationToken cancellationToken)
        {
            var target = Page<Dataset>.After("datasets", previous);
            return _transport.SendAsync(WwRequest.Get(target, ApiResource.Path, "a dataset list"), ReadList, cancellationToken);
        }

        private static Page<Dataset> ReadList(ref Utf8JsonReader reader) =>
            PageReader.Read(ref reader, DatasetJsonReader.ReadDataset, "dataset list", "items", "datasets", "data");

        private static HttpContent Multipart(LocalFile file, DatasetTarget target, Transfer transfer)
        {
            var form = file.Form(transfer);
            if (target.Name != null) form.Add(new StringContent(target.Name), "dataset_name");
            if (target.DatasetId is Guid id) form.Add(new StringContent(id.ToString("D")), "dataset_id");
            if (target.Description != null) form.Add(new StringContent(target.Description), "description");
            if (target.Override) form.Add(new StringContent("true"), "override");
            return form;
        }

        private static void WriteTarget(Utf8JsonWriter writer, DatasetTarget target)
        {
            if (target.Name != null) writer.WriteString("dataset_name", target.Name);
            if (target.DatasetId is Guid id) writer.WriteString("dataset_id", id.ToString("D"));
            if (target.Description != null) writer.WriteString("description", target.Description);
            if (target.Override) writer.WriteBoolean("override", true);
        }
    }
}
