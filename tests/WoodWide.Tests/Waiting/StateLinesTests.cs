using WoodWide.Waiting;
using Xunit;

namespace WoodWide.Tests.Waiting;

/// <summary>Which state lines a wait writes: every change where the bars are not drawn, a line per end under the bars of many jobs.</summary>
public class StateLinesTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Keeps_every_change_where_the_bars_are_not_drawn(int jobs) =>
        Assert.Equal(WaitLines.Changes, StateLines.Resolve(WaitLines.Auto, barsDrawn: false, jobs));

    [Fact]
    public void Writes_a_line_per_end_under_the_bars_of_many_jobs() =>
        Assert.Equal(WaitLines.Ends, StateLines.Resolve(WaitLines.Auto, barsDrawn: true, StateLines.FewJobs + 1));

    [Theory]
    [InlineData(1)]
    [InlineData(StateLines.FewJobs)]
    public void Keeps_every_change_under_the_bars_of_a_few_jobs(int jobs) =>
        Assert.Equal(WaitLines.Changes, StateLines.Resolve(WaitLines.Auto, barsDrawn: true, jobs));

    [Theory]
    [InlineData(WaitLines.Changes, true, 100)]
    [InlineData(WaitLines.Ends, false, 1)]
    public void Does_what_the_user_chose_whatever_the_host(WaitLines chosen, bool barsDrawn, int jobs) =>
        Assert.Equal(chosen, StateLines.Resolve(chosen, barsDrawn, jobs));
}
