using System.Net;
using System.Net.Http;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WoodWide.Client;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Client;

/// <summary>The client's retry policy over a scripted handler; delays are recorded, never slept.</summary>
public class RetryTests
{
    private static readonly Guid Id = Guid.Parse(JobDocuments.JobId);
    private readonly List<TimeSpan> _slept = new();

    /// <summary>The transport's clock: Retry-After dates and deadlines are read from it, never from the machine's.</summary>
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private (JobsClient, ScriptedHandler, List<RequestTrace>) Build(params Func<HttpResponseMessage>[] answers)
    {
        var queue = new Queue<Func<HttpResponseMessage>>(answers);
        var handler = new ScriptedHandler((_, _) => Task.FromResult(queue.Count > 1 ? queue.Dequeue()() : queue.Peek()()));
        var traces = new List<RequestTrace>();
        // A delay moves the fake clock on, as time would pass: a Retry-After's pause is over when the retry goes.
        var policy = new RetryPolicy { Sleep = (d, _) => { _slept.Add(d); _clock.Advance(d); return Task.CompletedTask; } };
        return (TestClients.Jobs(new HttpClient(handler), policy, traces.Add, clock: _clock), handler, traces);
    }

    private static Func<HttpResponseMessage> Status(int code, string? retryAfter = null) => () =>
    {
        var response = new HttpResponseMessage((HttpStatusCode)code) { Content = new StringContent("{\"detail\":\"status " + code + "\"}", Encoding.UTF8, "application/json") };
        if (retryAfter != null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        return response;
    };

    private static readonly Func<HttpResponseMessage> Ok = () =>
        new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(JobDocuments.FullTrain, Encoding.UTF8, "application/json") };

    [Fact]
    public void A_policy_cannot_be_changed_once_made_so_the_shared_default_stays_the_default()
    {
        foreach (var property in typeof(RetryPolicy).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance))
        {
            var setter = property.SetMethod;
            if (setter is null) continue;
            var initOnly = setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
            Assert.True(initOnly, $"RetryPolicy.{property.Name} can be set after the policy is made.");
        }
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(500)]
    public async Task Recovers_from_a_passing_failure(int code)
    {
        var (client, handler, traces) = Build(Status(code), Ok);

        var job = await client.GetAsync(Id, CancellationToken.None);

        Assert.Equal(Id, job.JobId);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(1, traces[0].Retry);
        Assert.Contains("retry 1 in", traces[0].ToString());
        Assert.Null(traces[1].RetryIn);
    }

    [Theory]
    [InlineData(503, 4)]
    [InlineData(429, 4)]
    [InlineData(500, 2)]
    public async Task Gives_up_after_a_bounded_number_of_tries(int code, int requests)
    {
        var (client, handler, _) = Build(Status(code));

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal((HttpStatusCode)code, error.StatusCode);
        Assert.Equal(requests, handler.Requests.Count);
        Assert.Contains($"status {code}", error.Message);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(402)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    [InlineData(501)]
    public async Task Never_retries_what_would_fail_again(int code)
    {
        var (client, handler, _) = Build(Status(code), Ok);

        await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Single(handler.Requests);
        Assert.Empty(_slept);
    }

    [Fact]
    public async Task Backs_off_exponentially_with_jitter()
    {
        var (client, _, _) = Build(Status(503));

        await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(3, _slept.Count);
        Assert.InRange(_slept[0].TotalSeconds, 0.4, 0.6);
        Assert.InRange(_slept[1].TotalSeconds, 0.8, 1.2);
        Assert.InRange(_slept[2].TotalSeconds, 1.6, 2.4);
    }

    [Fact]
    public async Task Waits_as_long_as_retry_after_says_in_seconds()
    {
        var (client, _, _) = Build(Status(429, "3"), Ok);

        await client.GetAsync(Id, CancellationToken.None);

        Assert.Equal(new[] { TimeSpan.FromSeconds(3) }, _slept);
    }

    [Fact]
    public async Task After_a_429_the_commands_next_request_waits_its_turn_at_the_pace_the_server_allowed()
    {
        // One request answered in the second before the 429: a pace of 1 a second from then on, for every request of
        // the command (its transport), not only the one that met it.
        var (client, handler, _) = Build(Ok, Status(429, "2"), Ok);

        await client.GetAsync(Id, CancellationToken.None);
        await client.GetAsync(Id, CancellationToken.None);
        await client.GetAsync(Id, CancellationToken.None);

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1) }, _slept);
    }

    [Fact]
    public async Task Says_in_the_verbose_line_of_the_request_that_takes_the_first_turn_at_what_pace_the_commands_requests_now_go()
    {
        var (client, _, traces) = Build(Ok, Status(429, "2"), Ok);

        await client.GetAsync(Id, CancellationToken.None);
        await client.GetAsync(Id, CancellationToken.None);
        await client.GetAsync(Id, CancellationToken.None);

        Assert.Equal(4, traces.Count);
        Assert.DoesNotContain("a second", traces[1].ToString());
        Assert.EndsWith("; the server limits the rate, so this command's requests now go at 1 a second", traces[2].ToString());
        Assert.DoesNotContain("a second", traces[3].ToString());
    }

    [Fact]
    public async Task Waits_as_long_as_retry_after_says_as_a_date()
    {
        var (client, _, _) = Build(Status(503, _clock.GetUtcNow().AddSeconds(20).ToString("R")), Ok);

        await client.GetAsync(Id, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(20), Assert.Single(_slept));
    }

    [Fact]
    public async Task Does_not_wait_out_a_retry_after_past_the_callers_deadline()
    {
        var (client, handler, traces) = Build(Status(429, "30"), Ok);

        var error = await Assert.ThrowsAsync<WwApiException>(() =>
            client.GetAsync(Id, CancellationToken.None, _clock.GetUtcNow().AddSeconds(10)));

        Assert.Equal(WwErrorKind.RateLimited, error.Kind);
        Assert.Single(handler.Requests);
        Assert.Empty(_slept);
        Assert.Null(Assert.Single(traces).RetryIn);
    }

    [Fact]
    public async Task Does_not_wait_out_a_retry_after_longer_than_a_minute()
    {
        var (client, handler, _) = Build(Status(503, "600"), Ok);

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(600), error.RetryAfter);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Retries_a_dropped_connection()
    {
        var calls = 0;
        var handler = new ScriptedHandler((_, _) => ++calls == 1
            ? throw new HttpRequestException("Connection reset by peer")
            : Task.FromResult(Ok()));
        var policy = new RetryPolicy { Sleep = (d, _) => Task.CompletedTask };
        var client = TestClients.Jobs(new HttpClient(handler), policy);

        var job = await client.GetAsync(Id, CancellationToken.None);

        Assert.Equal(Id, job.JobId);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Does_not_retry_a_certificate_failure()
    {
        var calls = 0;
        var handler = new ScriptedHandler((_, _) =>
        {
            calls++;
            throw new HttpRequestException("SSL failed", new System.Security.Authentication.AuthenticationException("The remote certificate is invalid."));
        });
        var client = TestClients.Jobs(new HttpClient(handler), new RetryPolicy { Sleep = (d, _) => Task.CompletedTask });

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(WwErrorKind.Connection, error.Kind);
        Assert.Contains("certificate", error.Message);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Follows_a_redirect_on_the_same_host_with_the_key()
    {
        var handler = new ScriptedHandler((request, _) => Task.FromResult(request.RequestUri!.AbsolutePath.StartsWith("/v2")
            ? Ok()
            : new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri("/v2/jobs/" + Id, UriKind.Relative) } }));
        var traces = new List<RequestTrace>();
        var client = TestClients.Jobs(new HttpClient(handler), RetryPolicy.None, traces.Add);

        await client.GetAsync(Id, CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(TestKeys.Secret, handler.Requests[1].Headers.Authorization?.Parameter);
        Assert.Contains("redirected to /v2/jobs/", Assert.Single(traces).ToString());
    }

    [Fact]
    public async Task Never_carries_the_key_to_another_host()
    {
        var handler = new ScriptedHandler((request, _) => Task.FromResult(request.RequestUri!.Host == "elsewhere.test.invalid"
            ? Ok()
            : new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://elsewhere.test.invalid/jobs/" + Id) } }));
        var traces = new List<RequestTrace>();
        var client = TestClients.Jobs(new HttpClient(handler), RetryPolicy.None, traces.Add);

        await client.GetAsync(Id, CancellationToken.None);

        Assert.Equal(TestKeys.Secret, handler.Requests[0].Headers.Authorization?.Parameter);
        Assert.Null(handler.Requests[1].Headers.Authorization);
        Assert.Contains("without the key", Assert.Single(traces).ToString());
    }

    [Fact]
    public async Task Refuses_a_redirect_to_plain_http_elsewhere()
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(
            new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("http://elsewhere.test.invalid/jobs") } }));
        var client = TestClients.Jobs(new HttpClient(handler), RetryPolicy.None);

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(WwErrorKind.RedirectRefused, error.Kind);
        Assert.Contains("http://elsewhere.test.invalid", error.Message);
        Assert.Single(handler.Requests);
    }

    [Theory]
    [InlineData(401, WwErrorKind.RedirectRefused)]
    [InlineData(403, WwErrorKind.RedirectRefused)]
    [InlineData(404, WwErrorKind.NotFound)]
    public async Task Says_a_redirect_to_another_origin_withheld_the_key_when_that_origin_refuses(int status, WwErrorKind kind)
    {
        // Not "check -ApiKey": the key is right, it was kept from a place it does not go.
        var handler = new ScriptedHandler((request, _) => Task.FromResult(request.RequestUri!.Host == "elsewhere.test.invalid"
            ? new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent("{\"detail\":\"Not authenticated\"}", Encoding.UTF8, "application/json") }
            : new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri("https://elsewhere.test.invalid:8443/jobs/" + Id) } }));
        var client = TestClients.Jobs(new HttpClient(handler), RetryPolicy.None);

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(kind, error.Kind);
        Assert.StartsWith("The server redirected the request to https://elsewhere.test.invalid:8443, another origin than the API's", error.Message);
        Assert.Contains("the API key was withheld there", error.Message);
        Assert.Null(handler.Requests[1].Headers.Authorization);
    }

    [Fact]
    public async Task Refuses_a_redirect_loop_as_the_servers_fault_after_five_hops()
    {
        var handler = new ScriptedHandler((request, _) => Task.FromResult(
            new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri(request.RequestUri!, "/again/" + Guid.NewGuid()) } }));
        var client = TestClients.Jobs(new HttpClient(handler), RetryPolicy.None);

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(WwErrorKind.RedirectRefused, error.Kind);
        Assert.Contains("5 times", error.Message);
        Assert.Equal(6, handler.Requests.Count);
    }

    [Fact]
    public async Task Ends_an_attempt_at_the_callers_deadline_rather_than_at_the_request_timeout()
    {
        // A silent server: the answer never comes. The caller can wait 3 s; the request timeout is 60 s.
        var handler = new ScriptedHandler(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return Ok();
        });
        var client = TestClients.Jobs(new HttpClient(handler), RetryPolicy.None, clock: _clock);

        var call = client.GetAsync(Id, CancellationToken.None, _clock.GetUtcNow().AddSeconds(3));
        _clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(call.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(0.1));

        var error = await Assert.ThrowsAsync<WwApiException>(() => call);
        Assert.Equal(WwErrorKind.Timeout, error.Kind);
        Assert.Contains("within 3 s", error.Message);
    }

    [Fact]
    public async Task Marks_the_same_failure_met_by_three_different_jobs_in_a_row_and_gives_the_later_ones_one_retry()
    {
        var handler = new ScriptedHandler((_, _) => Task.FromResult(Status(503)()));
        var transport = TestClients.Transport(new HttpClient(handler), new RetryPolicy { Sleep = (d, _) => Task.CompletedTask });
        var client = new JobsClient(transport);
        var errors = new List<WwApiException>();
        var counts = new List<int>();

        foreach (var id in new[] { Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() })
        {
            var before = handler.Requests.Count;
            errors.Add(await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(id, CancellationToken.None)));
            counts.Add(handler.Requests.Count - before);
        }

        Assert.Equal(new[] { false, false, true }, errors.Select(e => e.Repeated));
        Assert.Equal(new[] { RetryPolicy.Default.MaxRetries + 1, 2, 2 }, counts);
    }

    [Fact]
    public void Draws_jitter_from_a_source_that_concurrent_requests_can_share()
    {
        // System.Random drawn from by many threads at once can break and give 0 for ever after; the transport's may not.
        var random = new LockedRandom(1);
        var draws = new double[16][];
        Parallel.For(0, draws.Length, new ParallelOptions { MaxDegreeOfParallelism = 16 }, t =>
        {
            draws[t] = new double[20_000];
            for (var i = 0; i < draws[t].Length; i++) draws[t][i] = random.NextDouble();
        });

        var all = draws.SelectMany(d => d).ToList();
        Assert.All(all, d => Assert.InRange(d, 0.0, 0.9999999999));
        Assert.True(all.Count(d => d == 0) < 10, "the source broke under concurrent use");
        Assert.True(all.Distinct().Count() > all.Count * 0.99);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Refuses_a_body_larger_than_the_limit_without_reading_it_whole(bool sayingItsLength)
    {
        // Four times the limit: read whole, every byte of it would be read. Said in Content-Length, none need be.
        var body = new CountedBody(4L * JsonAnswer.MaxJsonBytes);
        var handler = new ScriptedHandler((_, _) =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) };
            response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            if (sayingItsLength) response.Content.Headers.ContentLength = body.Length;
            return Task.FromResult(response);
        });
        var client = TestClients.Jobs(new HttpClient(handler), RetryPolicy.None);

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.GetAsync(Id, CancellationToken.None));

        Assert.Equal(WwErrorKind.InvalidResponse, error.Kind);
        Assert.Equal($"The server's answer is larger than {JsonAnswer.MaxJsonBytes / (1024 * 1024)} MiB: not a job as the API documents it.",
            error.Message);
        // Read up to the limit and a byte past it (which is how it is known to be larger), not a buffer more.
        if (sayingItsLength) Assert.Equal(0, body.BytesRead);
        else Assert.InRange(body.BytesRead, JsonAnswer.MaxJsonBytes + 1, JsonAnswer.MaxJsonBytes + 64 * 1024);
    }

    /// <summary>A body of <see cref="Length"/> bytes of '[' that counts the bytes read from it.</summary>
    private sealed class CountedBody : ReadOnlyStream
    {
        private readonly long _length;

        public CountedBody(long length) => _length = length;

        public override long Length => _length;

        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _length - BytesRead);
            Array.Fill(buffer, (byte)'[', offset, n);
            BytesRead += n;
            return n;
        }
    }
}
