using Microsoft.Extensions.Time.Testing;
using WoodWide.Waiting;
using Xunit;

namespace WoodWide.Tests.Waiting;

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
}
