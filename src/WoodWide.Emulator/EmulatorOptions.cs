namespace WoodWide.Emulator;

/// <summary>How an emulator runs: where it listens, which key it accepts, what it holds at start.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The port of the README and build.ps1 emulator; 0 asks the system for a free one.</summary>
    public const int DefaultPort = 5780;

    /// <summary>The key an emulator accepts when none is given (with --api-key or WOODWIDE_API_KEY).</summary>
    public const string DefaultApiKey = "sk_emulator_local_key";

    public int Port { get; set; } = DefaultPort;
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Seed the fixed example jobs (the default); off gives an empty store.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Real seconds per job second for living jobs: 0.1 runs a 60-second job in 6 seconds.</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>A named set of living jobs to create at start (see Scenarios); null for none.</summary>
    public string? Scenario { get; set; }

    /// <summary>Milliseconds added before every API answer (--latency), to stand for a far server.</summary>
    public int LatencyMs { get; set; }

    /// <summary>API requests a second allowed per key (--rate-limit); beyond it, 429 with Retry-After. Null: no limit.</summary>
    public double? RateLimit { get; set; }

    /// <summary>Largest page of GET /jobs, and the page size when the caller gives no limit.</summary>
    public int DefaultPageSize { get; set; } = 50;
    public int MaxPageSize { get; set; } = 100;
}
