using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net;
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
    /// The Wood Wide jobs API over HTTP. Knows nothing of PowerShell: it returns models or throws
    /// <see cref="WwApiException"/>, and reports each request to <see cref="Traced"/> for whoever wants to log it.
    /// </summary>
    public sealed class WwApiClient
    {
        private const int MaxErrorBodyChars = 64 * 1024;
        private readonly WwConnection _connection;
        private readonly HttpClient _http;

        public WwApiClient(WwConnection connection)
            : this(connection, HttpClientCache.For(connection?.BaseUri ?? throw new ArgumentNullException(nameof(connection))))
        {
        }

        /// <summary>With a given HttpClient: for tests that put a scripted handler under the client.</summary>
        internal WwApiClient(WwConnection connection, HttpClient http)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _http = http;
        }

        /// <summary>Called after every request, on whatever thread finished it.</summary>
        public Action<RequestTrace>? Traced { get; set; }

        public WwConnection Connection => _connection;

        /// <summary>GET /jobs/{job_id}.</summary>
        public Task<JobDetail> GetJobAsync(Guid jobId, CancellationToken cancellationToken) =>
            SendAsync("jobs/" + jobId.ToString("D"), ReadJob, cancellationToken);

        /// <summary>GET /jobs, one page. Pass the previous page to get the next one.</summary>
        internal Task<JobPage> ListJobsAsync(JobListQuery query, JobPage? previous, CancellationToken cancellationToken)
        {
            var relative = previous?.NextLink ?? query.ToRelativeUri(previous?.NextParameter);
            return SendAsync(relative, ReadPage, cancellationToken);
        }

        private delegate T BodyReader<out T>(ref Utf8JsonReader reader);

        private static JobDetail ReadJob(ref Utf8JsonReader reader) => JobJsonReader.ReadJob(ref reader);

        private static JobPage ReadPage(ref Utf8JsonReader reader) => JobPageReader.Read(ref reader);

        private async Task<T> SendAsync<T>(string relativeUri, BodyReader<T> read, CancellationToken cancellationToken)
        {
            var uri = new Uri(_connection.BaseUri, relativeUri);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_connection.RequestTimeout);
            var clock = Stopwatch.StartNew();
            HttpStatusCode? status = null;
            WwErrorKind? failure = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connection.ApiKey.Reveal());
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                    .ConfigureAwait(false);
                status = response.StatusCode;
                if (!response.IsSuccessStatusCode)
                    throw await ToApiExceptionAsync(response).ConfigureAwait(false);
                var bytes = await ReadJsonBodyAsync(response).ConfigureAwait(false);
                var result = Parse(bytes, read, response.StatusCode);
                return AtRetrieval(result);
            }
            catch (WwApiException e)
            {
                failure = e.Kind;
                throw;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = WwErrorKind.Timeout;
                throw new WwApiException(WwErrorKind.Timeout, string.Format(CultureInfo.InvariantCulture,
                    "No answer from {0} within {1:0.#} s.", uri.Authority, _connection.RequestTimeout.TotalSeconds), status);
            }
            catch (HttpRequestException e)
            {
                failure = WwErrorKind.Connection;
                throw new WwApiException(WwErrorKind.Connection,
                    $"Could not reach {uri.Authority}: {Innermost(e).Message}", status, inner: e);
            }
            catch (IOException e)
            {
                failure = WwErrorKind.Connection;
                throw new WwApiException(WwErrorKind.Connection,
                    $"The connection to {uri.Authority} failed: {e.Message}", status, inner: e);
            }
            finally
            {
                Traced?.Invoke(new RequestTrace("GET", uri.PathAndQuery, status, clock.Elapsed, failure));
            }
        }

        private static T AtRetrieval<T>(T result)
        {
            var now = DateTimeOffset.UtcNow;
            if (result is JobDetail job) job.RetrievedAt = now;
            else if (result is JobPage page) foreach (var item in page.Items) item.RetrievedAt = now;
            return result;
        }

        private static async Task<byte[]> ReadJsonBodyAsync(HttpResponseMessage response)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            if (mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
                throw new WwApiException(WwErrorKind.InvalidResponse, string.Format(CultureInfo.InvariantCulture,
                    "The server answered {0} with {1} ({2} bytes), not JSON. Is -BaseUri the Wood Wide API, or is a proxy in the way?",
                    (int)response.StatusCode, mediaType, bytes.Length), response.StatusCode);
            return bytes;
        }

        private static T Parse<T>(byte[] bytes, BodyReader<T> read, HttpStatusCode status)
        {
            try
            {
                var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 64 });
                if (!reader.Read()) throw new JsonException("The body is empty.");
                var result = read(ref reader);
                return result;
            }
            catch (JsonException e)
            {
                throw new WwApiException(WwErrorKind.InvalidResponse,
                    "The server's answer is not a job as the API documents it: " + e.Message, status, inner: e);
            }
        }

        private static async Task<WwApiException> ToApiExceptionAsync(HttpResponseMessage response)
        {
            var code = (int)response.StatusCode;
            string? body = null;
            try
            {
                body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (body.Length > MaxErrorBodyChars) body = body.Substring(0, MaxErrorBodyChars);
            }
            catch (Exception e) when (e is HttpRequestException || e is IOException)
            {
                // The status alone still says what happened.
            }
            var detail = ErrorBody.ReadDetail(body);
            var kind = KindOf(code);
            var statusLine = string.Format(CultureInfo.InvariantCulture, "{0} {1}", code,
                string.IsNullOrEmpty(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase);
            var message = detail != null
                ? $"{detail} (HTTP {statusLine})"
                : body != null && LooksLikeHtml(body)
                    ? $"HTTP {statusLine}, with an HTML page instead of the API's JSON: a proxy or gateway answered."
                    : $"HTTP {statusLine}.";
            return new WwApiException(kind, message, response.StatusCode, detail, RetryAfter(response));
        }

        internal static WwErrorKind KindOf(int code) => code switch
        {
            400 or 422 => WwErrorKind.InvalidRequest,
            401 => WwErrorKind.Authentication,
            402 => WwErrorKind.QuotaExceeded,
            403 => WwErrorKind.PermissionDenied,
            404 => WwErrorKind.NotFound,
            409 => WwErrorKind.Conflict,
            429 => WwErrorKind.RateLimited,
            >= 500 and <= 599 => WwErrorKind.ServerError,
            _ => WwErrorKind.UnexpectedStatus,
        };

        private static bool LooksLikeHtml(string body)
        {
            var start = body.TrimStart();
            return start.StartsWith("<", StringComparison.Ordinal);
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header is null) return null;
            if (header.Delta is TimeSpan delta) return delta;
            if (header.Date is DateTimeOffset date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException != null) e = e.InnerException;
            return e;
        }
    }

    /// <summary>The filters of a job listing, sent as query parameters (and applied again client-side by the cmdlet).</summary>
    internal sealed class JobListQuery
    {
        public string? Status { get; set; }
        public string? Type { get; set; }
        public int? Limit { get; set; }

        public string ToRelativeUri(KeyValuePair<string, string>? next)
        {
            var query = new StringBuilder("jobs");
            var separator = '?';
            void Add(string name, string? value)
            {
                if (string.IsNullOrEmpty(value)) return;
                query.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
            Add("status", Status);
            Add("type", Type);
            Add("limit", Limit?.ToString(CultureInfo.InvariantCulture));
            if (next is KeyValuePair<string, string> pair) Add(pair.Key, pair.Value);
            return query.ToString();
        }
    }
}
