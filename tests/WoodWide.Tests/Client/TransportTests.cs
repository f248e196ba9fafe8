using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using WoodWide.Client;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Client;

public class TransportTests
{
    private static readonly Guid Id = Guid.Parse(JobDocuments.JobId);

    /// <summary>The delays the client asked to wait out; recorded, not slept.</summary>
    private readonly List<TimeSpan> _slept = new();

    private (JobsClient Client, ScriptedHandler Handler, List<RequestTrace> Traces) Build(
        ScriptedHandler handler, string baseUri = "https://api.test.invalid/prefix", TimeSpan? timeout = null, bool retry = false,
        TimeProvider? clock = null)
    {
        var traces = new List<RequestTrace>();
        var policy = new RetryPolicy
        {
            MaxRetries = retry ? RetryPolicy.Default.MaxRetries : 0,
            MaxServerErrorRetries = retry ? RetryPolicy.Default.MaxServerErrorRetries : 0,
            Sleep = (delay, _) => { _slept.Add(delay); return Task.CompletedTask; },
        };
        var client = TestClients.Jobs(new HttpClient(handler), policy, traces.Add, TestKeys.Connection(baseUri, timeout), clock);
        return (client, handler, traces);
    }

    [Fact]
    public async Task Gets_a_job_with_the_bearer_key_under_the_base_path()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2020, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var (client, handler, _) = Build(new ScriptedHandler(HttpStatusCode.OK, JobDocuments.FullTrain), clock: clock);

        var job = await client.GetAsync(Id, CancellationToken.None);

        Assert.Equal(Id, job.JobId);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.test.invalid/prefix/jobs/" + JobDocuments.JobId, request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer", request.Headers.Authorization!.Scheme);
        Assert.Equal(TestKeys.Secret, request.Headers.Authorization.Parameter);
        // Stamped when it was retrieved, by the transport's clock.
        Assert.Equal(clock.GetUtcNow(), job.RetrievedAt);
    }

    [Theory]
    [InlineData(400, WwErrorKind.InvalidRequest)]
    [InlineData(401, WwErrorKind.Authentication)]
    [InlineData(402, WwErrorKind.QuotaExceeded)]
    [InlineData(403, WwErrorKind.PermissionDenied)]
    [InlineData(404, WwErrorKind.NotFound)]
    [InlineData(409, WwErrorKind.Conflict)]
    [InlineData(422, WwErrorKind.InvalidRequest)]
    [InlineData(429, WwErrorKind.RateLimited)]
    [InlineData(500, WwErrorKind.ServerError)]
    [InlineData(503, WwErrorKind.ServerError)]
    [InlineData(418, WwErrorKind.UnexpectedStatus)]
    public async Task Maps_each_status_to_its_kind_with_the_apis_detail(int status, WwErrorKind kind)
    {
        var (client, _, _) = Build(new ScriptedHandler((HttpStatusCode)status, "{\"detail\":\"Told you so\"}"));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(kind, error.Kind);
        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal("Told you so", error.Detail);
        Assert.Contains("Told you so", error.Message);
        Assert.Contains(status.ToString(), error.Message);
    }

    [Fact]
    public async Task Flattens_a_validation_detail_list()
    {
        var body = "{\"detail\":[{\"type\":\"uuid_parsing\",\"loc\":[\"path\",\"job_id\"],\"msg\":\"Input should be a valid UUID\"},{\"loc\":[\"query\",\"limit\"],\"msg\":\"too big\"}]}";
        var (client, _, _) = Build(new ScriptedHandler((HttpStatusCode)422, body));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal("path.job_id: Input should be a valid UUID; query.limit: too big", error.Detail);
    }

    [Fact]
    public async Task Says_when_an_error_page_is_html_from_a_proxy()
    {
        var (client, _, _) = Build(new ScriptedHandler(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>", "text/html"));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(WwErrorKind.ServerError, error.Kind);
        Assert.Contains("HTML", error.Message);
        Assert.Null(error.Detail);
    }

    [Fact]
    public async Task Refuses_a_successful_answer_that_is_not_json()
    {
        var (client, _, _) = Build(new ScriptedHandler(HttpStatusCode.OK, "<html>Sign in</html>", "text/html"));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(WwErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("text/html", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reads_a_body_whole_with_or_without_its_length(bool sendLength)
    {
        // Padded past the first buffer's 4 KB, so a body without a length makes the buffer grow.
        var body = JobDocuments.FullTrain.TrimEnd().TrimEnd('}') + ",\"pad\":\"" + new string('x', 10_000) + "\"}";
        var (client, _, _) = Build(new ScriptedHandler((_, _) => Task.FromResult(
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new Body(Encoding.UTF8.GetBytes(body), sendLength) })));

        var job = await client.GetAsync(Id, CancellationToken.None);

        Assert.Equal(10_000, ((string)job.AdditionalProperties["pad"]!).Length);
        Assert.Equal(42.5, job.Progress);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Refuses_a_body_over_16_MiB_with_or_without_its_length(bool sendLength)
    {
        var (client, _, _) = Build(new ScriptedHandler((_, _) => Task.FromResult(
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new Body(new byte[JsonAnswer.MaxJsonBytes + 1], sendLength) })));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(WwErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("larger than 16 MiB", error.Message);
    }

    /// <summary>A JSON body that tells its length or not (as a chunked answer does not).</summary>
    private sealed class Body : HttpContent
    {
        private readonly byte[] _bytes;
        private readonly bool _sendLength;

        public Body(byte[] bytes, bool sendLength)
        {
            _bytes = bytes;
            _sendLength = sendLength;
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(_bytes, 0, _bytes.Length);

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return _sendLength;
        }
    }

    [Theory]
    [InlineData("{\"job_id\":\"6f1c2a9e-3b7d-4e21-9a55-0c8d1e2f3a40\",\"status\":")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"job_id\":\"6f1c2a9e-3b7d-4e21-9a55-0c8d1e2f3a40\",\"progress\":\"much\"}")]
    public async Task Turns_a_malformed_body_into_an_invalid_response(string body)
    {
        var (client, _, _) = Build(new ScriptedHandler(HttpStatusCode.OK, body));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(WwErrorKind.InvalidResponse, error.Kind);
    }

    [Fact]
    public async Task Reads_retry_after_in_seconds()
    {
        var (client, _, _) = Build(new ScriptedHandler((HttpStatusCode)429, "{\"detail\":\"slow down\"}",
            tweak: r => r.Headers.Add("Retry-After", "7")));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task Reads_retry_after_as_a_date()
    {
        var when = DateTimeOffset.UtcNow.AddSeconds(30);
        var (client, _, _) = Build(new ScriptedHandler(HttpStatusCode.ServiceUnavailable, "{}",
            tweak: r => r.Headers.Add("Retry-After", when.ToString("R"))));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.InRange(error.RetryAfter!.Value.TotalSeconds, 20, 31);
    }

    [Fact]
    public async Task Ends_a_hung_request_at_the_request_timeout()
    {
        var handler = new ScriptedHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        var (client, _, traces) = Build(handler, timeout: TimeSpan.FromMilliseconds(50));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(WwErrorKind.Timeout, error.Kind);
        Assert.Contains("No answer from", Assert.Single(traces).Failure);
    }

    [Fact]
    public async Task Lets_the_callers_cancellation_through_as_cancellation()
    {
        var handler = new ScriptedHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        });
        var (client, _, _) = Build(handler);
        using var cancel = new CancellationTokenSource();

        var call = client.GetAsync(Id, cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task Reports_a_refused_connection_as_a_connection_failure()
    {
        var traces = new List<RequestTrace>();
        var client = TestClients.Jobs(new HttpClient(), RetryPolicy.None, traces.Add, TestKeys.Connection(ClosedPort.BaseUri()));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(WwErrorKind.Connection, error.Kind);
        Assert.Contains("127.0.0.1", error.Message);
        Assert.False(error.RequestSent);
        // The verbose line says what went wrong in words, not just a kind.
        Assert.Matches(@"^GET /jobs/\S+ -> Could not reach 127\.0\.0\.1:\d+: .+ \(\d+ ms\)$", Assert.Single(traces).ToString());
    }

    [Fact]
    public async Task Traces_method_path_and_status_but_never_the_key()
    {
        var (client, _, traces) = Build(new ScriptedHandler(HttpStatusCode.NotFound, "{\"detail\":\"Job not found\"}"));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        var line = Assert.Single(traces).ToString();
        Assert.StartsWith("GET /prefix/jobs/" + JobDocuments.JobId + " -> 404 Not Found", line);
        Assert.DoesNotContain(TestKeys.Secret, line);
        Assert.DoesNotContain(TestKeys.Secret, error.ToString());
    }

    [Fact]
    public async Task Lists_with_filters_then_follows_the_cursor()
    {
        var item = "{\"job_id\":\"" + JobDocuments.JobId + "\",\"status\":\"failed\"}";
        var answers = new Queue<string>(new[]
        {
            "{\"items\":[" + item + "],\"next_cursor\":\"c2\"}",
            "{\"items\":[" + item + "],\"next_cursor\":null}",
        });
        var handler = new ScriptedHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(answers.Dequeue(), System.Text.Encoding.UTF8, "application/json"),
        }));
        var (client, _, _) = Build(handler);
        var query = new JobListQuery { Status = "failed", Type = "train", Limit = 5 };

        var first = await client.ListAsync(query, null, CancellationToken.None);
        var second = await client.ListAsync(query, first, CancellationToken.None);

        Assert.Equal("/prefix/jobs?status=failed&type=train&limit=5", handler.Requests[0].RequestUri!.PathAndQuery);
        Assert.Equal("/prefix/jobs?status=failed&type=train&limit=5&cursor=c2", handler.Requests[1].RequestUri!.PathAndQuery);
        Assert.False(second.HasNext);
    }

    [Fact]
    public async Task Follows_a_relative_next_link_from_the_api_root()
    {
        var item = "{\"job_id\":\"" + JobDocuments.JobId + "\"}";
        var handler = new ScriptedHandler(HttpStatusCode.OK, "{\"items\":[" + item + "],\"next\":\"jobs?page=2\"}");
        var (client, _, _) = Build(handler);

        var first = await client.ListAsync(new JobListQuery(), null, CancellationToken.None);
        await client.ListAsync(new JobListQuery(), first, CancellationToken.None);

        Assert.Equal("/prefix/jobs?page=2", handler.Requests[1].RequestUri!.PathAndQuery);
    }

    [Fact]
    public void Keeps_one_http_client_per_base_uri()
    {
        var a = HttpClientCache.For(new Uri("https://one.test.invalid/"));
        var b = HttpClientCache.For(new Uri("https://ONE.test.invalid/"));
        var c = HttpClientCache.For(new Uri("https://two.test.invalid/"));

        Assert.Same(a, b);
        Assert.NotSame(a, c);
    }

    [Theory]
    [InlineData("<html><body><h1>404 File not found</h1></body></html>", "text/html", ApiResource.Path)]
    [InlineData("{\"detail\":\"Not Found\"}", "application/json", ApiResource.Path)]
    [InlineData("{\"detail\":\"Job not found\"}", "application/json", ApiResource.Job)]
    public async Task Takes_a_404_without_the_apis_own_word_for_a_wrong_path(string body, string type, ApiResource resource)
    {
        var (client, _, _) = Build(new ScriptedHandler(HttpStatusCode.NotFound, body, type));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(resource, error.Resource);
    }

    [Fact]
    public async Task Says_plainly_where_a_cut_off_answer_ends()
    {
        var (client, _, _) = Build(new ScriptedHandler(HttpStatusCode.OK, "{\"job_id\":\"" + JobDocuments.JobId + "\",\"status\":\"runn"));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Matches(@"its JSON is cut off or malformed at byte \d+ of \d+\.$", error.Message);
        Assert.DoesNotContain("LineNumber", error.Message);
    }
}
