using System.Net;
using WoodWide.Client;
using Xunit;

namespace WoodWide.Tests.Client;

/// <summary>The fault model's classifier: a failure about one item stays that item's; the same one met by several items in a row is the server's.</summary>
public class FailureStreakTests
{
    private static WwApiException Status(int code, WwErrorKind kind = WwErrorKind.ServerError) =>
        new(kind, $"HTTP {code}", (HttpStatusCode)code);

    private static bool Fail(FailureStreak streak, string target, WwApiException e)
    {
        streak.Failed(target, e);
        return e.Repeated;
    }

    [Fact]
    public void Keeps_one_items_5xx_about_that_item()
    {
        var streak = new FailureStreak();

        Assert.False(Fail(streak, "/jobs/a", Status(500)));
        Assert.True(streak.Holds);
    }

    [Fact]
    public void Makes_the_same_failure_met_by_three_different_items_in_a_row_about_the_server()
    {
        var streak = new FailureStreak();

        Assert.False(Fail(streak, "/jobs/a", Status(500)));
        Assert.False(Fail(streak, "/jobs/b", Status(503)));
        Assert.True(Fail(streak, "/jobs/c", Status(502)));
        Assert.True(Fail(streak, "/jobs/d", Status(500)));
    }

    [Fact]
    public void Counts_one_item_failing_again_as_one_item()
    {
        var streak = new FailureStreak();

        for (var i = 0; i < 5; i++) Assert.False(Fail(streak, "/jobs/a", Status(500)));
    }

    [Fact]
    public void Starts_again_after_an_answer_between()
    {
        var streak = new FailureStreak();
        Fail(streak, "/jobs/a", Status(500));
        Fail(streak, "/jobs/b", Status(500));

        streak.Answered();

        Assert.False(streak.Holds);
        Assert.False(Fail(streak, "/jobs/c", Status(500)));
        Assert.False(Fail(streak, "/jobs/d", Status(500)));
    }

    [Fact]
    public void Starts_again_after_the_apis_own_word_about_an_item()
    {
        // A 404 with the API's detail is an answer: the server works, and knows that job is not there.
        var streak = new FailureStreak();
        Fail(streak, "/jobs/a", Status(500));
        Fail(streak, "/jobs/b", Status(500));

        Fail(streak, "/jobs/x", Status(404, WwErrorKind.NotFound));

        Assert.False(Fail(streak, "/jobs/c", Status(500)));
    }

    [Fact]
    public void Does_not_mix_kinds_of_failure()
    {
        var streak = new FailureStreak();
        Fail(streak, "/jobs/a", Status(500));
        Fail(streak, "/jobs/b", Status(500));

        Assert.False(Fail(streak, "/jobs/c", new WwApiException(WwErrorKind.InvalidResponse, "HTML", HttpStatusCode.OK)));
    }

    [Fact]
    public void Leaves_what_is_the_servers_by_its_nature_to_the_catalogue()
    {
        var streak = new FailureStreak();
        for (var i = 0; i < 4; i++)
        {
            var refused = new WwApiException(WwErrorKind.Connection, "refused", requestSent: false);
            streak.Failed("/jobs/" + i, refused);
            Assert.False(refused.Repeated);
        }
        Assert.False(streak.Holds);
        // A 501 will not pass: it is about what was asked, not a server that is down.
        Assert.False(Fail(streak, "/jobs/a", Status(501)));
        Assert.False(streak.Holds);
    }
}
