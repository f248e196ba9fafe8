using System.Management.Automation;
using WoodWide.Emulator;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Cmdlets;

[Collection(PowerShellCollection.Name)]
public class CredentialTests
{
    private readonly PowerShellFixture _ps;
    private static readonly string Train = SeedJobs.SucceededTrain.ToString();

    public CredentialTests(PowerShellFixture ps) => _ps = ps;

    private Invocation WithEnvironment(string? key, string? url, string script)
    {
        var saved = (Environment.GetEnvironmentVariable("WOODWIDE_API_KEY"), Environment.GetEnvironmentVariable("WOODWIDE_BASE_URL"));
        Environment.SetEnvironmentVariable("WOODWIDE_API_KEY", key);
        Environment.SetEnvironmentVariable("WOODWIDE_BASE_URL", url);
        try
        {
            return _ps.Run(script);
        }
        finally
        {
            Environment.SetEnvironmentVariable("WOODWIDE_API_KEY", saved.Item1);
            Environment.SetEnvironmentVariable("WOODWIDE_BASE_URL", saved.Item2);
        }
    }

    [Fact]
    public void Uses_the_environment_when_no_parameter_is_given()
    {
        var r = WithEnvironment(TestKeys.Secret, _ps.Emulator.BaseUri.ToString(), $"Get-WwJob -Id {Train}");

        Assert.Single(r.Output);
        Assert.False(r.HadErrors);
    }

    [Fact]
    public void Lets_ApiKey_win_over_the_environment()
    {
        var winsWithGoodParameter = WithEnvironment("sk_wrong", _ps.Emulator.BaseUri.ToString(), $"Get-WwJob -Id {Train} -ApiKey $key");
        var losesWithBadParameter = WithEnvironment(TestKeys.Secret, _ps.Emulator.BaseUri.ToString(),
            $"Get-WwJob -Id {Train} -ApiKey (ConvertTo-SecureString 'sk_wrong' -AsPlainText -Force)");

        Assert.Single(winsWithGoodParameter.Output);
        Assert.Empty(losesWithBadParameter.Output);
        Assert.Equal("WwAuthenticationFailed,WoodWide.Commands.GetWwJobCommand", Assert.Single(losesWithBadParameter.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Ends_with_one_clear_error_when_there_is_no_key_anywhere()
    {
        var r = WithEnvironment(null, null, $"'{Train}', '{Train}' | Get-WwJob");

        var error = Assert.Single(r.Errors);
        Assert.Equal("WwApiKeyMissing,WoodWide.Commands.GetWwJobCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("WOODWIDE_API_KEY", error.ToString());
        Assert.Contains("-ApiKey", error.ToString());
    }

    [Fact]
    public void Ends_the_command_at_the_first_rejected_key()
    {
        var r = _ps.Run($"'{Train}', '{Train}', '{Train}' | Get-WwJob -BaseUri $base -ApiKey (ConvertTo-SecureString 'sk_wrong' -AsPlainText -Force) -Verbose");

        var error = Assert.Single(r.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("Invalid API key", error.ToString());
        Assert.Single(r.Streams.Verbose);
    }

    [Fact]
    public void Says_how_to_pass_a_key_given_as_plain_text()
    {
        var r = _ps.Run($"Get-WwJob -Id {Guid.NewGuid()} -ApiKey 'sk_plain_text' -BaseUri $base");

        var error = Assert.Single(r.Errors);
        Assert.Contains("-ApiKey takes a SecureString", error.ToString());
        Assert.DoesNotContain("sk_plain_text", error.ToString());
    }

    [Fact]
    public void Refuses_plain_http_to_another_host_before_sending_anything()
    {
        var r = _ps.Run($"Get-WwJob -Id {Train} -ApiKey $key -BaseUri 'http://api.woodwide.ai' -Verbose");

        var error = Assert.Single(r.Errors);
        Assert.Equal("WwInsecureBaseUri,WoodWide.Commands.GetWwJobCommand", error.FullyQualifiedErrorId);
        Assert.Contains("https", error.ToString());
        Assert.Empty(r.Streams.Verbose);
    }

    [Theory]
    [InlineData("relative/path", "WwInvalidBaseUri")]
    [InlineData("ftp://api.woodwide.ai", "WwInvalidBaseUri")]
    [InlineData("http://10.1.2.3:8080", "WwInsecureBaseUri")]
    public void Refuses_a_malformed_base_uri_naming_it(string uri, string errorId)
    {
        var r = _ps.Run($"Get-WwJob -Id {Train} -ApiKey $key -BaseUri '{uri}' -Verbose");

        var error = Assert.Single(r.Errors);
        Assert.Equal(errorId + ",WoodWide.Commands.GetWwJobCommand", error.FullyQualifiedErrorId);
        Assert.Contains(uri.Split('/')[0], error.ToString());
        Assert.Empty(r.Streams.Verbose);
    }

    [Theory]
    [InlineData("-Id 00000000-0000-4000-8000-00000000dead", true)]
    [InlineData("-Id not-a-guid", false)]
    [InlineData("-Id " + "6f1c2a9e-3b7d-4e21-9a55-0c8d1e2f3a40", true)]
    [InlineData("-Status failed", true)]
    public void Never_shows_the_key_in_any_stream(string arguments, bool sendsRequests)
    {
        var script = "$DebugPreference = 'Continue'; $InformationPreference = 'Continue'; $Error.Clear(); " +
                     $"Get-WwJob {arguments} -ApiKey $key -BaseUri $base -Verbose -Debug; " +
                     $"Get-WwJob {arguments} -BaseUri $base -ApiKey (ConvertTo-SecureString '{TestKeys.Secret}x' -AsPlainText -Force) -Verbose -Debug; " +
                     "$Error | Format-List * -Force | Out-String; $Error | ForEach-Object { $_.Exception | Format-List * -Force | Out-String }";

        var r = _ps.Run(script);

        Assert.Equal(sendsRequests, r.Streams.Verbose.Count > 0);
        Assert.NotEmpty(r.Errors);
        Assert.DoesNotContain(TestKeys.Secret, r.AllText());
    }
}
