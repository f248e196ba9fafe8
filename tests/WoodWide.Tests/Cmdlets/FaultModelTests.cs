using System.Management.Automation;
using WoodWide.Client;
using WoodWide.Commands;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Cmdlets;

/// <summary>
/// The fault model, table-driven: every cmdlet that sends requests, against each fault the emulator can inject, over
/// real loopback HTTP. Each case checks what the catalogue's scope says: which items came back, which errors with
/// which ErrorId and TargetObject, which one ended the command (terminating, caught by try/catch), how many requests
/// the emulator saw, that Exception.Message is the whole text shown, and that the key shows nowhere.
/// </summary>
/// <remarks>
/// The retries keep their number but wait milliseconds (<see cref="WwCmdlet.Retries"/>), so two hundred faults cost
/// seconds. Wait-WwJob's cases run on the fake clock (WaitPolicyTests) and against the emulator process (Pester).
/// </remarks>
[Collection(PowerShellCollection.Name)]
public sealed class FaultModelTests : IDisposable
{
    private readonly PowerShellFixture _ps;
    private readonly RetryPolicy _retries = WwCmdlet.Retries;

    public FaultModelTests(PowerShellFixture ps)
    {
        _ps = ps;
        WwCmdlet.Retries = new RetryPolicy { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(4) };
        _ps.Reset(_ps.Models);
        // A silent server is met at a second, not a minute.
        _ps.Run("$PSDefaultParameterValues['*-Ww*:RequestTimeoutSec'] = 1");
    }

    public void Dispose()
    {
        WwCmdlet.Retries = _retries;
        _ps.Run("$PSDefaultParameterValues.Remove('*-Ww*:RequestTimeoutSec')");
        _ps.Reset(_ps.Models);
    }

    /// <summary>Three of each thing the cmdlets take, made once on the Models emulator: files, datasets, models, inference jobs with results.</summary>
    private sealed class World
    {
        public string[] Files = Array.Empty<string>();
        public string[] Datasets = Array.Empty<string>();
        public string[] Models = Array.Empty<string>();
        public string[] Results = Array.Empty<string>();
    }

    private static World? _world;
    private static readonly object WorldGate = new();

    private World Make()
    {
        lock (WorldGate)
        {
            if (_world != null) return _world;
            var folder = Directory.CreateTempSubdirectory("ww-faults-").FullName;
            var files = Enumerable.Range(0, 3).Select(i =>
            {
                var path = Path.Combine(folder, $"part-{i}.csv");
                File.WriteAllText(path, "tenure,plan,spend,churned\n" + string.Concat(Enumerable.Range(0, 12).Select(r => $"{r},basic,{r}.5,{r % 2}\n")));
                return path;
            }).ToArray();
            const string c = "-ApiKey $key -BaseUri $models";
            const string wait = "Wait-WwJob -ApiKey $key -BaseUri $models -PollIntervalSec 0.1 -InformationAction Ignore";
            string[] Run(string script)
            {
                var r = _ps.Run(script);
                Assert.Empty(r.Errors);
                return r.Output.Select(o => o.ToString()!).ToArray();
            }
            var world = new World { Files = files };
            world.Datasets = files.Select(f => Run($"New-WwDataset -Path '{f}' -Name fm-{Guid.NewGuid():N} {c} | {wait} | ForEach-Object DatasetId").Single()).ToArray();
            world.Models = world.Datasets.Select(d => Run(
                $"Start-WwTraining -Name fm-{Guid.NewGuid():N} -ModelType prediction -LabelColumn churned -DatasetId {d} {c} | {wait} | ForEach-Object ModelId").Single()).ToArray();
            world.Results = Enumerable.Range(0, 3).Select(i => Run(
                $"Start-WwInference -ModelId {world.Models[i]} -DatasetId {world.Datasets[i]} {c} | {wait} | ForEach-Object JobId").Single()).ToArray();
            return _world = world;
        }
    }

    /// <summary>
    /// One cmdlet over three items: its script (with $b for the base URI), the item each error names, the key each
    /// item's output shows (its script ends with ForEach-Object on that key), each item's request path, and
    /// whether its request creates something (POST, PATCH: never sent twice unless the server surely did not act).
    /// </summary>
    private sealed record Cmdlet(string Name, Func<World, string> Script, Func<World, string[]> Items, Func<World, string[]> Keys,
        Func<World, string[]> Paths, bool Creates, string NotFoundId, bool SamePath = false);

    private static readonly Cmdlet[] Cmdlets =
    {
        new("Get-WwJob", w => $"Get-WwJob -Id {string.Join(",", w.Results)} -ApiKey $key -BaseUri $b | ForEach-Object {{ \"$($_.JobId)\" }}",
            w => w.Results, w => w.Results, w => w.Results.Select(j => "/jobs/" + j).ToArray(), false, "WwJobNotFound"),
        new("Get-WwDataset", w => $"Get-WwDataset -Id {string.Join(",", w.Datasets)} -ApiKey $key -BaseUri $b | ForEach-Object {{ \"$($_.DatasetId)\" }}",
            w => w.Datasets, w => w.Datasets, w => w.Datasets.Select(d => "/datasets/" + d).ToArray(), false, "WwDatasetNotFound"),
        new("Get-WwModel", w => $"Get-WwModel -Id {string.Join(",", w.Models)} -ApiKey $key -BaseUri $b | ForEach-Object {{ \"$($_.ModelId)\" }}",
            w => w.Models, w => w.Models, w => w.Models.Select(m => "/models/" + m).ToArray(), false, "WwModelNotFound"),
        new("Set-WwModel", w => $"{Quoted(w.Models)} | ForEach-Object {{ [pscustomobject]@{{ ModelId = $_ }} }} | Set-WwModel -Description 'fault matrix' -PassThru -ApiKey $key -BaseUri $b | ForEach-Object {{ \"$($_.ModelId)\" }}",
            w => w.Models, w => w.Models, w => w.Models.Select(m => "/models/" + m).ToArray(), false, "WwModelNotFound"),
        new("Get-WwJobResult", w => $"Get-WwJobResult -Id {string.Join(",", w.Results)} -ApiKey $key -BaseUri $b | ForEach-Object {{ \"$($_.JobId)\" }}",
            w => w.Results, w => w.Results, w => w.Results.Select(j => $"/jobs/{j}/results").ToArray(), false, "WwResultNotFound"),
        new("Start-WwInference", w => $"{Pairs(w.Models, "ModelId", w.Files, "Path")} | Start-WwInference -ApiKey $key -BaseUri $b | ForEach-Object {{ \"$($_.Input)\" }}",
            w => w.Files, w => w.Files, w => w.Models.Select(m => $"/models/{m}/infer-async").ToArray(), true, "WwModelNotFound"),
        new("Invoke-WwInference", w => $"{Pairs(w.Models, "ModelId", w.Files, "Path")} | Invoke-WwInference -ApiKey $key -BaseUri $b | ForEach-Object {{ \"$($_.Inference.ModelId)\" }}",
            w => w.Files, w => w.Models, w => w.Models.Select(m => $"/models/{m}/infer").ToArray(), true, "WwModelNotFound"),
        new("Start-WwTraining", w => $"{Pairs(w.Models, "ModelId", w.Datasets, "DatasetId")} | Start-WwTraining -ApiKey $key -BaseUri $b | ForEach-Object {{ \"$($_.ModelId)\" }}",
            w => w.Models, w => w.Models, w => w.Models.Select(m => $"/models/{m}/retrain").ToArray(), true, "WwModelNotFound"),
        new("New-WwDataset", w => $"{Pairs(w.Files, "Path", w.Datasets, "DatasetId")} | New-WwDataset -ApiKey $key -BaseUri $b | ForEach-Object {{ \"$($_.Path)\" }}",
            w => w.Files, w => w.Files, w => w.Files.Select(_ => "/datasets").ToArray(), true, "WwDatasetNotFound", SamePath: true),
    };

    private static string Quoted(IEnumerable<string> values) => string.Join(",", values.Select(v => $"'{v}'"));

    private static string Pairs(string[] a, string aName, string[] b, string bName) =>
        "@(" + string.Join(",", a.Select((x, i) => $"[pscustomobject]@{{ {aName} = '{x}'; {bName} = '{b[i]}' }}")) + ")";

    /// <summary>The faults: a 5xx on one item, on every request, a proxy's page, a reset, a refused port, a silent server, 401, 404, 422, a redirect elsewhere.</summary>
    private static readonly string[] Faults =
        { "500 on one", "503 on all", "html on one", "reset on all", "refused", "silent", "401 on all", "404 on one", "422 on one", "redirect on all" };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var cmdlet in Cmdlets)
            foreach (var fault in Faults)
                data.Add(cmdlet.Name, fault);
        return data;
    }

    /// <summary>What a case should come to: the items written, each error (its ErrorId, target, whether it ended the command), the faulted item's requests.</summary>
    private sealed record Expected(int[] Written, (string Id, object Target, bool Ends)[] Errors, int FaultedItem, int Requests);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_cmdlet_meets_each_fault_as_the_catalogue_scopes_it(string name, string fault)
    {
        var w = Make();
        var cmdlet = Cmdlets.Single(c => c.Name == name);
        var items = cmdlet.Items(w);
        var paths = cmdlet.Paths(w);
        var baseUri = fault == "refused" ? ClosedPort.BaseUri() : _ps.Models.BaseUri.ToString();
        Inject(cmdlet, fault, paths);
        var expected = Expect(cmdlet, fault, items);

        _ps.Run($"$global:b = '{baseUri}'; $global:caught = $null");
        var r = _ps.Run($"try {{ {cmdlet.Script(w)} }} catch {{ $global:caught = $_ }}");
        var caught = _ps.Run("$global:caught").Output.Select(o => o?.BaseObject).OfType<ErrorRecord>().SingleOrDefault();

        var keys = cmdlet.Keys(w);
        Assert.Equal(expected.Written.Select(i => keys[i]), r.Output.Select(o => o.ToString()).Distinct());
        var errors = r.Errors.Select(e => (e, Ends: false)).Concat(caught is null ? Enumerable.Empty<(ErrorRecord, bool)>() : new[] { (caught, true) }).ToList();
        Assert.Equal(expected.Errors.Select(e => (e.Id, e.Ends)), errors.Select(e => (e.Item1.FullyQualifiedErrorId.Split(',')[0], e.Item2)));
        for (var i = 0; i < errors.Count; i++)
        {
            var (record, _) = errors[i];
            Assert.Equal(Shown(expected.Errors[i].Target), Shown(record.TargetObject));
            // What a runbook logs is what the console showed.
            Assert.Equal(record.ErrorDetails?.Message ?? record.Exception.Message, record.Exception.Message);
            Assert.InRange(record.Exception.Message.Length, 1, 2000);
        }
        if (caught != null)
            Assert.Contains(expected.Errors[^1].Target is object[] notDone ? $"{notDone.Length} " : "Stopped there, since", caught.Exception.Message);
        if (fault != "refused") Assert.Equal(expected.Requests, _ps.Requests(_ps.Models, paths[expected.FaultedItem]));
        Assert.DoesNotContain(TestKeys.Secret, r.AllText() + caught?.Exception);
    }

    /// <summary>The cmdlets whose call is one item: a listing, a key check. The same faults; what is the item's stays the item's.</summary>
    private static readonly (string Name, string Script, string Item, string Path, string NotFoundId)[] Singles =
    {
        ("Get-WwJob (list)", "Get-WwJob -First 2 -ApiKey $key -BaseUri $b | ForEach-Object { 'job' }", "The job list", "/jobs", "WwNotFound"),
        ("Get-WwDataset (list)", "Get-WwDataset -ApiKey $key -BaseUri $b | Select-Object -First 1 | ForEach-Object { 'dataset' }", "The dataset list", "/datasets", "WwNotFound"),
        ("Get-WwModel (list)", "Get-WwModel -ApiKey $key -BaseUri $b | Select-Object -First 1 | ForEach-Object { 'model' }", "The model list", "/models", "WwNotFound"),
        ("Connect-WwAccount", "Connect-WwAccount -ApiKey $key -BaseUri $b | ForEach-Object { 'connected' }", "$b", "/jobs", "WwNotFound"),
    };

    public static TheoryData<string, string> SingleCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var single in Singles)
            foreach (var fault in Faults)
                data.Add(single.Name, fault);
        return data;
    }

    [Theory]
    [MemberData(nameof(SingleCases))]
    public void Each_cmdlet_of_one_item_meets_each_fault_as_the_catalogue_scopes_it(string name, string fault)
    {
        Make();
        var single = Singles.Single(c => c.Name == name);
        var baseUri = fault == "refused" ? ClosedPort.BaseUri() : _ps.Models.BaseUri.ToString();
        var item = single.Item == "$b" ? baseUri : single.Item;
        var rule = Rule(fault, single.Path, samePath: false);
        if (rule != null) _ps.Fault(_ps.Models, rule);
        var session = WoodWide.Session.WwSession.Current;

        _ps.Run($"$global:b = '{baseUri}'; $global:caught = $null");
        var r = _ps.Run($"try {{ {single.Script} }} catch {{ $global:caught = $_ }}");
        var caught = _ps.Run("$global:caught").Output.Select(o => o?.BaseObject).OfType<ErrorRecord>().SingleOrDefault();
        WoodWide.Session.WwSession.Current = session;

        Assert.Empty(r.Output);
        var (id, ends) = fault switch
        {
            "500 on one" or "503 on all" => ("WwServiceUnavailable", false),
            "html on one" => ("WwInvalidResponse", false),
            "404 on one" => (single.NotFoundId, false),
            "422 on one" => ("WwInvalidRequest", false),
            "reset on all" or "refused" => ("WwConnectionFailed", true),
            "silent" => ("WwRequestTimeout", true),
            "401 on all" => ("WwAuthenticationFailed", true),
            "redirect on all" => ("WwRedirectRefused", true),
            _ => throw new ArgumentException(fault),
        };
        var record = ends ? caught : Assert.Single(r.Errors);
        Assert.NotNull(record);
        if (ends) Assert.Empty(r.Errors);
        else Assert.Null(caught);
        Assert.Equal(id, record!.FullyQualifiedErrorId.Split(',')[0]);
        // The one item, on its own, whether its own error or the halt's (not an array of one); the text names it once.
        Assert.Equal(item, Shown(record.TargetObject));
        Assert.DoesNotContain("1 item was not", record.Exception.Message);
        Assert.Equal(record.ErrorDetails?.Message ?? record.Exception.Message, record.Exception.Message);
        Assert.DoesNotContain(TestKeys.Secret, r.AllText() + caught?.Exception);
    }

    private void Inject(Cmdlet cmdlet, string fault, string[] paths)
    {
        if (Rule(fault, paths[1], cmdlet.SamePath) is object rule) _ps.Fault(_ps.Models, rule);
    }

    /// <summary>
    /// The emulator's rule for a fault. "On one": that path only (or, for a path every item shares, its second
    /// request); "on all": every API request.
    /// </summary>
    private object? Rule(string fault, string path, bool samePath)
    {
        object One(string kind, int status) => samePath
            ? new { kind, status, path, exact = true, after = 1, count = 1 }
            : new { kind, status, path, exact = true, after = 0, count = -1 };
        return fault switch
        {
            "500 on one" => One("status", 500),
            "html on one" => One("html", 200),
            "404 on one" => One("status", 404),
            "422 on one" => One("status", 422),
            "503 on all" => new { kind = "status", status = 503, count = -1 },
            "reset on all" => new { kind = "reset", count = -1 },
            "silent" => new { kind = "hang", count = -1 },
            "401 on all" => new { kind = "status", status = 401, count = -1 },
            // Another origin, which refuses a request without its key.
            "redirect on all" => new { kind = "redirect", status = 307, location = new Uri(_ps.Living.BaseUri, "jobs").ToString(), count = -1 },
            _ => null,
        };
    }

    /// <summary>The catalogue's scopes, spelt out for three items.</summary>
    private static Expected Expect(Cmdlet cmdlet, string fault, string[] items)
    {
        var expected = ExpectEach(cmdlet, fault, items);
        if (!cmdlet.SamePath) return expected;
        // One path for every item: its count is every item's request that was sent.
        var sent = expected.Errors.Any(e => e.Ends && !e.Id.StartsWith("WwServiceUnavailable", StringComparison.Ordinal)) ? 1 : 3;
        return expected with { Requests = fault == "refused" ? 0 : sent };
    }

    private static Expected ExpectEach(Cmdlet cmdlet, string fault, string[] items)
    {
        var get = !cmdlet.Creates;
        var all = new[] { 0, 1, 2 };
        var none = Array.Empty<int>();
        // A fault about the server ends the command with one error listing what it did not do: every item, but the one
        // whose request may have been carried out (a create that met a reset or silence after it was sent).
        object NotDone(bool firstMayHaveActed) => (firstMayHaveActed ? items.Skip(1) : items).Cast<object>().ToArray();
        // The halt that comes at the third item leaves only that one not done, or none when it may have been: either
        // way that item is the target, on its own.
        return fault switch
        {
            "500 on one" => new(new[] { 0, 2 }, new[] { ("WwServiceUnavailable", (object)items[1], false) }, 1, get ? 2 : 1),
            "html on one" => new(new[] { 0, 2 }, new[] { ("WwInvalidResponse", (object)items[1], false) }, 1, 1),
            "404 on one" => new(new[] { 0, 2 }, new[] { (cmdlet.NotFoundId, (object)items[1], false) }, 1, 1),
            "422 on one" => new(new[] { 0, 2 }, new[] { ("WwInvalidRequest", (object)items[1], false) }, 1, 1),
            // Two of their own, then the third in a row is the server's; a create's third may have been carried out.
            "503 on all" => new(none, new[]
            {
                ("WwServiceUnavailable", (object)items[0], false), ("WwServiceUnavailable", items[1], false),
                ("WwServiceUnavailable", items[2], true),
            }, 0, get ? RetryPolicy.Default.MaxRetries + 1 : 1),
            "reset on all" => new(none, new[] { ("WwConnectionFailed", NotDone(!get), true) }, 0, get ? RetryPolicy.Default.MaxRetries + 1 : 1),
            "refused" => new(none, new[] { ("WwConnectionFailed", NotDone(false), true) }, 0, 0),
            "silent" => new(none, new[] { ("WwRequestTimeout", NotDone(!get), true) }, 0, 1),
            "401 on all" => new(none, new[] { ("WwAuthenticationFailed", NotDone(false), true) }, 0, 1),
            "redirect on all" => new(none, new[] { ("WwRedirectRefused", NotDone(false), true) }, 0, 1),
            _ => throw new ArgumentException(fault),
        };
    }

    private static string Shown(object? target) => target switch
    {
        null => "(null)",
        PSObject wrapped => Shown(wrapped.BaseObject),
        object[] list => "[" + string.Join(", ", list.Select(Shown)) + "]",
        WoodWide.Model.JobSummary job => job.JobId.ToString(),
        _ => target.ToString()!,
    };
}
