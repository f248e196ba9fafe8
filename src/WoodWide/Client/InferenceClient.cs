using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using WoodWide.Client.Json;
using WoodWide.Model;

namespace WoodWide.Client
{
    /// <summary>
    /// The API's inferences over the shared transport: synchronous on a file (/infer, its answer handed over open),
    /// asynchronous on a file (/infer-async) or a stored dataset (/infer-batch), and a finished job's results.
    /// </summary>
    public sealed class InferenceClient
    {
        private readonly WwTransport _transport;

        public InferenceClient(WwTransport transport) => _transport = transport ?? throw new ArgumentNullException(nameof(transport));

        /// <summary>POST /models/{model_id}/infer: the file as multipart, the answer (JSON, CSV or Parquet) open to read as it comes.</summary>
        public Task<OpenResponse> InferAsync(InferenceRequest inference, CancellationToken cancellationToken)
        {
            var request = new WwRequest(HttpMethod.Post, $"models/{inference.ModelId:D}/infer", ApiResource.Model, "the answer to an inference")
            {
                Body = transfer => Multipart(inference, transfer),
                Accept = "application/json, text/csv, application/octet-stream;q=0.9, */*;q=0.5",
            };
            return _transport.OpenAsync(request, cancellationToken);
        }

        /// <summary>POST /models/{model_id}/infer-async (a file) or /infer-batch (a stored dataset): an infer_batch job.</summary>
        public async Task<InferenceStart> StartAsync(InferenceRequest inference, CancellationToken cancellationToken)
        {
            WwRequest request;
            if (inference.File != null)
            {
                request = new WwRequest(HttpMethod.Post, $"models/{inference.ModelId:D}/infer-async", ApiResource.Model, "the answer to an inference")
                {
                    Body = transfer => Multipart(inference, transfer),
                    TimeoutIsIdle = true,
                };
            }
            else
            {
                request = new WwRequest(HttpMethod.Post, $"models/{inference.ModelId:D}/infer-batch", ApiResource.Model, "the answer to an inference")
                {
                    Body = JsonContent.Of(writer =>
                    {
                        writer.WriteStartObject();
                        if (inference.ModelVersionId is Guid version) writer.WriteString("model_version_id", version.ToString("D"));
                        if (inference.DatasetVersionId is Guid data) writer.WriteString("dataset_version_id", data.ToString("D"));
                        else if (inference.DatasetId is Guid dataset) writer.WriteString("dataset_id", dataset.ToString("D"));
                        if (inference.OutputType != null) writer.WriteString("output_type", inference.OutputType);
                        if (inference.AnomalyFormat != null) writer.WriteString("anomaly_format", inference.AnomalyFormat);
                        writer.WriteEndObject();
                    }),
                };
            }
            var start = await _transport.SendAsync(request, ModelJsonReader.ReadInferenceStart, cancellationToken).ConfigureAwait(false);
            start.RequestedModelId = inference.ModelId;
            return start;
        }

        /// <summary>GET /jobs/{job_id}/results, open: JSON (rows, or a pointer to an artifact) or the file itself.</summary>
        public Task<OpenResponse> OpenResultsAsync(Guid jobId, CancellationToken cancellationToken)
        {
            var request = WwRequest.Get($"jobs/{jobId:D}/results", ApiResource.Result, "a job's results");
            request.Accept = "application/json, text/csv;q=0.9, */*;q=0.5";
            return _transport.OpenAsync(request, cancellationToken);
        }

        /// <summary>
        /// A results artifact at the URL the API handed out. A signed URL carries its own credential, so it gets no key:
        /// storage refuses a request with two, and the key must not reach another origin. Only when the URL is on the
        /// API's own origin and it answers 401 is it asked again with the key (an API path that wants it).
        /// </summary>
        public async Task<OpenResponse> OpenArtifactAsync(Uri url, CancellationToken cancellationToken)
        {
            try
            {
                return await _transport.OpenAsync(new WwRequest(HttpMethod.Get, url.AbsoluteUri, ApiResource.Path, "a results file") { WithKey = false },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (WwApiException e) when (e.Kind == WwErrorKind.Authentication && _transport.IsApiOrigin(url))
            {
                return await _transport.OpenAsync(WwRequest.Get(url.AbsoluteUri, ApiResource.Result, "a results file"), cancellationToken).ConfigureAwait(false);
            }
        }

        private static HttpContent Multipart(InferenceRequest inference, Transfer transfer)
        {
            var form = inference.File!.Form(transfer);
            if (inference.ModelVersionId is Guid version) form.Add(new StringContent(version.ToString("D")), "model_version_id");
            if (inference.OutputType != null) form.Add(new StringContent(inference.OutputType), "output_type");
            if (inference.AnomalyFormat != null) form.Add(new StringContent(inference.AnomalyFormat), "anomaly_format");
            return form;
        }
    }
}
