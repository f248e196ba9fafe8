using WoodWide.Commands;
using WoodWide.Model;
using Xunit;

namespace WoodWide.Tests.Commands;

/// <summary>The cells of the job table views.</summary>
public class ViewTextTests
{
    [Theory]
    [InlineData("running", 99.6, "running 99%")]
    [InlineData("running", 42.0, "running 42%")]
    [InlineData("running", null, "running")]
    [InlineData("succeeded", 100.0, "succeeded")]
    [InlineData("failed", 12.0, "failed")]
    public void Shows_progress_rounded_down_while_a_job_runs(string status, double? progress, string expected) =>
        Assert.Equal(expected, ViewText.Status(new JobDetail { Status = status, Progress = progress }));

    [Fact]
    public void Shows_times_in_utc_to_the_minute()
    {
        var time = new DateTimeOffset(2026, 11, 7, 7, 31, 56, TimeSpan.FromHours(2));

        Assert.Equal("2026-11-07 05:31", ViewText.Utc(time));
        Assert.Null(ViewText.Utc(null));
    }

    [Fact]
    public void Shows_the_time_left_from_the_apis_estimate()
    {
        var job = new JobDetail { Status = "running", EstimatedSecondsRemaining = 150, RetrievedAt = DateTimeOffset.UtcNow };

        Assert.Equal("3m", ViewText.Eta(job));
        Assert.Null(ViewText.Eta(new JobDetail { Status = "running" }));
        Assert.Null(ViewText.Eta(new JobDetail { Status = "succeeded", EstimatedSecondsRemaining = 0 }));
    }
}
