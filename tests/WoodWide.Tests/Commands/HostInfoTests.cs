using System.Management.Automation;
using WoodWide.Commands;
using Xunit;

namespace WoodWide.Tests.Commands;

/// <summary>Whether the host draws the bars, which decides the state lines' default.</summary>
public class HostInfoTests
{
    [Fact]
    public void The_console_draws_bars_at_a_terminal() => Assert.True(HostInfo.DrawsBars("ConsoleHost", outputRedirected: false, ActionPreference.Continue));

    [Fact]
    public void The_console_draws_none_when_its_output_is_redirected() => Assert.False(HostInfo.DrawsBars("ConsoleHost", outputRedirected: true, ActionPreference.Continue));

    [Theory]
    [InlineData(ActionPreference.SilentlyContinue)]
    [InlineData(ActionPreference.Ignore)]
    public void No_bars_are_drawn_when_progress_is_silenced(ActionPreference progress) =>
        Assert.False(HostInfo.DrawsBars("ConsoleHost", outputRedirected: false, progress));

    [Theory]
    [InlineData("Default Host")]
    [InlineData("ServerRemoteHost")]
    [InlineData(null)]
    public void A_host_not_known_to_draw_them_is_taken_to_draw_none(string? host) => Assert.False(HostInfo.DrawsBars(host, outputRedirected: false, null));

    [Fact]
    public void An_editors_host_draws_them_in_its_own_pane() => Assert.True(HostInfo.DrawsBars("Visual Studio Code Host", outputRedirected: true, null));
}
