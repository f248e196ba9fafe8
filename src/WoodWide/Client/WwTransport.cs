using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace WoodWide.Client
{
    /// <summary>
    /// The one way WoodWide talks HTTP, under every request. Knows nothing of PowerShell or of the API's resources; the
    /// per-resource clients (<see cref="JobsClient"/>) say what to send and how to read it. A call goes through small
    /// stages, one rule each, in Client/Transport:
    /// <list type="number">
    /// <item><see cref="StreakStage"/>: the fault model's classifier (a failure about one item, or about the server).</item>
    /// <item><see cref="RetryStage"/>: what is retried and when, and the trace of each attempt (<see cref="AttemptTrace"/>).</item>
    /// <item><see cref="AttemptStage"/>: one attempt's time limit, and what broke as a <see cref="WwApiException"/>.</item>
    /// <item><see cref="StatusStage"/>: what an answer that is not a success means.</item>
    /// <item><see cref="RedirectStage"/>: redirects, followed by hand.</item>
    /// <item><see cref="MessageStage"/>: the message of each hop, with the request's headers and body.</item>
    /// <item><see cref="ApiKeyStage"/>: where the key is added (the API's own origin only).</item>
    /// <item><see cref="SendStage"/>: the send, on one HttpClient per origin.</item>
    /// </list>
    /// A JSON answer is read by <see cref="JsonAnswer"/>.
    /// </summary>
    public sealed class WwTransport
    {
        private readonly ApiOrigin _api;
        private readonly StreakStage _streakStage;
        private readonly RetryStage _retryStage;
        private readonly AttemptStage _attemptStage;

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
            _api = new ApiOrigin(connection.BaseUri);
            _streakStage = new StreakStage(Streak);
            _retryStage = new RetryStage(this);
            _attemptStage = new AttemptStage(new StageChain(new SendStage(clientFor).SendAsync,
                new StatusStage(), new RedirectStage(), new MessageStage(), new ApiKeyStage(connection.ApiKey)));
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

        /// <summary>The pace of this command's requests once the server has answered one with a 429 (none before).</summary>
        public SharedPace Pace { get; } = new SharedPace();

        /// <summary>Whether this command's failures are about one item or about the server (the fault model's classifier).</summary>
        public FailureStreak Streak { get; } = new FailureStreak();

        /// <summary>
        /// Sends a request whose answer is JSON, read in place from one buffer. Before <paramref name="deadline"/>, when
        /// one is given, retries end and each attempt times out: a silent server holds a call no longer than the caller can wait.
        /// </summary>
        public Task<T> SendAsync<T>(WwRequest request, BodyReader<T> read, CancellationToken cancellationToken, DateTimeOffset? deadline = null,
            Action<long>? progress = null) =>
            SendAsync(request, (response, _) => JsonAnswer.ReadAsync(response, read, request), cancellationToken, deadline, progress);

        /// <summary>Sends a request and lets <paramref name="handle"/> read a successful answer while it is open.</summary>
        public Task<T> SendAsync<T>(WwRequest request, ResponseHandler<T> handle, CancellationToken cancellationToken,
            DateTimeOffset? deadline = null, Action<long>? progress = null)
        {
            var target = Resolve(request.Target);
            return _streakStage.RunAsync(request, target, () => _retryStage.RunAsync(request,
                exchange => _attemptStage.RunAsync(exchange, handle, cancellationToken),
                () =>
                {
                    var timeout = AttemptStage.Timeout(Connection.RequestTimeout, deadline, Clock);
                    return new Exchange(request, target, _api, new Transfer(cancellationToken, timeout, request.TimeoutIsIdle, progress, Clock), timeout, Clock);
                },
                deadline, cancellationToken));
        }

        /// <summary>A target relative to the base URI (keeping any prefix it has), or an absolute URL as it is.</summary>
        public Uri Resolve(string target) =>
            Uri.TryCreate(target, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp)
                ? absolute
                : new Uri(Connection.BaseUri, target);

        /// <summary>True when <paramref name="target"/> is on the API's own origin: the only place the key goes.</summary>
        public bool IsApiOrigin(Uri target) => _api.Is(target);

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
    }
}
