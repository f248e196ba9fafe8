using System.Net.Http.Headers;
using System.Text.Json;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Cmdlets;

/// <summary>
/// The emulator's GET /jobs as the API's most likely is: newest first, limit 1-100, an opaque cursor, items without
/// the detail-only fields, each page counted in /_emulator/requests. Wait-WwJob's sweeps rest on it.
/// </summary>
[Collection(PowerShellCollection.Name)]
public class EmulatorListingTests
{
    private static readonly string[] DetailOnly = { "input", "output", "resources", "error_message", "woodwide_runtime_version", "credits_consumed" };

    private readonly PowerShellFixture _ps;

    public EmulatorListingTests(PowerShellFixture ps) => _ps = ps;

    private static async Task<(int Status, JsonElement Body)> Get(Uri baseUri, string path)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Secret);
        using var response = await client.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, json.RootElement.Clone());
    }

    [Fact]
    public async Task Lists_newest_first_across_cursor_pages_without_the_detail_only_fields_and_counts_each_page()
    {
        var baseUri = _ps.Emulator.BaseUri;
        using (var client = new HttpClient()) await client.DeleteAsync(new Uri(baseUri, "_emulator/requests"));
        var created = new List<DateTimeOffset>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (status, body) = await Get(baseUri, "jobs?limit=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.Equal(200, status);
            pages++;
            var items = body.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 3);
            foreach (var item in items)
            {
                foreach (var field in DetailOnly) Assert.False(item.TryGetProperty(field, out _), $"a listed job carries {field}");
                Assert.True(item.TryGetProperty("progress", out _));
                Assert.True(item.TryGetProperty("estimated_seconds_remaining", out _));
                created.Add(item.GetProperty("created_at").GetDateTimeOffset());
            }
            cursor = body.GetProperty("next_cursor").ValueKind == JsonValueKind.String ? body.GetProperty("next_cursor").GetString() : null;
        } while (cursor != null);

        Assert.True(pages > 1);
        Assert.Equal(created.OrderByDescending(t => t), created);
        var (_, counts) = await Get(baseUri, "_emulator/requests");
        Assert.Equal(pages, counts.GetProperty("paths").GetProperty("/jobs").GetInt32());
    }

    [Theory]
    [InlineData("jobs?limit=0", 422)]
    [InlineData("jobs?limit=101", 422)]
    [InlineData("jobs?limit=100", 200)]
    [InlineData("jobs?cursor=not-a-cursor", 422)]
    public async Task Takes_a_limit_from_1_to_100_and_refuses_a_cursor_it_did_not_give(string path, int expected)
    {
        var (status, _) = await Get(_ps.Emulator.BaseUri, path);
        Assert.Equal(expected, status);
    }
}
