using WoodWide.Client;
using Xunit;

namespace WoodWide.Tests.Client;

public class ErrorBodyTests
{
    [Theory]
    [InlineData("{\"detail\":\"Job not found\"}", "Job not found")]
    [InlineData("{\"detail\":[{\"loc\":[\"body\",\"model_name\"],\"msg\":\"Field required\"}]}", "body.model_name: Field required")]
    [InlineData("{\"detail\":[{\"loc\":[\"query\",0],\"msg\":\"bad\"}]}", "query.0: bad")]
    [InlineData("{\"detail\":{\"msg\":\"odd but clear\"}}", "odd but clear")]
    [InlineData("{\"message\":\"gateway says no\"}", "gateway says no")]
    [InlineData("  {\"detail\":\"leading space\"}", "leading space")]
    public void Reads_the_human_message(string body, string expected) =>
        Assert.Equal(expected, ErrorBody.ReadDetail(body));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<html>oops</html>")]
    [InlineData("{\"detail\":")]
    [InlineData("{\"other\":1}")]
    [InlineData("{\"detail\":null}")]
    [InlineData("[\"detail\"]")]
    public void Gives_nothing_when_there_is_no_message(string? body) =>
        Assert.Null(ErrorBody.ReadDetail(body));
}
