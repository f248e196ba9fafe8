using System.Net;
using System.Net.Http;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using WoodWide.Client;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Client;

/// <summary>Answers handed over open (results, a synchronous inference): the stall timer per read, Ctrl+C, and where the key goes.</summary>
public sealed class OpenResponseTests
{
    /// <summary>A body that gives <paramref name="first"/> and then waits for more that never comes.</summary>
    private sealed class StallingStream(byte[] first) : ReadOnlyStream
    {
        private bool _gave;

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            if (!_gave)
            {
                _gave = true;
                Buffer.BlockCopy(first, 0, buffer, offset, first.Length);
                return first.Length;
            }
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();
    }

    private static (WwTransport Transport, FakeTimeProvider Clock) Stalling()
    {
        var clock = new FakeTimeProvider();
        var handler = new ScriptedHandler((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new StallingStream(Encoding.UTF8.GetBytes("id,p\n0,1\n"))),
        }));
        var transport = new WwTransport(TestKeys.Connection(timeout: TimeSpan.FromSeconds(10)), new HttpClient(handler))
        {
            Retry = RetryPolicy.None, Clock = clock,
        };
        return (transport, clock);
    }

    [Fact]
    public async Task Ends_a_body_that_stalls_midway_with_a_timeout_that_says_how_far_it_came()
    {
        var (transport, clock) = Stalling();
        using var body = await transport.OpenAsync(WwRequest.Get("jobs/1/results", ApiResource.Result, "results"), CancellationToken.None);
        var buffer = new byte[64];
        Assert.Equal(9, await body.ReadAsync(buffer, 0, buffer.Length));

        var next = body.ReadAsync(buffer, 0, buffer.Length);
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<WwApiException>(() => next);
        Assert.Equal(WwErrorKind.Timeout, error.Kind);
        Assert.Contains("stalled after 9 bytes", error.Message);
    }

    [Fact]
    public async Task Stops_a_read_at_once_when_the_caller_cancels()
    {
        var (transport, _) = Stalling();
        using var cancel = new CancellationTokenSource();
        using var body = await transport.OpenAsync(WwRequest.Get("jobs/1/results", ApiResource.Result, "results"), cancel.Token);
        var buffer = new byte[64];
        await body.ReadAsync(buffer, 0, buffer.Length);

        var next = body.ReadAsync(buffer, 0, buffer.Length);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    private static (InferenceClient Client, ScriptedHandler Handler) Artifacts(Func<HttpRequestMessage, HttpStatusCode> status)
    {
        var handler = new ScriptedHandler((request, _) => Task.FromResult(new HttpResponseMessage(status(request))
        {
            Content = new StringContent("id,p\n0,1\n", Encoding.UTF8, "text/csv"),
        }));
        return (new InferenceClient(TestClients.Transport(new HttpClient(handler), RetryPolicy.None)), handler);
    }

    [Fact]
    public async Task Fetches_an_artifact_on_another_origin_without_the_key_even_when_refused()
    {
        var (client, handler) = Artifacts(_ => HttpStatusCode.Unauthorized);

        var error = await Assert.ThrowsAsync<WwApiException>(() => client.OpenArtifactAsync(new Uri("https://storage.test.invalid/r.csv?sig=1"), CancellationToken.None));

        Assert.Equal(WwErrorKind.Authentication, error.Kind);
        var only = Assert.Single(handler.Requests);
        Assert.Null(only.Headers.Authorization);
    }

    [Fact]
    public async Task Sends_the_key_for_an_artifact_only_when_the_APIs_own_origin_asks_for_it()
    {
        var (client, handler) = Artifacts(request => request.Headers.Authorization is null ? HttpStatusCode.Unauthorized : HttpStatusCode.OK);

        using var body = await client.OpenArtifactAsync(new Uri("https://api.test.invalid/files/r.csv"), CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Null(handler.Requests[0].Headers.Authorization);
        Assert.Equal("Bearer", handler.Requests[1].Headers.Authorization!.Scheme);
        Assert.Equal("text/csv", body.MediaType);
    }
}
