using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WoodWide.Client;
using Xunit;

namespace WoodWide.Tests.Client;

/// <summary>
/// Each stage of the transport alone, over a scripted "next": the rule its file names, and nothing else. The
/// transport's tests (TransportTests, TransportRequestTests, RetryTests) cover them together.
/// </summary>
public class TransportStageTests
{
    private const string Key = "sk_stage_test_key";
    private static readonly Uri Api = new("https://api.example.test/");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));

    private Exchange NewExchange(WwRequest request, Uri? target = null) =>
        new(request, target ?? new Uri(Api, request.Target), new ApiOrigin(Api),
            new Transfer(CancellationToken.None, TimeSpan.FromSeconds(5), false, null, _clock), TimeSpan.FromSeconds(5), _clock);

    private static ApiKey TheKey()
    {
        var secure = new SecureString();
        foreach (var c in Key) secure.AppendChar(c);
        secure.MakeReadOnly();
        return new ApiKey(secure);
    }

    private static HttpResponseMessage Answer(int code, string? body = null, string? location = null, string mediaType = "application/json")
    {
        var response = new HttpResponseMessage((HttpStatusCode)code) { Content = new StringContent(body ?? "{}", Encoding.UTF8, mediaType) };
        if (location != null) response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        return response;
    }

    // --- ApiKeyStage: where the key is added ---

    [Theory]
    [InlineData("https://api.example.test/jobs", true, true)]
    [InlineData("https://storage.example.test/bucket/file?sig=1", true, false)]
    [InlineData("http://api.example.test/jobs", true, false)]
    [InlineData("https://api.example.test:8443/jobs", true, false)]
    [InlineData("https://api.example.test/upload?sig=1", false, false)]
    public async Task Adds_the_key_only_to_a_hop_bound_for_the_apis_own_origin(string target, bool withKey, bool expected)
    {
        var exchange = NewExchange(new WwRequest(HttpMethod.Get, target, ApiResource.Job, "a job") { WithKey = withKey }, new Uri(target));
        exchange.NewMessage();

        await new ApiKeyStage(TheKey()).SendAsync(exchange, e => Task.FromResult(Answer(200)));

        Assert.Equal(expected, exchange.Message!.Headers.Authorization is { Scheme: "Bearer", Parameter: Key });
        Assert.Equal(expected ? "application/json" : null, exchange.Message.Headers.Accept.SingleOrDefault()?.MediaType);
    }

    [Fact]
    public async Task Keeps_an_accept_header_the_request_asked_for()
    {
        var exchange = NewExchange(new WwRequest(HttpMethod.Get, "jobs/1/results", ApiResource.Result, "results") { Accept = "text/csv" });
        await new MessageStage().SendAsync(exchange, e => new ApiKeyStage(TheKey()).SendAsync(e, _ => Task.FromResult(Answer(200))));

        Assert.Equal("text/csv", Assert.Single(exchange.Message!.Headers.Accept).MediaType);
        Assert.NotNull(exchange.Message.Headers.Authorization);
    }

    // --- MessageStage: each hop's message ---

    [Fact]
    public async Task Makes_each_hops_message_afresh_with_the_requests_headers_and_a_new_body()
    {
        var made = 0;
        var request = new WwRequest(HttpMethod.Post, "models/train", ApiResource.Model, "a training")
        {
            Body = _ => { made++; return new StringContent("{\"n\":" + made + "}"); },
        };
        request.Headers["Idempotency-Key"] = "abc";
        var exchange = NewExchange(request);
        var bodies = new List<string>();

        for (var hop = 0; hop < 2; hop++)
            await new MessageStage().SendAsync(exchange, async e =>
            {
                bodies.Add(await e.Message!.Content!.ReadAsStringAsync());
                Assert.Equal("abc", e.Message.Headers.GetValues("Idempotency-Key").Single());
                return Answer(200);
            });
        exchange.SendBody = false;
        await new MessageStage().SendAsync(exchange, e => { Assert.Null(e.Message!.Content); return Task.FromResult(Answer(200)); });

        Assert.Equal(new[] { "{\"n\":1}", "{\"n\":2}" }, bodies);
        Assert.Equal(2, made);
    }

    // --- RedirectStage: redirects by hand ---

    [Fact]
    public async Task Turns_a_303_into_a_get_without_the_body_and_keeps_the_key_on_the_same_origin()
    {
        var exchange = NewExchange(new WwRequest(HttpMethod.Post, "datasets", ApiResource.Dataset, "a dataset"));
        var seen = new List<(HttpMethod, string, bool, bool)>();
        var answers = new Queue<HttpResponseMessage>(new[] { Answer(303, location: "/datasets/7"), Answer(200) });

        var response = await new RedirectStage().SendAsync(exchange, e =>
        {
            seen.Add((e.Method, e.Target.AbsolutePath, e.KeyGoes, e.SendBody));
            return Task.FromResult(answers.Dequeue());
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { (HttpMethod.Post, "/datasets", true, true), (HttpMethod.Get, "/datasets/7", true, false) }, seen);
        Assert.Null(exchange.WithheldAt);
    }

    [Fact]
    public async Task Withholds_the_key_from_a_redirect_to_another_origin_and_for_every_hop_after()
    {
        var exchange = NewExchange(WwRequest.Get("jobs/1", ApiResource.Job, "a job"));
        var keys = new List<bool>();
        var answers = new Queue<HttpResponseMessage>(new[]
        {
            Answer(307, location: "https://elsewhere.example.test/jobs/1"), Answer(307, location: "https://api.example.test/jobs/1"), Answer(200),
        });

        await new RedirectStage().SendAsync(exchange, e => { keys.Add(e.KeyGoes); return Task.FromResult(answers.Dequeue()); });

        Assert.Equal(new[] { true, false, false }, keys);
        Assert.Equal("https://elsewhere.example.test", exchange.WithheldAt);
    }

    [Fact]
    public async Task Stops_after_five_redirects_with_a_refusal_that_names_the_last_place()
    {
        var exchange = NewExchange(WwRequest.Get("jobs/1", ApiResource.Job, "a job"));
        var hops = 0;

        var e = await Assert.ThrowsAsync<WwApiException>(() => new RedirectStage().SendAsync(exchange,
            _ => Task.FromResult(Answer(302, location: $"/jobs/{++hops}"))));

        Assert.Equal(WwErrorKind.RedirectRefused, e.Kind);
        Assert.Equal(RedirectStage.MaxRedirects + 1, hops);
        Assert.Contains("5 times, to /jobs/6 last", e.Message);
    }

    // --- StatusStage: what a failed answer means ---

    [Fact]
    public async Task Makes_a_404_without_the_apis_word_about_the_path_and_one_with_it_about_the_job()
    {
        var bare = await Assert.ThrowsAsync<WwApiException>(() => new StatusStage().SendAsync(
            NewExchange(WwRequest.Get("jobs/1", ApiResource.Job, "a job")), _ => Task.FromResult(Answer(404, "{\"detail\":\"Not Found\"}"))));
        var job = await Assert.ThrowsAsync<WwApiException>(() => new StatusStage().SendAsync(
            NewExchange(WwRequest.Get("jobs/1", ApiResource.Job, "a job")), _ => Task.FromResult(Answer(404, "{\"detail\":\"Job not found\"}"))));

        Assert.Equal((WwErrorKind.NotFound, ApiResource.Path), (bare.Kind, bare.Resource));
        Assert.Equal((WwErrorKind.NotFound, ApiResource.Job), (job.Kind, job.Resource));
        Assert.Equal("Job not found (HTTP 404 Not Found)", job.Message);
    }

    [Fact]
    public async Task Reads_a_retry_after_date_against_the_transports_clock()
    {
        var answer = Answer(429);
        answer.Headers.RetryAfter = new RetryConditionHeaderValue(_clock.GetUtcNow().AddSeconds(42));

        var e = await Assert.ThrowsAsync<WwApiException>(() => new StatusStage().SendAsync(
            NewExchange(WwRequest.Get("jobs", ApiResource.JobList, "a job list")), _ => Task.FromResult(answer)));

        Assert.Equal(WwErrorKind.RateLimited, e.Kind);
        Assert.Equal(TimeSpan.FromSeconds(42), e.RetryAfter);
    }

    [Fact]
    public async Task Names_a_proxys_html_page_and_a_refusal_after_a_withheld_key_as_what_they_are()
    {
        var html = await Assert.ThrowsAsync<WwApiException>(() => new StatusStage().SendAsync(
            NewExchange(WwRequest.Get("jobs/1", ApiResource.Job, "a job")), _ => Task.FromResult(Answer(502, "<html>Bad gateway</html>", mediaType: "text/html"))));
        var withheld = NewExchange(WwRequest.Get("jobs/1", ApiResource.Job, "a job"));
        withheld.WithheldAt = "https://elsewhere.example.test";
        var refused = await Assert.ThrowsAsync<WwApiException>(() => new StatusStage().SendAsync(withheld, _ => Task.FromResult(Answer(401))));

        Assert.Contains("with an HTML page instead of the API's JSON", html.Message);
        Assert.Equal(WwErrorKind.RedirectRefused, refused.Kind);
        Assert.Contains("the API key was withheld there", refused.Message);
    }

    [Fact]
    public async Task Passes_a_success_through_untouched()
    {
        var answer = Answer(201);
        Assert.Same(answer, await new StatusStage().SendAsync(NewExchange(WwRequest.Get("jobs", ApiResource.JobList, "a list")), _ => Task.FromResult(answer)));
    }

    // --- AttemptStage: one attempt's limit, and what broke ---

    [Fact]
    public void Bounds_an_attempts_time_by_what_is_left_before_the_deadline_but_not_below_a_tenth_of_a_second()
    {
        var now = _clock.GetUtcNow();
        Assert.Equal(TimeSpan.FromSeconds(60), AttemptStage.Timeout(TimeSpan.FromSeconds(60), null, _clock));
        Assert.Equal(TimeSpan.FromSeconds(7), AttemptStage.Timeout(TimeSpan.FromSeconds(60), now.AddSeconds(7), _clock));
        Assert.Equal(TimeSpan.FromSeconds(3), AttemptStage.Timeout(TimeSpan.FromSeconds(3), now.AddSeconds(7), _clock));
        Assert.Equal(TimeSpan.FromMilliseconds(100), AttemptStage.Timeout(TimeSpan.FromSeconds(60), now.AddSeconds(-1), _clock));
    }

    [Fact]
    public async Task Says_whether_a_broken_connection_was_ever_made()
    {
        var chain = new StageChain(_ => throw new HttpRequestException("refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused)));

        var e = await Assert.ThrowsAsync<WwApiException>(() => new AttemptStage(chain).RunAsync(
            NewExchange(WwRequest.Get("jobs/1", ApiResource.Job, "a job")), (r, _) => Task.FromResult(r), CancellationToken.None));

        Assert.Equal(WwErrorKind.Connection, e.Kind);
        Assert.StartsWith("Could not reach api.example.test:", e.Message);
        Assert.False(e.RequestSent);
    }

    // --- StreakStage: the fault model's classifier ---

    [Fact]
    public async Task Counts_one_resource_read_again_as_one_item_and_each_create_as_its_own()
    {
        static WwApiException Fault() => new(WwErrorKind.ServerError, "HTTP 500.", HttpStatusCode.InternalServerError);
        var reads = new FailureStreak();
        var creates = new FailureStreak();
        var readStage = new StreakStage(reads);
        var createStage = new StreakStage(creates);
        var target = new Uri(Api, "jobs/1");

        WwApiException? read = null, create = null;
        for (var i = 0; i < FailureStreak.Threshold; i++)
        {
            read = await Assert.ThrowsAsync<WwApiException>(() => readStage.RunAsync<int>(WwRequest.Get("jobs/1", ApiResource.Job, "a job"), target, () => throw Fault()));
            create = await Assert.ThrowsAsync<WwApiException>(() => createStage.RunAsync<int>(new WwRequest(HttpMethod.Post, "models/train", ApiResource.Model, "a training"), target, () => throw Fault()));
        }

        // The same job failing three times is one item's fault; three creates failing alike are the server's.
        Assert.False(read!.Repeated);
        Assert.True(create!.Repeated);
        await createStage.RunAsync(WwRequest.Get("jobs/2", ApiResource.Job, "a job"), target, () => Task.FromResult(1));
        Assert.False(creates.Holds);
    }
}
