using WoodWide.Client;
using WoodWide.Session;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Session;

public class ConnectionResolverTests
{
    private static Func<string, string?> Env(string? key = null, string? url = null) => name => name switch
    {
        ConnectionResolver.ApiKeyVariable => key,
        ConnectionResolver.BaseUrlVariable => url,
        _ => null,
    };

    [Fact]
    public void Takes_the_parameter_before_the_session_and_the_environment()
    {
        var session = new WwSession(ApiKey.FromPlainText("sk_session"), new Uri("https://session.test.invalid"));

        var connection = ConnectionResolver.Resolve(TestKeys.Secure("sk_param"), new Uri("https://param.test.invalid"),
            session, Env("sk_env", "https://env.test.invalid"));

        Assert.Equal("sk_param", connection.ApiKey.Reveal());
        Assert.Equal("https://param.test.invalid/", connection.BaseUri.AbsoluteUri);
    }

    [Fact]
    public void Takes_the_session_before_the_environment()
    {
        var session = new WwSession(ApiKey.FromPlainText("sk_session"), new Uri("https://session.test.invalid/v1"));

        var connection = ConnectionResolver.Resolve(null, null, session, Env("sk_env", "https://env.test.invalid"));

        Assert.Equal("sk_session", connection.ApiKey.Reveal());
        Assert.Equal("https://session.test.invalid/v1/", connection.BaseUri.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://session.test.invalid/v1")]
    [InlineData("HTTPS://SESSION.test.invalid/v1/")]
    public void Keeps_the_session_key_for_the_base_uri_it_was_checked_against(string baseUri)
    {
        var session = new WwSession(ApiKey.FromPlainText("sk_session"), new Uri("https://session.test.invalid/v1"));

        var connection = ConnectionResolver.Resolve(null, new Uri(baseUri), session, Env());

        Assert.Equal("sk_session", connection.ApiKey.Reveal());
    }

    [Fact]
    public void Never_sends_the_session_key_to_another_base_uri()
    {
        var session = new WwSession(ApiKey.FromPlainText("sk_session"), new Uri("https://session.test.invalid/v1"));

        var fromEnvironment = ConnectionResolver.Resolve(null, new Uri("https://other.test.invalid"), session, Env("sk_env"));
        var missing = Assert.Throws<ConnectionException>(() =>
            ConnectionResolver.Resolve(null, new Uri("https://session.test.invalid/v2"), session, Env()));

        Assert.Equal("sk_env", fromEnvironment.ApiKey.Reveal());
        Assert.Equal("WwApiKeyMissing", missing.ErrorId);
        Assert.Contains("The session's key (Connect-WwAccount) is for https://session.test.invalid/v1", missing.Message);
    }

    [Fact]
    public void Falls_back_to_the_environment_then_the_public_api()
    {
        var fromEnvironment = ConnectionResolver.Resolve(null, null, null, Env(" sk_env ", "http://localhost:5780"));
        var byDefault = ConnectionResolver.Resolve(null, null, null, Env("sk_env"));

        Assert.Equal("sk_env", fromEnvironment.ApiKey.Reveal());
        Assert.Equal("http://localhost:5780/", fromEnvironment.BaseUri.AbsoluteUri);
        Assert.Equal("https://api.woodwide.ai/", byDefault.BaseUri.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Names_both_ways_to_give_a_key_when_there_is_none(string? key)
    {
        var error = Assert.Throws<ConnectionException>(() => ConnectionResolver.Resolve(null, null, null, Env(key)));

        Assert.Equal("WwApiKeyMissing", error.ErrorId);
        Assert.Contains("WOODWIDE_API_KEY", error.Message);
        Assert.Contains("-ApiKey", error.Message);
    }

    [Fact]
    public void Refuses_an_empty_key_parameter() =>
        Assert.Equal("WwApiKeyEmpty",
            Assert.Throws<ConnectionException>(() => ConnectionResolver.Resolve(TestKeys.Secure(""), null, null, Env("sk_env"))).ErrorId);

    [Theory]
    [InlineData("http://api.woodwide.ai", "WwInsecureBaseUri")]
    [InlineData("http://10.0.0.5:8080", "WwInsecureBaseUri")]
    [InlineData("ftp://api.woodwide.ai", "WwInvalidBaseUri")]
    [InlineData("https://user:pw@api.woodwide.ai", "WwInvalidBaseUri")]
    [InlineData("http://user:pw@10.0.0.5", "WwInvalidBaseUri")]
    public void Refuses_a_base_uri_that_would_leak_or_cannot_work(string uri, string errorId)
    {
        var error = Assert.Throws<ConnectionException>(() =>
            ConnectionResolver.Resolve(TestKeys.Secure("sk_x"), new Uri(uri), null, Env()));

        Assert.Equal(errorId, error.ErrorId);
        Assert.DoesNotContain("pw@", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5780")]
    [InlineData("http://localhost:5780/")]
    [InlineData("http://[::1]:5780")]
    public void Allows_plain_http_to_this_machine(string uri) =>
        Assert.Equal("http", ConnectionResolver.Resolve(TestKeys.Secure("sk_x"), new Uri(uri), null, Env()).BaseUri.Scheme);

    [Theory]
    [InlineData("not a uri")]
    [InlineData("/relative/path")]
    public void Refuses_a_base_url_variable_that_is_not_an_absolute_uri(string url) =>
        Assert.Equal("WwInvalidBaseUri",
            Assert.Throws<ConnectionException>(() => ConnectionResolver.Resolve(null, null, null, Env("sk_env", url))).ErrorId);

    [Fact]
    public void Never_shows_the_key_in_text()
    {
        var key = ApiKey.FromPlainText(TestKeys.Secret);
        var connection = new WwConnection(new Uri("https://api.test.invalid"), key);

        Assert.DoesNotContain(TestKeys.Secret, key.ToString());
        Assert.DoesNotContain(TestKeys.Secret, connection.ToString());
    }
}
