using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Cmdlets;

/// <summary>Wait-WwJob -Lines: which state lines a wait writes, against living emulator jobs.</summary>
[Collection(PowerShellCollection.Name)]
public class WaitWwJobLinesTests
{
    private readonly PowerShellFixture _ps;

    public WaitWwJobLinesTests(PowerShellFixture ps) => _ps = ps;

    private static List<string> Lines(Invocation r) => r.Streams.Information.Select(i => i.MessageData.ToString()!).ToList();

    [Fact]
    public void Ends_writes_a_line_per_end_and_the_closing_count_only()
    {
        // Queued for a second: the first poll comes before the end even on a loaded machine or in a cold process (with
        // 0.2 s, one run under load saw the end first, and its line had no state to come from).
        var a = _ps.CreateJob(queued: 1, running: 0.6);
        var b = _ps.CreateJob(queued: 1, running: 0.6, outcome: "failed");

        var r = _ps.Run($"Wait-WwJob -Id {a},{b} -ApiKey $key -BaseUri $live -PollIntervalSec 0.2 -Lines Ends -NoJobError");

        var lines = Lines(r);
        Assert.Equal(3, lines.Count);
        // Each end from whatever state its last poll saw (on a slow machine a poll may miss the running phase).
        Assert.Single(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"train {a}: (queued|running) -> succeeded after"));
        Assert.Single(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"train {b}: (queued|running) -> failed after"));
        Assert.Matches(@"^\[\d\d:\d\d\] 2 jobs: 1 succeeded, 1 failed\.$", lines[^1]);
    }

    [Fact]
    public void A_host_that_draws_no_bars_gets_every_change_by_default()
    {
        // A hosted runspace draws no bars, as a redirected console does not: each change has its line.
        // Queued for a second, so the first poll sees it queued even when it is the first wait of a cold process.
        var id = _ps.CreateJob(queued: 1, running: 1);

        var r = _ps.Run($"Wait-WwJob -Id {id} -ApiKey $key -BaseUri $live -PollIntervalSec 0.2");

        Assert.Contains(Lines(r), l => l.EndsWith($"train {id}: queued", StringComparison.Ordinal));
        Assert.Contains(Lines(r), l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"train {id}: (queued|running) -> succeeded"));
    }

    [Fact]
    public void The_choice_holds_in_a_background_wait()
    {
        var id = _ps.CreateJob(queued: 1, running: 0.5);

        var r = _ps.Run($"Wait-WwJob -Id {id} -ApiKey $key -BaseUri $live -PollIntervalSec 0.2 -Lines Ends -AsJob | Receive-Job -Wait -AutoRemoveJob");

        var line = Assert.Single(Lines(r));
        Assert.Contains($"train {id}: ", line);
        Assert.Contains("-> succeeded", line);
    }
}
