using System.Net;
using System.Net.Http;
using WoodWide.Client;
using Xunit;

namespace WoodWide.Tests.Client;

/// <summary>The one classification of failed requests, from which retries, waits and early stops derive.</summary>
public class FailureRulesTests
{
    private static WwApiException Failure(WwErrorKind kind, int? status = null, TimeSpan? retryAfter = null, Exception? inner = null, bool sent = true) =>
        new(kind, kind.ToString(), (HttpStatusCode?)status, retryAfter: retryAfter, inner: inner, requestSent: sent);

    [Theory]
    [InlineData(WwErrorKind.RateLimited, 429, true)]
    [InlineData(WwErrorKind.ServerError, 500, true)]
    [InlineData(WwErrorKind.ServerError, 502, true)]
    [InlineData(WwErrorKind.ServerError, 503, true)]
    [InlineData(WwErrorKind.ServerError, 504, true)]
    [InlineData(WwErrorKind.ServerError, 501, false)]
    [InlineData(WwErrorKind.ServerError, 505, false)]
    [InlineData(WwErrorKind.Timeout, null, true)]
    [InlineData(WwErrorKind.Connection, null, true)]
    [InlineData(WwErrorKind.InvalidResponse, 200, true)]
    [InlineData(WwErrorKind.Authentication, 401, false)]
    [InlineData(WwErrorKind.PermissionDenied, 403, false)]
    [InlineData(WwErrorKind.NotFound, 404, false)]
    [InlineData(WwErrorKind.InvalidRequest, 422, false)]
    [InlineData(WwErrorKind.QuotaExceeded, 402, false)]
    [InlineData(WwErrorKind.Conflict, 409, false)]
    [InlineData(WwErrorKind.UnexpectedStatus, 418, false)]
    public void Says_once_what_may_pass(WwErrorKind kind, int? status, bool transient) =>
        Assert.Equal(transient, Failure(kind, status).IsTransient);

    [Fact]
    public void Does_not_take_a_certificate_failure_for_a_blip() =>
        Assert.False(Failure(WwErrorKind.Connection, inner: new HttpRequestException("SSL", new System.Security.Authentication.AuthenticationException("bad cert"))).IsTransient);

    [Fact]
    public void Retries_in_place_what_passes_in_seconds_but_not_a_timeout_or_a_garbled_body()
    {
        Assert.True(RetryPolicy.RetriesInPlace(Failure(WwErrorKind.ServerError, 503)));
        Assert.True(RetryPolicy.RetriesInPlace(Failure(WwErrorKind.Connection)));
        // Transient both, yet the wait (which has time) tries them again, not the request.
        Assert.False(RetryPolicy.RetriesInPlace(Failure(WwErrorKind.Timeout)));
        Assert.False(RetryPolicy.RetriesInPlace(Failure(WwErrorKind.InvalidResponse, 200)));
        Assert.False(RetryPolicy.RetriesInPlace(Failure(WwErrorKind.NotFound, 404)));
    }

    [Fact]
    public void Knows_when_the_server_surely_did_not_act()
    {
        Assert.True(FailureRules.ServerDidNotAct(Failure(WwErrorKind.RateLimited, 429)));
        Assert.True(FailureRules.ServerDidNotAct(Failure(WwErrorKind.ServerError, 503, TimeSpan.FromSeconds(2))));
        Assert.True(FailureRules.ServerDidNotAct(Failure(WwErrorKind.Connection, sent: false)));
        Assert.False(FailureRules.ServerDidNotAct(Failure(WwErrorKind.ServerError, 503)));
        Assert.False(FailureRules.ServerDidNotAct(Failure(WwErrorKind.ServerError, 500, TimeSpan.FromSeconds(2))));
        Assert.False(FailureRules.ServerDidNotAct(Failure(WwErrorKind.Connection, sent: true)));
        Assert.False(FailureRules.ServerDidNotAct(Failure(WwErrorKind.Timeout)));
    }
}
