using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using WoodWide.Emulator;
using Xunit;

namespace WoodWide.Tests.Support;

/// <summary>
/// One emulator (in-process Kestrel on a free loopback port) and one runspace with the module imported from its
/// manifest, shared by the cmdlet tests. They run one at a time: they share the runspace and the process environment.
/// </summary>
public sealed class PowerShellFixture : IAsyncLifetime
{
    private Runspace? _runspace;

    /// <summary>The seeded emulator: its jobs never change, so listings can be checked exactly ($base).</summary>
    public EmulatorHost Emulator { get; private set; } = null!;

    /// <summary>An emulator that starts empty, for the living jobs the wait tests create ($live).</summary>
    public EmulatorHost Living { get; private set; } = null!;

    /// <summary>An emulator whose own jobs (ingests, trainings, inferences) run at 1/20 speed, for the runbook tests ($models).</summary>
    public EmulatorHost Models { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Whatever CI system runs these tests, the waits here write no CI commands and no summary of their own: the tests
        // of those (WaitWwJobCiTests) name the system themselves.
        Environment.SetEnvironmentVariable("WOODWIDE_CI", "off");
        // A small page size makes every listing cross several pages.
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, ApiKey = TestKeys.Secret, DefaultPageSize = 4 });
        Living = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, ApiKey = TestKeys.Secret, Seed = false });
        Models = await EmulatorHost.StartAsync(new EmulatorOptions { Port = 0, ApiKey = TestKeys.Secret, Seed = false, TimeScale = 0.05 });
        _runspace = OpenRunspace(null);
    }

    private Runspace OpenRunspace(System.Management.Automation.Host.PSHost? host)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(new[] { Path.Combine(AppContext.BaseDirectory, "WoodWide.psd1") });
        var runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        runspace.SessionStateProxy.SetVariable("key", TestKeys.Secure(TestKeys.Secret));
        runspace.SessionStateProxy.SetVariable("base", Emulator.BaseUri);
        runspace.SessionStateProxy.SetVariable("live", Living.BaseUri);
        runspace.SessionStateProxy.SetVariable("models", Models.BaseUri);
        return runspace;
    }

    private static readonly System.Net.Http.HttpClient Control = new();

    /// <summary>Creates a living job on the <see cref="Living"/> emulator (POST /_emulator/jobs) and returns its id.</summary>
    /// <param name="hold">Keep the job queued until <see cref="Release"/>: for tests that move it on an event, not a clock.</param>
    public string CreateJob(string type = "train", double queued = 0.2, double running = 1, string outcome = "succeeded",
        string? error = null, bool eta = true, bool progress = true, bool hold = false)
    {
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = type, ["queued_seconds"] = queued, ["running_seconds"] = running, ["outcome"] = outcome,
            ["report_eta"] = eta, ["report_progress"] = progress, ["credits"] = 2.5, ["hold"] = hold,
        };
        if (error != null) body["error_message"] = error;
        using var content = new System.Net.Http.StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = Control.PostAsync(new Uri(Living.BaseUri, "_emulator/jobs"), content).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        var json = System.Text.Json.JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return json.RootElement.GetProperty("job_id").GetString()!;
    }

    /// <summary>Creates a job on <paramref name="emulator"/> from a full POST /_emulator/jobs body; its id.</summary>
    public string PostJob(EmulatorHost emulator, System.Text.Json.Nodes.JsonObject body)
    {
        using var content = new System.Net.Http.StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = Control.PostAsync(new Uri(emulator.BaseUri, "_emulator/jobs"), content).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
        return json.RootElement.GetProperty("job_id").GetString()!;
    }

    /// <summary>Lets a job created with hold go on from its queue (POST /_emulator/jobs/{id}/release).</summary>
    public void Release(string jobId)
    {
        using var response = Control.PostAsync(new Uri(Living.BaseUri, $"_emulator/jobs/{jobId}/release"), null).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Injects a fault into an emulator (POST /_emulator/faults), e.g. new { kind = "status", status = 503, count = 2 }.</summary>
    public void Fault(EmulatorHost emulator, object fault)
    {
        using var content = new System.Net.Http.StringContent(System.Text.Json.JsonSerializer.Serialize(fault), System.Text.Encoding.UTF8, "application/json");
        using var response = Control.PostAsync(new Uri(emulator.BaseUri, "_emulator/faults"), content).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Forgets every fault and every request count of an emulator.</summary>
    public void Reset(EmulatorHost emulator)
    {
        Control.DeleteAsync(new Uri(emulator.BaseUri, "_emulator/faults")).GetAwaiter().GetResult().EnsureSuccessStatusCode();
        Control.DeleteAsync(new Uri(emulator.BaseUri, "_emulator/requests")).GetAwaiter().GetResult().EnsureSuccessStatusCode();
    }

    /// <summary>How many API requests for <paramref name="path"/> the emulator has seen since the last reset.</summary>
    public int Requests(EmulatorHost emulator, string path)
    {
        var json = Control.GetStringAsync(new Uri(emulator.BaseUri, "_emulator/requests")).GetAwaiter().GetResult();
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("paths").TryGetProperty(path, out var n) ? n.GetInt32() : 0;
    }

    /// <summary>How many API requests for paths that start with <paramref name="prefix"/> the emulator has seen since the last reset.</summary>
    public int RequestsUnder(EmulatorHost emulator, string prefix)
    {
        var json = Control.GetStringAsync(new Uri(emulator.BaseUri, "_emulator/requests")).GetAwaiter().GetResult();
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)).Sum(p => p.Value.GetInt32());
    }

    /// <summary>Runs a script; a terminating error lands in Streams.Error like any other.</summary>
    public Invocation Run(string script)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        var output = ps.Invoke();
        // Copied now: disposing the PowerShell clears its streams.
        return new Invocation(output, Streams.CopyOf(ps.Streams), ps.HadErrors);
    }

    /// <summary>A PowerShell on the shared runspace, for tests that drive it themselves (BeginInvoke, Stop).</summary>
    public PowerShell Create()
    {
        var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        return ps;
    }

    /// <summary>
    /// Runs <paramref name="script"/> on a runspace of its own and stops it at its first progress record, as Ctrl+C
    /// would. The progress is what its host was given: after a stop the pipeline's progress stream takes no records,
    /// and a command completes its bars on the host directly, which is where a user sees them.
    /// </summary>
    internal async Task<StoppedRun> StopAtFirstBar(string script)
    {
        var host = new TestHost(null);
        using var runspace = OpenRunspace(host);
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        var drawn = new TaskCompletionSource();
        ps.Streams.Progress.DataAdded += (_, _) => drawn.TrySetResult();
        var running = ps.BeginInvoke();
        await drawn.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // Stop returns once the pipeline has stopped; the bound is a guard against a hang, not a measure.
        await Task.Run(ps.Stop).WaitAsync(TimeSpan.FromSeconds(30));

        lock (host.Progress) return new StoppedRun(running.IsCompleted, ps.InvocationStateInfo.State, host.Progress.ToList());
    }

    public async Task DisposeAsync()
    {
        _runspace?.Dispose();
        await Emulator.DisposeAsync();
        await Living.DisposeAsync();
        await Models.DisposeAsync();
    }
}

public sealed record Streams(
    List<ErrorRecord> Error, List<VerboseRecord> Verbose, List<DebugRecord> Debug, List<WarningRecord> Warning,
    List<InformationRecord> Information, List<ProgressRecord> Progress)
{
    public static Streams CopyOf(PSDataStreams s) => new(s.Error.ToList(), s.Verbose.ToList(), s.Debug.ToList(),
        s.Warning.ToList(), s.Information.ToList(), s.Progress.ToList());
}

public sealed record Invocation(Collection<PSObject> Output, Streams Streams, bool HadErrors)
{
    public List<ErrorRecord> Errors => Streams.Error;

    /// <summary>Everything the invocation showed a user, as text: every stream and every field of every error.</summary>
    public string AllText()
    {
        var text = new System.Text.StringBuilder();
        foreach (var o in Output) text.AppendLine(o?.ToString());
        foreach (var e in Streams.Error)
        {
            text.AppendLine(e.ToString()).AppendLine(e.Exception.ToString()).AppendLine(e.ErrorDetails?.Message)
                .AppendLine(e.ErrorDetails?.RecommendedAction).AppendLine(e.TargetObject?.ToString())
                .AppendLine(e.CategoryInfo.ToString()).AppendLine(e.FullyQualifiedErrorId);
        }
        foreach (var r in Streams.Verbose) text.AppendLine(r.Message);
        foreach (var r in Streams.Debug) text.AppendLine(r.Message);
        foreach (var r in Streams.Warning) text.AppendLine(r.Message);
        foreach (var r in Streams.Information) text.AppendLine(r.MessageData?.ToString());
        return text.ToString();
    }
}

[CollectionDefinition(Name)]
public sealed class PowerShellCollection : ICollectionFixture<PowerShellFixture>
{
    public const string Name = "PowerShell";
}

/// <summary>How a run stopped by <see cref="PowerShellFixture.StopAtFirstBar"/> ended, and every progress record its host saw.</summary>
internal sealed record StoppedRun(bool Returned, PSInvocationState State, List<ProgressRecord> Progress);
