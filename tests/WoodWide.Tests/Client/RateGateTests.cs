using Microsoft.Extensions.Time.Testing;
using WoodWide.Client;
using Xunit;

namespace WoodWide.Tests.Client;

/// <summary>The one pace of a wait's polls, on a fake clock.</summary>
public class RateGateTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private int TakeAll(RateGate gate)
    {
        var n = 0;
        while (gate.TryTake(_clock.GetUtcNow())) n++;
        return n;
    }

    [Fact]
    public void Lets_a_quarter_second_of_polls_go_at_once_then_keeps_the_pace()
    {
        var gate = new RateGate(20, _clock.GetUtcNow());

        Assert.Equal(5, TakeAll(gate));
        Assert.Equal(TimeSpan.FromSeconds(0.05), gate.UntilNext(_clock.GetUtcNow()));
        var taken = 0;
        for (var i = 0; i < 100; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            taken += TakeAll(gate);
        }
        Assert.Equal(200, taken);
    }

    [Fact]
    public void Stops_every_poll_until_a_429s_retry_after_and_halves_the_pace_once_per_pause()
    {
        var gate = new RateGate(20, _clock.GetUtcNow());
        TakeAll(gate);

        var pause = gate.Limit(_clock.GetUtcNow(), TimeSpan.FromSeconds(2));
        gate.Limit(_clock.GetUtcNow(), TimeSpan.FromSeconds(1));

        Assert.Equal(TimeSpan.FromSeconds(2), pause);
        Assert.Equal(10, gate.Pace);
        Assert.Equal(2, gate.Limited);
        _clock.Advance(TimeSpan.FromSeconds(1.99));
        Assert.False(gate.TryTake(_clock.GetUtcNow()));
        Assert.Equal(TimeSpan.FromSeconds(0.01), gate.UntilNext(_clock.GetUtcNow()));
        _clock.Advance(TimeSpan.FromSeconds(0.01));
        Assert.True(gate.TryTake(_clock.GetUtcNow()));
    }

    [Fact]
    public void Pauses_a_second_for_a_429_without_retry_after_doubling_while_they_keep_coming()
    {
        var gate = new RateGate(8, _clock.GetUtcNow());

        var first = gate.Limit(_clock.GetUtcNow(), null);
        _clock.Advance(first);
        var second = gate.Limit(_clock.GetUtcNow(), null);
        _clock.Advance(second);
        gate.Answered();
        var after = gate.Limit(_clock.GetUtcNow(), null);

        Assert.Equal(TimeSpan.FromSeconds(1), first);
        Assert.Equal(TimeSpan.FromSeconds(2), second);
        Assert.Equal(TimeSpan.FromSeconds(1), after);
    }

    [Fact]
    public void Grows_the_pace_back_to_the_ceiling_while_the_server_lets_polls_through()
    {
        var gate = new RateGate(40, _clock.GetUtcNow());
        _clock.Advance(gate.Limit(_clock.GetUtcNow(), TimeSpan.FromSeconds(1)));
        Assert.Equal(20, gate.Pace);

        _clock.Advance(TimeSpan.FromSeconds(5));
        gate.TryTake(_clock.GetUtcNow());
        Assert.InRange(gate.Pace, 20 * Math.Pow(1.1, 5) - 0.01, 20 * Math.Pow(1.1, 5) + 0.01);
        _clock.Advance(TimeSpan.FromSeconds(60));
        gate.TryTake(_clock.GetUtcNow());
        Assert.Equal(40, gate.Pace);
    }

    [Fact]
    public void Gives_each_reserved_turn_its_own_time_so_requests_that_sleep_out_their_waits_go_one_by_one()
    {
        var now = _clock.GetUtcNow();
        var gate = new RateGate(10, now);

        var waits = Enumerable.Range(0, 6).Select(_ => Math.Round(gate.Reserve(now).TotalSeconds, 6)).ToList();

        // A quarter second's worth at once (2.5), then one every 0.1 s after the last whole one.
        Assert.Equal(new[] { 0, 0, 0.05, 0.15, 0.25, 0.35 }, waits);
    }

    [Fact]
    public void A_reserved_turn_waits_out_a_429s_pause()
    {
        var now = _clock.GetUtcNow();
        var gate = new RateGate(10, now);
        gate.Limit(now, TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(2), gate.Reserve(now));
    }

    [Fact]
    public void Starts_at_the_pace_it_is_given_and_grows_back_to_its_ceiling()
    {
        var gate = new RateGate(100, _clock.GetUtcNow(), startAt: 4);
        Assert.Equal(4, gate.Pace);

        _clock.Advance(TimeSpan.FromSeconds(60));
        gate.TryTake(_clock.GetUtcNow());

        Assert.Equal(100, gate.Pace);
    }
}
