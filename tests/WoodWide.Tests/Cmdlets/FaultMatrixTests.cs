using System.Management.Automation;
using WoodWide.Emulator;
using WoodWide.Model;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Cmdlets;

/// <summary>
/// The fault matrix: each fault the emulator can inject, against Get-WwJob and Wait-WwJob over real loopback HTTP.
/// Each row checks the outcome (recovered, or the exact ErrorId and category), the requests the emulator saw, and
/// that the key shows nowhere.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class FaultMatrixTests : IDisposable
{
    private readonly PowerShellFixture _ps;
    private static readonly string Train = SeedJobs.SucceededTrain.ToString();
    private static readonly string TrainPath = "/jobs/" + Train;

    public FaultMatrixTests(PowerShellFixture ps)
    {
        _ps = ps;
        _ps.Reset(_ps.Emulator);
        _ps.Reset(_ps.Living);
    }

    public void Dispose()
    {
        _ps.Reset(_ps.Emulator);
        _ps.Reset(_ps.Living);
    }

    public static TheoryData<string, int, int, string?, string?, int> GetCases() => new()
    {
        // kind, status, count, retry-after, expected ErrorId (null: recovered), requests
        { "status", 503, 2, null, null, 3 },
        { "status", 503, 9, null, "WwServiceUnavailable", 4 },
        { "status", 502, 1, null, null, 2 },
        { "status", 504, 1, null, null, 2 },
        { "status", 500, 1, null, null, 2 },
        { "status", 500, 9, null, "WwServiceUnavailable", 2 },
        { "status", 429, 1, "1", null, 2 },
        { "status", 429, 9, null, "WwRateLimited", 4 },
        { "status", 400, 1, null, "WwInvalidRequest", 1 },
        { "status", 401, 1, null, "WwAuthenticationFailed", 1 },
        { "status", 402, 1, null, "WwQuotaExceeded", 1 },
        { "status", 403, 1, null, "WwPermissionDenied", 1 },
        { "status", 404, 1, null, "WwJobNotFound", 1 },
        { "status", 409, 1, null, "WwConflict", 1 },
        { "status", 422, 1, null, "WwInvalidRequest", 1 },
        { "reset", 0, 1, null, null, 2 },
        { "reset", 0, 9, null, "WwConnectionFailed", 4 },
        { "html", 200, 1, null, "WwInvalidResponse", 1 },
        { "html", 502, 1, null, null, 2 },
        { "truncated", 0, 1, null, "WwInvalidResponse", 1 },
        { "malformed", 0, 1, null, "WwInvalidResponse", 1 },
        { "hang", 0, 1, null, "WwRequestTimeout", 1 },
        { "delay", 0, 1, null, null, 1 },
    };

    [Theory]
    [MemberData(nameof(GetCases))]
    public void Get_WwJob_meets_a_fault(string kind, int status, int count, string? retryAfter, string? errorId, int requests)
    {
        _ps.Fault(_ps.Emulator, new { kind, status, count, retry_after = retryAfter, path = TrainPath, delay_ms = 300 });

        // A hang must meet a short timeout; a slow answer must not (on a loaded machine 300 ms can become a second).
        var timeout = kind == "delay" ? 10 : 1;
        var r = _ps.Run($"Get-WwJob -Id {Train} -ApiKey $key -BaseUri $base -RequestTimeoutSec {timeout} -Verbose");

        Assert.Equal(requests, _ps.Requests(_ps.Emulator, TrainPath));
        if (errorId is null)
        {
            Assert.Equal("succeeded", ((JobDetail)Assert.Single(r.Output).BaseObject).Status);
            Assert.Empty(r.Errors);
        }
        else
        {
            Assert.Empty(r.Output);
            var error = Assert.Single(r.Errors);
            Assert.Equal(errorId + ",WoodWide.Commands.GetWwJobCommand", error.FullyQualifiedErrorId);
            Assert.Equal(Category(errorId), error.CategoryInfo.Category);
        }
        Assert.Equal(requests, r.Streams.Verbose.Count);
        Assert.DoesNotContain(TestKeys.Secret, r.AllText());
    }

    public static TheoryData<string, int, string?> WaitCases() => new()
    {
        { "status", 503, null },
        { "status", 500, null },
        { "status", 429, "1" },
        { "reset", 0, null },
        { "html", 200, null },
        { "truncated", 0, null },
        { "malformed", 0, null },
        { "hang", 0, null },
    };

    [Theory]
    [MemberData(nameof(WaitCases))]
    public void Wait_WwJob_rides_out_a_passing_fault(string kind, int status, string? retryAfter)
    {
        var id = _ps.CreateJob(queued: 0.2, running: 1.2);
        _ps.Fault(_ps.Living, new { kind, status, count = 3, retry_after = retryAfter, path = "/jobs/" + id });

        var r = _ps.Run($"Wait-WwJob -Id {id} -ApiKey $key -BaseUri $live -PollIntervalSec 0.2 -RequestTimeoutSec 1 -Verbose");

        Assert.Equal("succeeded", ((JobDetail)Assert.Single(r.Output).BaseObject).Status);
        Assert.Empty(r.Errors);
        var summary = r.Streams.Verbose[^1].Message;
        Assert.Matches(@"; \d+ request\(s\), [1-9]\d* retried\.$", summary);
        Assert.True(_ps.Requests(_ps.Living, "/jobs/" + id) > 3);
        Assert.DoesNotContain(TestKeys.Secret, r.AllText());
    }

    [Theory]
    [InlineData(404, "WwJobNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(403, "WwPermissionDenied", ErrorCategory.PermissionDenied)]
    public void Wait_WwJob_ends_a_jobs_wait_at_once_on_what_will_not_pass(int status, string errorId, ErrorCategory category)
    {
        var id = _ps.CreateJob(running: 30);
        _ps.Fault(_ps.Living, new { kind = "status", status, count = 1, path = "/jobs/" + id });

        var r = _ps.Run($"Wait-WwJob -Id {id} -ApiKey $key -BaseUri $live -Timeout 20");

        Assert.Empty(r.Output);
        var error = Assert.Single(r.Errors);
        Assert.Equal(errorId + ",WoodWide.Commands.WaitWwJobCommand", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Equal(1, _ps.Requests(_ps.Living, "/jobs/" + id));
    }

    [Fact]
    public void Wait_WwJob_times_out_rather_than_wait_out_a_long_retry_after()
    {
        var id = _ps.CreateJob(running: 0.5);
        _ps.Fault(_ps.Living, new { kind = "status", status = 429, count = 50, retry_after = "30", path = "/jobs/" + id });

        var r = _ps.Run($"Wait-WwJob -Id {id} -ApiKey $key -BaseUri $live -Timeout 2");

        Assert.Equal("WwJobTimeout,WoodWide.Commands.WaitWwJobCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
        Assert.InRange(_ps.Requests(_ps.Living, "/jobs/" + id), 1, 3);
    }

    private static ErrorCategory Category(string errorId) => errorId switch
    {
        "WwServiceUnavailable" => ErrorCategory.ResourceUnavailable,
        "WwRateLimited" => ErrorCategory.LimitsExceeded,
        "WwInvalidRequest" => ErrorCategory.InvalidArgument,
        "WwAuthenticationFailed" => ErrorCategory.AuthenticationError,
        "WwQuotaExceeded" => ErrorCategory.QuotaExceeded,
        "WwPermissionDenied" => ErrorCategory.PermissionDenied,
        "WwJobNotFound" => ErrorCategory.ObjectNotFound,
        "WwConflict" => ErrorCategory.ResourceExists,
        "WwConnectionFailed" => ErrorCategory.ConnectionError,
        "WwInvalidResponse" => ErrorCategory.InvalidData,
        "WwRequestTimeout" => ErrorCategory.OperationTimeout,
        _ => throw new ArgumentException(errorId),
    };
}
