using Microsoft.Extensions.Time.Testing;
using WoodWide.Client;
using Xunit;

namespace WoodWide.Tests.Client;

/// <summary>The pace of one command's requests: none until a 429, then one for all of them. On a fake clock.</summary>
public class SharedPaceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private DateTimeOffset Now => _clock.GetUtcNow();

    private void Answered(SharedPace pace, int times)
    {
        for (var i = 0; i < times; i++) pace.Answered(Now);
    }

    [Fact]
    public void Holds_no_request_back_before_the_server_says_too_many()
    {
        var pace = new SharedPace();
        Answered(pace, 500);

        for (var i = 0; i < 1000; i++) Assert.Equal((TimeSpan.Zero, true), pace.Reserve(Now));
        Assert.Null(pace.Pace);
    }

    [Fact]
    public void Holds_every_request_through_the_first_pause_then_paces_them_at_what_the_server_answered()
    {
        var pace = new SharedPace();
        Answered(pace, 3);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        pace.Limited(Now, TimeSpan.FromSeconds(1));
        // Two requests already in flight are answered during the pause: the server let them through before the 429.
        _clock.Advance(TimeSpan.FromMilliseconds(300));
        Answered(pace, 2);

        var asked = pace.Reserve(Now);
        Assert.Equal((TimeSpan.FromMilliseconds(700), false), asked);

        _clock.Advance(asked.Wait);
        var waits = Enumerable.Range(0, 4).Select(_ => pace.Reserve(Now, final: true)).ToList();

        Assert.Equal(5, pace.Pace);
        Assert.All(waits, w => Assert.True(w.Taken));
        // 1.25 turns at once, then one each 0.2 s.
        Assert.Equal(new[] { 0, 0.15, 0.35, 0.55 }, waits.Select(w => Math.Round(w.Wait.TotalSeconds, 6)));
    }

    [Fact]
    public void Sets_the_pace_when_asked_finally_even_while_the_clock_says_the_pause_holds()
    {
        var pace = new SharedPace();
        pace.Limited(Now, TimeSpan.FromSeconds(2));

        var asked = pace.Reserve(Now, final: true);

        Assert.Equal((TimeSpan.FromSeconds(2), true), asked);
        Assert.Equal(1, pace.Pace);
    }

    [Fact]
    public void Counts_no_answer_from_more_than_a_second_before_the_first_429()
    {
        var pace = new SharedPace();
        Answered(pace, 40);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Answered(pace, 2);
        pace.Limited(Now, TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(1));

        pace.Reserve(Now);

        Assert.Equal(2, pace.Pace);
    }

    [Fact]
    public void Halves_the_pace_at_a_later_429_and_holds_every_request_through_its_pause()
    {
        var pace = new SharedPace();
        Answered(pace, 8);
        pace.Limited(Now, TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        pace.Reserve(Now);
        Assert.Equal(8, pace.Pace);

        pace.Limited(Now, TimeSpan.FromSeconds(3));

        Assert.Equal(4, pace.Pace);
        Assert.Equal((TimeSpan.FromSeconds(3), true), pace.Reserve(Now));
    }

    [Fact]
    public void Tells_the_pace_once_when_it_is_set_and_once_at_each_cut_but_not_as_it_grows_back()
    {
        var pace = new SharedPace();
        Answered(pace, 4);
        pace.Limited(Now, TimeSpan.FromSeconds(1));
        Assert.Null(pace.TakeNews());
        _clock.Advance(TimeSpan.FromSeconds(1));
        pace.Reserve(Now);

        Assert.Equal(4, pace.TakeNews());
        Assert.Null(pace.TakeNews());

        pace.Limited(Now, TimeSpan.FromSeconds(1));
        Assert.Equal(2, pace.TakeNews());
        Assert.Null(pace.TakeNews());

        for (var i = 0; i < 20; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            pace.Reserve(Now);
            pace.Answered(Now);
        }
        Assert.True(pace.Pace > 2);
        Assert.Null(pace.TakeNews());
    }
}
