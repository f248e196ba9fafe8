using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// The one way WoodWide talks HTTP, under every request: retries, timeouts, redirects, tracing and the mapping of
    /// failures to <see cref="WwApiException"/> live here and nowhere else. Knows nothing of PowerShell or of the
    /// API's resources; the per-resource clients (<see cref="JobsClient"/>) say what to send and how to read it.
    /// </summary>
    /// <remarks>
    /// The key goes only to the API's own origin (scheme, host and port of the base URI), never to a signed storage
    /// URL or a redirect elsewhere. A request that is not idempotent is sent again only when the server surely did not
    /// act on it (<see cref="FailureRules.ServerDidNotAct"/>).
    /// </remarks>
    public sealed class WwTransport
    {
        private const int MaxErrorBodyChars = 64 * 1024;
        private const int MaxRedirects = 5;

        /// <summary>No JSON answer comes near this; a larger one is not the API's, and is not read whole.</summary>
        internal const int MaxJsonBytes = 16 * 1024 * 1024;

        private readonly Func<Uri, HttpClient> _clientFor;
        private long _creates;

        public WwTransport(WwConnection connection) : this(connection, HttpClientCache.For)
        {
        }

        /// <summary>With a given HttpClient for every origin: for tests that put a scripted handler under it.</summary>
        internal WwTransport(WwConnection connection, HttpClient http) : this(connection, _ => http)
        {
        }

        private WwTransport(WwConnection connection, Func<Uri, HttpClient> clientFor)
        {
            Connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _clientFor = clientFor;
        }

        public WwConnection Connection { get; }

        /// <summary>Called after every attempt, on whatever thread finished it.</summary>
        public Action<RequestTrace>? Traced { get; set; }

        /// <summary>How failed requests are retried; <see cref="RetryPolicy.Default"/> unless a caller says otherwise.</summary>
        public RetryPolicy Retry { get; set; } = RetryPolicy.Default;

        /// <summary>The clock of the request timeouts, the deadlines, Retry-After dates and the retries' delays: tests give a fake one.</summary>
        internal TimeProvider Clock { get; set; } = TimeProvider.System;

        /// <summary>The retries' jitter: drawn from by concurrent requests, so a thread-safe one.</summary>
        internal Random Jitter { get; set; } = SharedJitter;

        private static readonly Random SharedJitter = new LockedRandom();

        /// <summary>Whether this command's failures are about one item or about the server (the fault model's classifier).</summary>
        public FailureStreak Streak { get; } = new FailureStreak();

        /// <summary>
        /// Sends a request whose answer is JSON, read in place from one buffer. Before <paramref name="deadline"/>, when
        /// one is given, retries end and each attempt times out: a silent server holds a call no longer than the caller can wait.
        /// </summary>
        public Task<T> SendAsync<T>(WwRequest request, BodyReader<T> read, CancellationToken cancellationToken, DateTimeOffset? deadline = null,
            Action<long>? progress = null) =>
            SendAsync(request, (response, _) => ReadJsonAsync(response, read, request), cancellationToken, deadline, progress);

        /// <summary>Sends a request and lets <paramref name="handle"/> read a successful answer while it is open.</summary>
        public async Task<T> SendAsync<T>(WwRequest request, ResponseHandler<T> handle, CancellationToken cancellationToken,
            DateTimeOffset? deadline = null, Action<long>? progress = null)
        {
            var uri = Resolve(request.Target);
            // What the classifier counts as one item: a resource read again is the same one; each create is its own.
            var item = request.Idempotent ? uri.AbsoluteUri : uri.AbsoluteUri + "#" + Interlocked.Increment(ref _creates).ToString(CultureInfo.InvariantCulture);
            for (var retry = 1; ; retry++)
            {
                var attempt = new Attempt(request.Method, uri) { WithKey = request.WithKey };
                var started = Clock.GetTimestamp();
                try
                {
                    var result = await SendOnceAsync(request, attempt, handle, progress, deadline, cancellationToken).ConfigureAwait(false);
                    Trace(attempt, Clock.GetElapsedTime(started));
                    Streak.Answered();
                    return result;
                }
                catch (WwApiException e)
                {
                    var delay = Retry.DelayBeforeRetry(retry, e, request.Idempotent, Jitter, Streak.Holds);
                    e.MayHaveActed = FailureRules.MayHaveActed(e, request.Idempotent);
                    // Never wait past the caller's deadline: better its own error now than a late one.
                    if (delay is TimeSpan d && deadline is DateTimeOffset end && Clock.GetUtcNow() + d >= end) delay = null;
                    Trace(attempt, Clock.GetElapsedTime(started), e, delay, retry);
                    if (delay is not TimeSpan wait)
                    {
                        Streak.Failed(item, e);
                        throw;
                    }
                    var sleep = Retry.Sleep ?? ((span, token) => Clock.Delay(span, token));
                    await sleep(wait, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    Trace(attempt, Clock.GetElapsedTime(started), note: "cancelled");
                    throw;
                }
            }
        }

        /// <summary>A target relative to the base URI (keeping any prefix it has), or an absolute URL as it is.</summary>
        public Uri Resolve(string target) =>
            Uri.TryCreate(target, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp)
                ? absolute
                : new Uri(Connection.BaseUri, target);

        /// <summary>True when <paramref name="target"/> is on the API's own origin: the only place the key goes.</summary>
        public bool IsApiOrigin(Uri target) => SameOrigin(target, Connection.BaseUri);

        /// <summary>What one attempt saw, for its trace: where it ended up, and how.</summary>
        private sealed class Attempt
        {
            public Attempt(HttpMethod method, Uri target)
            {
                Method = method;
                Target = target;
            }

            public HttpMethod Method;
            public Uri Target;
            public bool WithKey = true;
            public HttpStatusCode? Status;
            public string? Note;

            /// <summary>Where a redirect took the request without the key (another origin): its origin; null if none did.</summary>
            public string? WithheldAt;
        }

        private void Trace(Attempt attempt, TimeSpan elapsed, WwApiException? failure = null, TimeSpan? retryIn = null, int retry = 0, string? note = null) =>
            Traced?.Invoke(new RequestTrace(attempt.Method.Method, Shown(attempt), attempt.Status, elapsed,
                failure is { StatusCode: null } ? failure.Message : null, retryIn, retry, note ?? attempt.Note));

        /// <summary>
        /// How a target shows in a trace: the API's path and query; for a signed URL only where it is (its path and
        /// query are its credential); for another origin its scheme, host and path.
        /// </summary>
        private string Shown(Attempt attempt) =>
            !attempt.WithKey ? attempt.Target.GetLeftPart(UriPartial.Authority) + "/… (signed URL)"
            : IsApiOrigin(attempt.Target) ? attempt.Target.PathAndQuery
            : attempt.Target.GetLeftPart(UriPartial.Path) + (string.IsNullOrEmpty(attempt.Target.Query) ? string.Empty : "?…");

        /// <summary>
        /// Sends a GET and hands over its answer still open, once its head has come: the caller reads the body as it
        /// arrives (rows before the last byte) and disposes it. Retried like any GET until then; a failure while the
        /// body is read is the reader's, as a <see cref="WwApiException"/>. The timeout bounds each stall.
        /// </summary>
        public Task<OpenResponse> OpenAsync(WwRequest request, CancellationToken cancellationToken)
        {
            request.TimeoutIsIdle = true;
            request.KeepsResponse = true;
            return SendAsync(request, (response, transfer) => Task.FromResult(new OpenResponse(response, transfer, Connection.RequestTimeout)),
                cancellationToken);
        }

        private async Task<T> SendOnceAsync<T>(WwRequest request, Attempt attempt, ResponseHandler<T> handle,
            Action<long>? progress, DateTimeOffset? deadline, CancellationToken cancellationToken)
        {
            var timeout = AttemptTimeout(deadline);
            var transfer = new Transfer(cancellationToken, timeout, request.TimeoutIsIdle, progress, Clock);
            // Set once an OpenResponse owns the answer and its timer: then they outlive this method.
            var handedOver = false;
            var withKey = request.WithKey && IsApiOrigin(attempt.Target);
            var method = request.Method;
            var sendBody = true;
            try
            {
                for (var hop = 0; ; hop++)
                {
                    using var message = new HttpRequestMessage(method, attempt.Target);
                    if (withKey) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Connection.ApiKey.Reveal());
                    var accept = request.Accept ?? (withKey ? "application/json" : null);
                    if (accept != null) message.Headers.Accept.ParseAdd(accept);
                    if (request.HasHeaders)
                        foreach (var header in request.Headers) message.Headers.TryAddWithoutValidation(header.Key, header.Value);
                    if (sendBody && request.Body != null) message.Content = request.Body(transfer);
                    var response = await _clientFor(attempt.Target)
                        .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, transfer.Token).ConfigureAwait(false);
                    using var owned = new ResponseLease(response);
                    attempt.Status = response.StatusCode;
                    if (IsRedirect(response.StatusCode) && response.Headers.Location is Uri location)
                    {
                        if (hop >= MaxRedirects)
                            throw new WwApiException(WwErrorKind.RedirectRefused, string.Format(CultureInfo.InvariantCulture,
                                "The server redirected {0} {1} {2} times, to {3} last; WoodWide follows at most {2}, so it stopped there.",
                                request.Method, request.Target, MaxRedirects, location.IsAbsoluteUri ? location.GetLeftPart(UriPartial.Path) : location.OriginalString),
                                response.StatusCode, resource: request.Resource);
                        withKey = FollowRedirect(attempt, location, withKey);
                        // 303, and 301/302 after a POST, fetch the new place with GET; 307 and 308 repeat the request.
                        var code = (int)response.StatusCode;
                        if (code == 303 || ((code == 301 || code == 302) && method == HttpMethod.Post))
                        {
                            method = HttpMethod.Get;
                            sendBody = false;
                        }
                        attempt.Method = method;
                        continue;
                    }
                    if (!response.IsSuccessStatusCode)
                        throw await ToApiExceptionAsync(response, request.Resource, attempt).ConfigureAwait(false);
                    var result = await handle(response, transfer).ConfigureAwait(false);
                    handedOver = request.KeepsResponse;
                    if (handedOver) owned.Release();
                    return result;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var limit = string.Format(CultureInfo.InvariantCulture, "{0:0.#} s", timeout.TotalSeconds);
                throw new WwApiException(WwErrorKind.Timeout,
                    request.TimeoutIsIdle
                        ? $"The transfer with {attempt.Target.Authority} stalled: nothing moved for {limit}."
                        : $"No answer from {attempt.Target.Authority} within {limit}.",
                    attempt.Status, resource: request.Resource);
            }
            catch (HttpRequestException e)
            {
                // A connection never made is "could not reach"; one that broke after the request went out is not.
                var sent = FailureRules.WasSent(e);
                throw new WwApiException(WwErrorKind.Connection,
                    (sent ? $"The connection to {attempt.Target.Authority} broke before an answer: " : $"Could not reach {attempt.Target.Authority}: ")
                    + Innermost(e).Message,
                    attempt.Status, inner: e, resource: request.Resource, requestSent: sent);
            }
            catch (IOException e)
            {
                throw new WwApiException(WwErrorKind.Connection, $"The connection to {attempt.Target.Authority} failed: {e.Message}",
                    attempt.Status, inner: e, resource: request.Resource);
            }
            finally
            {
                if (!handedOver) transfer.Dispose();
            }
        }

        /// <summary>
        /// The request timeout, or the time left before the caller's deadline if that is shorter (never below a tenth of
        /// a second, so a request at the deadline still gets its look).
        /// </summary>
        private TimeSpan AttemptTimeout(DateTimeOffset? deadline)
        {
            var timeout = Connection.RequestTimeout;
            if (deadline is DateTimeOffset end)
            {
                var left = end - Clock.GetUtcNow();
                if (left < MinAttemptTimeout) left = MinAttemptTimeout;
                if (left < timeout) timeout = left;
            }
            return timeout;
        }

        private static readonly TimeSpan MinAttemptTimeout = TimeSpan.FromMilliseconds(100);

        /// <summary>Disposes an answer when the attempt is over, unless it was handed over still open.</summary>
        private sealed class ResponseLease : IDisposable
        {
            private HttpResponseMessage? _response;

            public ResponseLease(HttpResponseMessage response) => _response = response;

            public void Release() => _response = null;

            public void Dispose() => _response?.Dispose();
        }

        private static bool IsRedirect(HttpStatusCode status) =>
            status == HttpStatusCode.MovedPermanently || status == HttpStatusCode.Found || status == HttpStatusCode.SeeOther
            || status == HttpStatusCode.TemporaryRedirect || (int)status == 308;

        /// <summary>
        /// Follows a redirect by hand: the key goes along only while the target stays on the API's own origin, and
        /// never over plain http to another machine. (Automatic redirects are off: .NET Framework would carry it.)
        /// </summary>
        private bool FollowRedirect(Attempt attempt, Uri location, bool withKey)
        {
            var next = location.IsAbsoluteUri ? location : new Uri(attempt.Target, location);
            if (WwConnection.Validate(next) is var (_, problem))
                throw new WwApiException(WwErrorKind.RedirectRefused,
                    $"The server redirected {attempt.Method} {Shown(attempt)} to a place WoodWide will not go, so it was not followed: {problem}",
                    attempt.Status);
            var keep = withKey && SameOrigin(attempt.Target, next);
            if (withKey && !keep) attempt.WithheldAt = next.GetLeftPart(UriPartial.Authority);
            attempt.Note = keep ? $"redirected to {next.AbsolutePath}" : $"redirected to {next.GetLeftPart(UriPartial.Path)}, without the key";
            attempt.Target = next;
            return keep;
        }

        private static bool SameOrigin(Uri a, Uri b) =>
            a.Port == b.Port && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase);

        private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, BodyReader<T> read, WwRequest request)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var bytes = await ReadLimitedAsync(response, request).ConfigureAwait(false);
            if (mediaType != null && mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0)
                throw new WwApiException(WwErrorKind.InvalidResponse, string.Format(CultureInfo.InvariantCulture,
                    "The server answered {0} with {1} ({2} bytes), not JSON. Is -BaseUri the Wood Wide API, or is a proxy in the way?",
                    (int)response.StatusCode, mediaType, bytes.Count), response.StatusCode, resource: request.Resource);
            try
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(bytes.Array, bytes.Offset, bytes.Count),
                    new JsonReaderOptions { MaxDepth = 64 });
                if (!reader.Read()) throw new JsonException("The body is empty.");
                return read(ref reader);
            }
            catch (JsonException e)
            {
                // The reader's own messages name JSON tokens and line numbers; where it says where, say that plainly.
                var why = e.BytePositionInLine is long at
                    ? string.Format(CultureInfo.InvariantCulture, "its JSON is cut off or malformed at byte {0} of {1}.", at + 1, bytes.Count)
                    : e.Message;
                throw new WwApiException(WwErrorKind.InvalidResponse,
                    $"The server's answer is not {request.Subject} as the API documents it: {why}", response.StatusCode,
                    inner: e, resource: request.Resource);
            }
        }

        /// <summary>
        /// The body, up to <see cref="MaxJsonBytes"/>, read straight into the buffer it is parsed in. Sized from
        /// Content-Length when the server sends one (a byte more, so the read that finds the end needs no room made);
        /// otherwise the buffer doubles as the body comes.
        /// </summary>
        private static async Task<ArraySegment<byte>> ReadLimitedAsync(HttpResponseMessage response, WwRequest request)
        {
            var length = response.Content.Headers.ContentLength;
            if (length > MaxJsonBytes) throw TooLarge(response, request);
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[length is long known ? known + 1 : 4096];
            var filled = 0;
            while (true)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxJsonBytes + 1));
                var read = await stream.ReadAsync(buffer, filled, buffer.Length - filled).ConfigureAwait(false);
                if (read == 0) break;
                filled += read;
                if (filled > MaxJsonBytes) throw TooLarge(response, request);
            }
            return new ArraySegment<byte>(buffer, 0, filled);
        }

        private static WwApiException TooLarge(HttpResponseMessage response, WwRequest request) =>
            new WwApiException(WwErrorKind.InvalidResponse, string.Format(CultureInfo.InvariantCulture,
                "The server's answer is larger than {0} MiB: not {1} as the API documents it.", MaxJsonBytes / (1024 * 1024), request.Subject),
                response.StatusCode, resource: request.Resource);

        private async Task<WwApiException> ToApiExceptionAsync(HttpResponseMessage response, ApiResource resource, Attempt attempt)
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
            var statusLine = string.Format(CultureInfo.InvariantCulture, "{0} {1}", code,
                string.IsNullOrEmpty(response.ReasonPhrase) ? response.StatusCode.ToString() : response.ReasonPhrase);
            var message = detail != null
                ? $"{detail} (HTTP {statusLine})"
                : body != null && body.TrimStart().StartsWith("<", StringComparison.Ordinal)
                    ? $"HTTP {statusLine}, with an HTML page instead of the API's JSON: a proxy, a gateway or another web server answered."
                    : $"HTTP {statusLine}.";
            // A 404 without the API's own word for it (no detail, or the framework's bare "Not Found" for a path it has
            // no route for) is about the path, not the job: most likely -BaseUri is not the API.
            if (code == 404 && (detail is null || string.Equals(detail, "Not Found", StringComparison.OrdinalIgnoreCase)))
                resource = ApiResource.Path;
            var kind = KindOf(code);
            if (attempt.WithheldAt is string origin)
            {
                // The answer is another origin's, to a request that came without the key: that is the story, not the key.
                var api = Connection.BaseUri.GetLeftPart(UriPartial.Authority);
                var refused = kind == WwErrorKind.Authentication || kind == WwErrorKind.PermissionDenied;
                message = $"The server redirected the request to {origin}, another origin than the API's ({api}); the API key was withheld there, " +
                    $"as it goes to the API's origin only, and {origin} answered: {message}";
                if (refused) kind = WwErrorKind.RedirectRefused;
            }
            return new WwApiException(kind, message, response.StatusCode, detail, RetryAfter(response), resource: resource);
        }

        internal static WwErrorKind KindOf(int code) => code switch
        {
            400 or 413 or 422 => WwErrorKind.InvalidRequest,
            401 => WwErrorKind.Authentication,
            402 => WwErrorKind.QuotaExceeded,
            403 => WwErrorKind.PermissionDenied,
            404 => WwErrorKind.NotFound,
            409 => WwErrorKind.Conflict,
            429 => WwErrorKind.RateLimited,
            >= 500 and <= 599 => WwErrorKind.ServerError,
            _ => WwErrorKind.UnexpectedStatus,
        };

        private TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var header = response.Headers.RetryAfter;
            if (header is null) return null;
            if (header.Delta is TimeSpan delta) return delta;
            if (header.Date is DateTimeOffset date)
            {
                var wait = date - Clock.GetUtcNow();
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
}
