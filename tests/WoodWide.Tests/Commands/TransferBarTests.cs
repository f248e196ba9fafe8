using System.Management.Automation;
using Microsoft.Extensions.Time.Testing;
using WoodWide.Commands;
using Xunit;

namespace WoodWide.Tests.Commands;

/// <summary>The bar of an upload: drawn only after a moment, at most four times a second, with rate and time left.</summary>
public class TransferBarTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public void Draws_nothing_for_a_transfer_that_ends_within_a_moment()
    {
        var bar = new TransferBar(1, "Uploading x.csv", 1000, _clock);
        _clock.Advance(TimeSpan.FromSeconds(0.4));

        Assert.Null(bar.Update(1000));
        Assert.Null(bar.Completion());
    }

    [Fact]
    public void Shows_bytes_rate_and_time_left_then_completes()
    {
        var bar = new TransferBar(1, "Uploading x.csv", 100L * 1024 * 1024, _clock);
        _clock.Advance(TimeSpan.FromSeconds(2));

        var record = bar.Update(20L * 1024 * 1024)!;

        Assert.Equal(20, record.PercentComplete);
        Assert.Equal(8, record.SecondsRemaining);
        Assert.Equal("20.0 MB of 100.0 MB at 10.0 MB/s", record.StatusDescription);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Null(bar.Update(21L * 1024 * 1024));
        _clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.NotNull(bar.Update(22L * 1024 * 1024));
        Assert.Equal(ProgressRecordType.Completed, bar.Completion()!.RecordType);
    }

    [Theory]
    [InlineData(1L, "1 byte")]
    [InlineData(37L, "37 bytes")]
    [InlineData(2048L, "2 KB")]
    [InlineData(31L * 1024 * 1024, "31.0 MB")]
    [InlineData(3L * 1024 * 1024 * 1024, "3.0 GB")]
    public void Sizes_read_as_a_person_would_say_them(long bytes, string text) => Assert.Equal(text, ViewText.Size(bytes));
}
