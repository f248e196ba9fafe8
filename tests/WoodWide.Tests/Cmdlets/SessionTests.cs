using System.Collections.ObjectModel;
using System.Management.Automation;
using WoodWide.Emulator;
using WoodWide.Session;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Cmdlets;

[Collection(PowerShellCollection.Name)]
public sealed class SessionTests : IDisposable
{
    private readonly PowerShellFixture _ps;
    private static readonly string Train = SeedJobs.SucceededTrain.ToString();
    private readonly (string?, string?) _savedEnvironment;

    public SessionTests(PowerShellFixture ps)
    {
        _ps = ps;
        _savedEnvironment = (Environment.GetEnvironmentVariable("WOODWIDE_API_KEY"), Environment.GetEnvironmentVariable("WOODWIDE_BASE_URL"));
        Environment.SetEnvironmentVariable("WOODWIDE_API_KEY", null);
        Environment.SetEnvironmentVariable("WOODWIDE_BASE_URL", null);
    }

    public void Dispose()
    {
        WwSession.Current = null;
        Environment.SetEnvironmentVariable("WOODWIDE_API_KEY", _savedEnvironment.Item1);
        Environment.SetEnvironmentVariable("WOODWIDE_BASE_URL", _savedEnvironment.Item2);
    }

    [Fact]
    public void Connect_checks_the_key_once_then_later_calls_need_none()
    {
        var r = _ps.Run("Connect-WwAccount -ApiKey $key -BaseUri $base -Verbose; Get-WwJob -Id " + Train + "; Get-WwContext");

        var context = Assert.IsType<WwContext>(r.Output[0].BaseObject);
        Assert.Equal(_ps.Emulator.BaseUri, context.BaseUri);
        Assert.Equal("Session", context.KeySource);
        Assert.Contains("key accepted", context.Reached);
        Assert.Equal(SeedJobs.SucceededTrain, ((WoodWide.Model.JobDetail)r.Output[1].BaseObject).JobId);
        Assert.Equal("Session", ((WwContext)r.Output[2].BaseObject).KeySource);
        Assert.Contains(r.Streams.Verbose, v => v.Message.StartsWith("GET /jobs?limit=1 -> 200"));
        Assert.Empty(r.Errors);
        Assert.DoesNotContain(TestKeys.Secret, r.AllText());
    }

    [Fact]
    public void Connect_names_the_base_uri_it_checks_the_key_with_when_it_comes_from_the_environment()
    {
        Environment.SetEnvironmentVariable("WOODWIDE_BASE_URL", _ps.Emulator.BaseUri.ToString());

        var r = _ps.Run("Connect-WwAccount -ApiKey $key -Verbose");

        Assert.Empty(r.Errors);
        Assert.Contains(r.Streams.Verbose, v => v.Message.Contains($"on target \"{_ps.Emulator.BaseUri}\""));
    }

    [Fact]
    public void Connect_keeps_nothing_when_the_key_is_refused()
    {
        var r = _ps.Run("Connect-WwAccount -ApiKey (ConvertTo-SecureString 'sk_wrong' -AsPlainText -Force) -BaseUri $base; (Get-WwContext).KeySource");

        Assert.Equal("WwAuthenticationFailed,WoodWide.Commands.ConnectWwAccountCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
        Assert.Equal("None", Assert.Single(r.Output).BaseObject);
        Assert.Null(WwSession.Current);
    }

    [Fact]
    public void Connect_without_a_key_where_it_cannot_prompt_says_how_to_give_one()
    {
        var r = _ps.Run("Connect-WwAccount -BaseUri $base");

        var error = Assert.Single(r.Errors);
        Assert.Equal("WwApiKeyMissing,WoodWide.Commands.ConnectWwAccountCommand", error.FullyQualifiedErrorId);
        Assert.Contains("-ApiKey", error.ToString());
    }

    /// <summary>Runs Connect-WwAccount without -ApiKey in a runspace of its own, on a host that types <paramref name="typed"/>.</summary>
    private (TestHost Host, List<ErrorRecord> Errors, Collection<PSObject> Output) ConnectAt(TestHost host)
    {
        var state = System.Management.Automation.Runspaces.InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { Path.Combine(AppContext.BaseDirectory, "WoodWide.psd1") });
        using var runspace = System.Management.Automation.Runspaces.RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddCommand("Connect-WwAccount").AddParameter("BaseUri", _ps.Emulator.BaseUri);
        Collection<PSObject> output;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException e)
        {
            return (host, new List<ErrorRecord> { e.ErrorRecord }, new Collection<PSObject>());
        }
        return (host, ps.Streams.Error.ToList(), output);
    }

    [Fact]
    public void Connect_prompts_for_the_key_and_keeps_it()
    {
        var (host, errors, output) = ConnectAt(new TestHost(TestKeys.Secret));

        Assert.Empty(errors);
        Assert.Equal("Session", ((WwContext)Assert.Single(output).BaseObject).KeySource);
        Assert.Contains("API key: ", host.Screen);
        Assert.DoesNotContain(TestKeys.Secret, host.Screen);
    }

    [Fact]
    public void Connect_says_so_when_no_key_was_entered()
    {
        var (host, errors, _) = ConnectAt(new TestHost(""));

        var error = Assert.Single(errors);
        Assert.Equal("WwApiKeyMissing,WoodWide.Commands.ConnectWwAccountCommand", error.FullyQualifiedErrorId);
        Assert.StartsWith("No key was entered.", error.ToString());
        Assert.DoesNotContain("where it can prompt", error.ToString());
        Assert.Null(WwSession.Current);
    }

    [Fact]
    public void Connect_writes_no_prompt_where_the_host_cannot_prompt()
    {
        var (host, errors, _) = ConnectAt(new TestHost(null, canPrompt: false));

        Assert.Contains("cannot prompt", Assert.Single(errors).ToString());
        // No dangling "key:" before the error: the host refused before anything was written.
        Assert.Equal(string.Empty, host.Screen);
    }

    [Fact]
    public void A_parameter_still_wins_over_the_session()
    {
        var r = _ps.Run("Connect-WwAccount -ApiKey $key -BaseUri $base | Out-Null; " +
                        $"Get-WwJob -Id {Train} -ApiKey (ConvertTo-SecureString 'sk_wrong' -AsPlainText -Force)");

        Assert.Equal("WwAuthenticationFailed,WoodWide.Commands.GetWwJobCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Disconnect_forgets_the_session()
    {
        var r = _ps.Run($"Connect-WwAccount -ApiKey $key -BaseUri $base | Out-Null; Disconnect-WwAccount; (Get-WwContext).KeySource; Get-WwJob -Id {Train}");

        Assert.Equal("None", Assert.Single(r.Output).BaseObject);
        Assert.Equal("WwApiKeyMissing,WoodWide.Commands.GetWwJobCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Get_WwContext_reads_the_environment_without_a_session()
    {
        Environment.SetEnvironmentVariable("WOODWIDE_API_KEY", "sk_env");
        Environment.SetEnvironmentVariable("WOODWIDE_BASE_URL", "http://127.0.0.1:5780");

        var context = (WwContext)Assert.Single(_ps.Run("Get-WwContext").Output).BaseObject;

        Assert.Equal("Environment", context.KeySource);
        Assert.Equal("http://127.0.0.1:5780/", context.BaseUri.AbsoluteUri);
        Assert.Null(context.ConnectedAt);
        Assert.DoesNotContain("sk_env", context.ToString());
    }
}
