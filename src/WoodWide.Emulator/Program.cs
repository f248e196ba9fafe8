using WoodWide.Emulator;

// The WoodWide emulator: a loopback imitation of the Wood Wide API for offline runbook rehearsals and tests.
//   dotnet run --project src/WoodWide.Emulator -- [--port N] [--api-key KEY] [--empty] [--page-size N] [--time-scale X] [--scenario NAME] [--latency MS] [--rate-limit N]
// It prints one line "WoodWide emulator listening on http://127.0.0.1:PORT/" once it answers, then runs until stopped.

var options = new EmulatorOptions
{
    ApiKey = Environment.GetEnvironmentVariable("WOODWIDE_API_KEY") is { Length: > 0 } fromEnvironment
        ? fromEnvironment
        : EmulatorOptions.DefaultApiKey,
};
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
    switch (args[i])
    {
        case "--port": options.Port = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--api-key": options.ApiKey = Value(); break;
        case "--empty": options.Seed = false; break;
        case "--time-scale": options.TimeScale = double.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--scenario": options.Scenario = Value(); break;
        case "--latency": options.LatencyMs = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--rate-limit": options.RateLimit = double.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--page-size": options.DefaultPageSize = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "-h" or "--help":
            Console.WriteLine("WoodWide emulator: --port N (default 5780, 0 for any free port), --api-key KEY (default $env:WOODWIDE_API_KEY, else sk_emulator_local_key), --empty (no seeded jobs), --page-size N (GET /jobs page size when the caller gives no limit; default 50), --time-scale X (real seconds per job second of living jobs; default 1), --scenario NAME (create living jobs at start: " + string.Join(", ", Scenarios.Names) + "), --latency MS (delay every API answer), --rate-limit N (API requests a second per key; 429 with Retry-After beyond it)");
            return 0;
        default:
            Console.Error.WriteLine($"Unknown option '{args[i]}'. Try --help.");
            return 2;
    }
}

await using var host = await EmulatorHost.StartAsync(options);
Console.WriteLine($"WoodWide emulator listening on {host.BaseUri}");
Console.Out.Flush();
await host.WaitForShutdownAsync();
return 0;
