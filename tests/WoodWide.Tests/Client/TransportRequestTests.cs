using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WoodWide.Client;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Client;

/// <summary>
/// The transport under every request: any method, bodies made again for each attempt, the key only to the API's
/// origin, and the rule that a request that creates something is sent again only when the server cannot have acted.
/// Delays are recorded, never slept; timeouts run on a fake clock.
/// </summary>
public class TransportRequestTests
{
    private readonly List<TimeSpan> _slept = new();
    private readonly List<string> _bodies = new();

    private RetryPolicy Recording => new() { Sleep = (d, _) => { _slept.Add(d); return Task.CompletedTask; } };

    /// <summary>A handler that answers each request in turn from the list (the last one for ever) and keeps each body it got.</summary>
    private ScriptedHandler Answers(params Func<HttpResponseMessage>[] answers)
    {
        var queue = new Queue<Func<HttpResponseMessage>>(answers);
        return new ScriptedHandler(async (request, _) =>
        {
            if (request.Content != null) _bodies.Add(await request.Content.ReadAsStringAsync());
            return (queue.Count > 1 ? queue.Dequeue() : queue.Peek())();
        });
    }

    private static Func<HttpResponseMessage> Status(int code, string? retryAfter = null) => () =>
    {
        var response = new HttpResponseMessage((HttpStatusCode)code) { Content = new StringContent("{\"ok\":" + (code < 300 ? "true" : "false") + "}", Encoding.UTF8, "application/json") };
        if (retryAfter != null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    };

    private static Func<HttpResponseMessage> Throws(Exception e) => () => throw e;

    /// <summary>A connection that broke after the request went out: the server may have acted on it.</summary>
    private static readonly Exception Reset = new HttpRequestException("Error while copying content", new IOException("Connection reset by peer"));

    /// <summary>A connection that was never made: the server cannot have acted on it.</summary>
    private static readonly Exception Refused = new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused));

    private static bool ReadOk(ref System.Text.Json.Utf8JsonReader reader)
    {
        reader.Read();
        reader.Read();
        return reader.GetBoolean();
    }

    private static WwRequest Post(string target = "datasets") =>
        new(HttpMethod.Post, target, ApiResource.Dataset, "a dataset") { Body = _ => new StringContent("{\"name\":\"churn\"}", Encoding.UTF8, "application/json") };

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Sends_any_method_with_its_body(string method)
    {
        var handler = Answers(Status(200));
        var transport = TestClients.Transport(new HttpClient(handler), RetryPolicy.None);
        var request = new WwRequest(new HttpMethod(method), "models/1", ApiResource.Model, "a model") { Body = _ => new StringContent("{\"x\":1}") };

        Assert.True(await transport.SendAsync(request, ReadOk, CancellationToken.None));

        Assert.Equal(method, Assert.Single(handler.Requests).Method.Method);
        Assert.Equal("{\"x\":1}", Assert.Single(_bodies));
    }

    [Fact]
    public async Task Makes_the_body_again_for_each_attempt()
    {
        var made = 0;
        var handler = Answers(Status(503), Status(200));
        var transport = TestClients.Transport(new HttpClient(handler), Recording);
        var request = new WwRequest(HttpMethod.Put, "models/1", ApiResource.Model, "a model")
        {
            Body = _ => new StringContent($"{{\"made\":{++made}}}"),
        };

        await transport.SendAsync(request, ReadOk, CancellationToken.None);

        Assert.Equal(new[] { "{\"made\":1}", "{\"made\":2}" }, _bodies);
    }

    [Fact]
    public async Task Sends_the_key_and_asks_for_json_only_on_the_apis_origin()
    {
        var handler = Answers(Status(200));
        var transport = TestClients.Transport(new HttpClient(handler), RetryPolicy.None);
        var signed = "https://storage.test.invalid/bucket/file.csv?signature=abc";

        await transport.SendAsync(WwRequest.Get("jobs", ApiResource.JobList, "a job list"), ReadOk, CancellationToken.None);
        await transport.SendAsync(new WwRequest(HttpMethod.Put, signed, ApiResource.Path, "an upload") { Body = _ => new StringContent("a,b") },
            (response, _) => Task.FromResult(response.StatusCode), CancellationToken.None);

        var api = handler.Requests[0];
        Assert.Equal(TestKeys.Secret, api.Headers.Authorization?.Parameter);
        Assert.Equal("application/json", Assert.Single(api.Headers.Accept).MediaType);
        var storage = handler.Requests[1];
        Assert.Equal(signed, storage.RequestUri!.AbsoluteUri);
        Assert.Null(storage.Headers.Authorization);
        Assert.Empty(storage.Headers.Accept);
    }

    [Fact]
    public async Task Never_takes_the_key_to_a_look_alike_origin()
    {
        var handler = Answers(Status(200));
        var transport = TestClients.Transport(new HttpClient(handler), RetryPolicy.None);

        // Same host, another port or scheme: another origin.
        foreach (var target in new[] { "https://api.test.invalid:8443/x", "https://api.test.invalid.evil.test/x" })
            await transport.SendAsync(new WwRequest(HttpMethod.Get, target, ApiResource.Path, "an answer"), ReadOk, CancellationToken.None);

        Assert.All(handler.Requests, r => Assert.Null(r.Headers.Authorization));
    }

    [Theory]
    [MemberData(nameof(MayHaveActed))]
    public async Task Never_sends_a_post_again_when_the_server_may_have_acted(string what, Func<HttpResponseMessage> failure)
    {
        var handler = Answers(failure, Status(200));
        var transport = TestClients.Transport(new HttpClient(handler), Recording);

        var error = await Assert.ThrowsAsync<WwApiException>(() => transport.SendAsync(Post(), ReadOk, CancellationToken.None));

        Assert.Single(handler.Requests);
        Assert.Empty(_slept);
        Assert.True(error.RequestSent, what);
    }

    public static TheoryData<string, Func<HttpResponseMessage>> MayHaveActed() => new()
    {
        { "a reset after sending", Throws(Reset) },
        { "500", Status(500) },
        { "502", Status(502) },
        { "504", Status(504) },
        { "503 without Retry-After", Status(503) },
    };

    [Theory]
    [MemberData(nameof(DidNotAct))]
    public async Task Sends_a_post_again_when_the_server_surely_did_not_act(string what, Func<HttpResponseMessage> failure)
    {
        var handler = Answers(failure, Status(200));
        var transport = TestClients.Transport(new HttpClient(handler), Recording);

        Assert.True(await transport.SendAsync(Post(), ReadOk, CancellationToken.None), what);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(2, _bodies.Count);
    }

    public static TheoryData<string, Func<HttpResponseMessage>> DidNotAct() => new()
    {
        { "429", Status(429) },
        { "503 with Retry-After", Status(503, "1") },
        { "a connection that was never made", Throws(Refused) },
    };

    [Fact]
    public async Task Sends_a_post_with_an_idempotency_key_again_like_a_get_with_the_same_key()
    {
        var handler = Answers(Throws(Reset), Status(503), Status(200));
        var transport = TestClients.Transport(new HttpClient(handler), Recording);
        var request = Post("datasets/upload");
        request.Idempotent = true;
        request.Headers["Idempotency-Key"] = "k-123";

        Assert.True(await transport.SendAsync(request, ReadOk, CancellationToken.None));

        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("k-123", Assert.Single(r.Headers.GetValues("Idempotency-Key"))));
    }

    [Fact]
    public void Tells_a_connection_never_made_from_one_that_broke()
    {
        Assert.False(FailureRules.WasSent((HttpRequestException)Refused));
        Assert.True(FailureRules.WasSent((HttpRequestException)Reset));
    }

    /// <summary>A transport with a 10-s request timeout on a fake clock, and no retries.</summary>
    private static (WwTransport, FakeTimeProvider) TimedTransport()
    {
        var clock = new FakeTimeProvider();
        var transport = new WwTransport(TestKeys.Connection(timeout: TimeSpan.FromSeconds(10)), new HttpClient(new ScriptedHandler(HttpStatusCode.OK, "{}")))
        {
            Retry = RetryPolicy.None, Clock = clock,
        };
        return (transport, clock);
    }

    [Fact]
    public async Task Ends_a_stalled_transfer_at_the_idle_timeout_but_not_one_that_moves()
    {
        var (transport, clock) = TimedTransport();
        var request = new WwRequest(HttpMethod.Get, "results/1", ApiResource.Result, "a result") { TimeoutIsIdle = true };
        var stall = new TaskCompletionSource();

        // A download that moves a chunk every 5 s for a minute, six times the timeout, then stalls.
        var call = transport.SendAsync(request, async (_, transfer) =>
        {
            for (var i = 0; i < 12; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(5));
                transfer.Report(1024);
                Assert.False(transfer.Token.IsCancellationRequested);
            }
            clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(Timeout.Infinite, transfer.Token);
            return 0;
        }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<WwApiException>(() => call);
        Assert.Equal(WwErrorKind.Timeout, error.Kind);
        Assert.Contains("stalled", error.Message);
    }

    [Fact]
    public async Task Bounds_the_whole_exchange_when_the_timeout_is_not_idle()
    {
        var (transport, clock) = TimedTransport();

        var call = transport.SendAsync(WwRequest.Get("jobs", ApiResource.JobList, "a job list"), async (_, transfer) =>
        {
            for (var i = 0; i < 3; i++)
            {
                clock.Advance(TimeSpan.FromSeconds(5));
                transfer.Report(1024);
            }
            await Task.Delay(Timeout.Infinite, transfer.Token);
            return 0;
        }, CancellationToken.None);

        var error = await Assert.ThrowsAsync<WwApiException>(() => call);
        Assert.Equal(WwErrorKind.Timeout, error.Kind);
        Assert.Contains("No answer from", error.Message);
    }
}
