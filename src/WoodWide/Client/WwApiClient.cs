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

        /// <summary>How failed requests are retried; <see cref="RetryPolicy.Default"/> unless a caller says otherwise.</summary>
        public RetryPolicy Retry { get; set; } = RetryPolicy.Default;

        /// <summary>GET /jobs/{job_id}. Retries end before <paramref name="deadline"/> when one is given.</summary>
        public Task<JobDetail> GetJobAsync(Guid jobId, CancellationToken cancellationToken, DateTimeOffset? deadline = null) =>
            SendAsync("jobs/" + jobId.ToString("D"), ReadJob, deadline, cancellationToken);

        /// <summary>GET /jobs, one page. Pass the previous page to get the next one.</summary>
        internal Task<JobPage> ListJobsAsync(JobListQuery query, JobPage? previous, CancellationToken cancellationToken)
        {
            var relative = previous?.NextLink ?? query.ToRelativeUri(previous?.NextParameter);
            return SendAsync(relative, ReadPage, null, cancellationToken);
        }

        private delegate T BodyReader<out T>(ref Utf8JsonReader reader);

        private static JobDetail ReadJob(ref Utf8JsonReader reader) => JobJsonReader.ReadJob(ref reader);

        private static JobPage ReadPage(ref Utf8JsonReader reader) => JobPageReader.Read(ref reader);

        /// <summary>What one attempt saw, for its trace.</summary>
        private sealed class Attempt
        {
            public Uri Target = null!;
            public HttpStatusCode? Status;
            public string? Note;
        }

        private async Task<T> SendAsync<T>(string relativeUri, BodyReader<T> read, DateTimeOffset? deadline, CancellationToken cancellationToken)
        {
            var uri = new Uri(_connection.BaseUri, relativeUri);
            for (var retry = 1; ; retry++)
            {
                var attempt = new Attempt { Target = uri };
                var clock = Stopwatch.StartNew();
                try
                {
                    var result = await SendOnceAsync(uri, read, attempt, cancellationToken).ConfigureAwait(false);
                    Trace(attempt, clock.Elapsed, null);
                    return result;
                }
                catch (WwApiException e)
                {
                    var delay = Retry.DelayBeforeRetry(retry, e, Random);
                    // Never wait past the caller's deadline: better its own error now than a late one.
                    if (delay is TimeSpan d && deadline is DateTimeOffset end && DateTimeOffset.UtcNow + d >= end) delay = null;
                    Trace(attempt, clock.Elapsed, e.Kind, delay, retry);
                    if (delay is not TimeSpan wait) throw;
                    await Retry.Sleep(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Trace(attempt, clock.Elapsed, null, note: "cancelled");
                    throw;
                }
            }
        }

        private void Trace(Attempt attempt, TimeSpan elapsed, WwErrorKind? failure, TimeSpan? retryIn = null, int retry = 0, string? note = null) =>
            Traced?.Invoke(new RequestTrace("GET", attempt.Target.PathAndQuery, attempt.Status, elapsed, failure, retryIn, retry,
                note ?? attempt.Note));

        private async Task<T> SendOnceAsync<T>(Uri uri, BodyReader<T> read, Attempt attempt, CancellationToken cancellationToken)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_connection.RequestTimeout);
            try
            {
                var target = uri;
                var withKey = true;
                for (var hop = 0; ; hop++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, target);
                    if (withKey) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connection.ApiKey.Reveal());
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token)
                        .ConfigureAwait(false);
                    attempt.Status = response.StatusCode;
                    if (IsRedirect(response.StatusCode) && response.Headers.Location is Uri location && hop < MaxRedirects)
                    {
                        target = Redirect(target, location, ref withKey, attempt);
                        continue;
                    }
                    if (!response.IsSuccessStatusCode)
                        throw await ToApiExceptionAsync(response).ConfigureAwait(false);
                    var bytes = await ReadJsonBodyAsync(response).ConfigureAwait(false);
                    return AtRetrieval(Parse(bytes, read, response.StatusCode));
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new WwApiException(WwErrorKind.Timeout, string.Format(CultureInfo.InvariantCulture,
                    "No answer from {0} within {1:0.#} s.", uri.Authority, _connection.RequestTimeout.TotalSeconds), attempt.Status);
            }
            catch (HttpRequestException e)
            {
                throw new WwApiException(WwErrorKind.Connection,
                    $"Could not reach {uri.Authority}: {Innermost(e).Message}", attempt.Status, inner: e);
            }
            catch (IOException e)
            {
                throw new WwApiException(WwErrorKind.Connection,
                    $"The connection to {uri.Authority} failed: {e.Message}", attempt.Status, inner: e);
            }
        }

        private const int MaxRedirects = 5;

        private static bool IsRedirect(HttpStatusCode status) =>
            status == HttpStatusCode.MovedPermanently || status == HttpStatusCode.Found || status == HttpStatusCode.SeeOther
            || status == HttpStatusCode.TemporaryRedirect || (int)status == 308;

        /// <summary>
        /// Follows a redirect by hand: the key goes along only while the target stays on the API's own origin, and
        /// never over plain http to another machine. (Automatic redirects are off: .NET Framework would carry it.)
        /// </summary>
        private static Uri Redirect(Uri from, Uri location, ref bool withKey, Attempt attempt)
        {
            var next = location.IsAbsoluteUri ? location : new Uri(from, location);
            if (WwConnection.Validate(next) is var (_, problem))
                throw new WwApiException(WwErrorKind.InvalidResponse, "The server redirected to a place WoodWide will not go: " + problem, attempt.Status);
            var sameOrigin = Uri.Compare(from, next, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
            withKey = withKey && sameOrigin;
            attempt.Note = withKey ? $"redirected to {next.AbsolutePath}" : $"redirected to {next.GetLeftPart(UriPartial.Path)}, without the key";
            attempt.Target = next;
            return next;
        }

        private static T AtRetrieval<T>(T result)
        {
            var now = DateTimeOffset.UtcNow;
            if (result is JobDetail job) job.RetrievedAt = now;
            else if (result is JobPage page) foreach (var item in page.Items) item.RetrievedAt = now;
            return result;
        }

        /// <summary>No job or page comes near this; a larger answer is not the API's, and is not read whole.</summary>
        internal const int MaxBodyBytes = 16 * 1024 * 1024;

        private static readonly Random Random = new Random();

        private static async Task<ArraySegment<byte>> ReadJsonBodyAsync(HttpResponseMessage response)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var bytes = await ReadLimitedAsync(response).ConfigureAwait(false);
            if (mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
                throw new WwApiException(WwErrorKind.InvalidResponse, string.Format(CultureInfo.InvariantCulture,
                    "The server answered {0} with {1} ({2} bytes), not JSON. Is -BaseUri the Wood Wide API, or is a proxy in the way?",
                    (int)response.StatusCode, mediaType, bytes.Count), response.StatusCode);
            return bytes;
        }

        /// <summary>
        /// The body, up to <see cref="MaxBodyBytes"/>, read straight into the buffer it is parsed in. Sized from
        /// Content-Length when the server sends one (a byte more, so the read that finds the end needs no room made);
        /// otherwise the buffer doubles as the body comes.
        /// </summary>
        private static async Task<ArraySegment<byte>> ReadLimitedAsync(HttpResponseMessage response)
        {
            var length = response.Content.Headers.ContentLength;
            if (length > MaxBodyBytes) throw TooLarge(response);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[length is long known ? known + 1 : 4096];
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                var read = await stream.ReadAsync(buffer, filled, buffer.Length - filled).ConfigureAwait(false);
                if (read == 0) break;
                filled += read;
                if (filled > MaxBodyBytes) throw TooLarge(response);
            }
            return new ArraySegment<byte>(buffer, 0, filled);
        }

        private static WwApiException TooLarge(HttpResponseMessage response) =>
            new WwApiException(WwErrorKind.InvalidResponse, string.Format(CultureInfo.InvariantCulture,
                "The server's answer is larger than {0} MiB: not a job as the API documents it.", MaxBodyBytes / (1024 * 1024)),
                response.StatusCode);

        private static T Parse<T>(ArraySegment<byte> bytes, BodyReader<T> read, HttpStatusCode status)
        {
            try
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(bytes.Array, bytes.Offset, bytes.Count),
                    new JsonReaderOptions { MaxDepth = 64 });
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
