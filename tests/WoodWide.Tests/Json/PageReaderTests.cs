using System.Text;
using System.Text.Json;
using WoodWide.Client;
using WoodWide.Client.Json;
using Xunit;

namespace WoodWide.Tests.Json;

public class PageReaderTests
{
    private const string Item = "{\"job_id\":\"6f1c2a9e-3b7d-4e21-9a55-0c8d1e2f3a40\",\"status\":\"queued\"}";

    private static Page<WoodWide.Model.JobSummary> Read(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return PageReader.Read(ref reader, JobJsonReader.ReadSummary, "job list");
    }

    [Fact]
    public void Reads_items_and_a_next_cursor()
    {
        var page = Read("{\"items\":[" + Item + "," + Item + "],\"next_cursor\":\"abc=\"}");

        Assert.Equal(2, page.Items.Count);
        Assert.Equal(new KeyValuePair<string, string>("cursor", "abc="), page.NextParameter);
        Assert.Null(page.NextLink);
    }

    [Theory]
    [InlineData("next_page_token", "page_token")]
    [InlineData("next_token", "token")]
    public void Sends_a_token_back_under_the_name_it_came_with(string field, string parameter)
    {
        var page = Read("{\"items\":[" + Item + "],\"" + field + "\":\"t1\"}");

        Assert.Equal(new KeyValuePair<string, string>(parameter, "t1"), page.NextParameter);
    }

    [Fact]
    public void Prefers_a_next_link_when_there_is_one()
    {
        var page = Read("{\"items\":[" + Item + "],\"next\":\"/jobs?cursor=xyz\",\"next_cursor\":\"xyz\"}");

        Assert.Equal("/jobs?cursor=xyz", page.NextLink);
    }

    [Fact]
    public void Stops_when_has_more_is_false()
    {
        var page = Read("{\"items\":[" + Item + "],\"next_cursor\":\"abc\",\"has_more\":false}");

        Assert.False(page.HasNext);
    }

    [Fact]
    public void Continues_an_offset_listing_while_has_more()
    {
        var page = Read("{\"items\":[" + Item + "," + Item + "],\"offset\":10,\"limit\":2,\"has_more\":true}");

        Assert.Equal(new KeyValuePair<string, string>("offset", "12"), page.NextParameter);
    }

    [Theory]
    [InlineData("{\"items\":[]}")]
    [InlineData("{\"items\":[],\"next_cursor\":\"abc\"}")]
    [InlineData("{\"items\":[" + Item + "],\"next_cursor\":null}")]
    [InlineData("{\"items\":[" + Item + "],\"next_cursor\":\"\"}")]
    [InlineData("{\"items\":[" + Item + "],\"total\":1}")]
    public void Ends_where_there_is_no_usable_next_page(string json) =>
        Assert.False(Read(json).HasNext);

    [Fact]
    public void Accepts_a_bare_array()
    {
        Assert.Single(Read("[" + Item + "]").Items);
    }

    [Theory]
    [InlineData("{\"jobs\":[]}")]
    [InlineData("{\"items\":{}}")]
    [InlineData("\"items\"")]
    public void Refuses_a_body_without_an_items_array(string json) =>
        Assert.Throws<JsonException>(() => Read(json));
}
