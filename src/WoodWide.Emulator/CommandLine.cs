using System.Globalization;
using System.Reflection;

namespace WoodWide.Emulator;

/// <summary>What the command line asked for: run with these options, print the help or the version, or an error.</summary>
internal sealed record CommandLineResult(EmulatorOptions? Options, string? Output, string? Error, bool KeyFromEnvironment)
{
    /// <summary>0 for a run, the help and the version; 2 for a command line that is wrong (as getopt tools do).</summary>
    public int ExitCode => Error is null ? 0 : 2;
}

/// <summary>The flags of woodwide-emulator (and of dotnet WoodWide.Emulator.dll): parsed, checked and described.</summary>
internal static class CommandLine
{
    public const string Command = "woodwide-emulator";

    /// <summary>The version of the package and the module (Directory.Build.props), without the build's commit.</summary>
    public static string Version
    {
        get
        {
            var informational = typeof(CommandLine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var version = informational ?? typeof(CommandLine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            var plus = version.IndexOf('+');
            return plus < 0 ? version : version[..plus];
        }
    }

    public static string Help => $$"""
        {{Command}} {{Version}}: a local emulator of the Wood Wide AI API, on 127.0.0.1 only,
        for rehearsing WoodWide runbooks offline, without an account. It runs until Ctrl+C.

        Usage: {{Command}} [options]

        Options (--name value or --name=value):
          --port N          Port on 127.0.0.1; 0 picks a free one. Default: {{EmulatorOptions.DefaultPort}}.
          --api-key KEY     The key it accepts (Authorization: Bearer KEY). Default: the
                            WOODWIDE_API_KEY environment variable, else {{EmulatorOptions.DefaultApiKey}}.
          --empty           Start with no jobs. Default: seeded with fixed example jobs, one of
                            each type in each state (GET /_emulator/seeds lists their ids).
          --time-scale X    Real seconds per job second for the jobs it runs (uploads, trainings,
                            inferences, --scenario): 0.1 runs a 9-second training in 0.9 s.
                            Greater than 0. Default: 1.
          --latency MS      Milliseconds added before every API answer, to stand for a far
                            server. Default: 0.
          --rate-limit N    API requests a second allowed per key; beyond it a 429 with
                            Retry-After. Greater than 0. Default: no limit.
          --page-size N     Jobs per page of GET /jobs when the caller gives no limit, 1 to
                            100. Default: 50.
          --scenario NAME   Living jobs to create at start, with fixed ids: {{string.Join(", ", Scenarios.Names)}} (an
                            ingest, a training and a failing training). Default: none.
          --version         Print the version and exit.
          -h, --help        Print this help and exit.

        The seeded jobs, the scenario's jobs and the predictions are the same at every start;
        the ids of datasets, models and jobs made while it runs are new random UUIDs (there is
        no seed flag for them). Exit codes: 0 after Ctrl+C, 1 when it cannot start (say, the
        port is taken), 2 for a wrong option.

        Examples:
          {{Command}} --port 5780
          {{Command}} --port 0 --empty --time-scale 0.1
          {{Command}} --latency 250 --rate-limit 20 --api-key sk_rehearsal

        Then, in PowerShell, with the WoodWide module:
          $env:WOODWIDE_API_KEY  = '{{EmulatorOptions.DefaultApiKey}}'
          $env:WOODWIDE_BASE_URL = 'http://127.0.0.1:{{EmulatorOptions.DefaultPort}}'
          Get-WwJob

        More: Get-Help about_WoodWide_Emulator, and docs/emulator.md in the repository.
        """;

    /// <summary>Parses the arguments; <paramref name="environmentKey"/> is WOODWIDE_API_KEY, the key when --api-key is not given.</summary>
    public static CommandLineResult Parse(IReadOnlyList<string> args, string? environmentKey)
    {
        var keyFromEnvironment = environmentKey is { Length: > 0 };
        var options = new EmulatorOptions { ApiKey = keyFromEnvironment ? environmentKey! : EmulatorOptions.DefaultApiKey };
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=') is var eq and > 2)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string? error = null;
            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 < args.Count) return args[++i];
                error = $"{arg} needs a value.";
                return "";
            }

            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    return new CommandLineResult(null, Help, null, keyFromEnvironment);
                case "--version":
                    return new CommandLineResult(null, $"{Command} {Version}", null, keyFromEnvironment);
                case "--empty":
                    if (inline is not null) return Fail("--empty takes no value.");
                    options.Seed = false;
                    break;
                case "--port":
                    if (Int(Value(), 0, 65535) is int port) options.Port = port;
                    else error ??= $"--port wants a whole number from 0 to 65535, not '{Shown()}'.";
                    break;
                case "--api-key":
                    var key = Value();
                    if (error is null && key.Length == 0) error = "--api-key wants a key that is not empty.";
                    if (error is null && key.Any(char.IsWhiteSpace)) error = "--api-key wants a key without spaces.";
                    options.ApiKey = key;
                    keyFromEnvironment = false;
                    break;
                case "--time-scale":
                    if (Positive(Value()) is double scale) options.TimeScale = scale;
                    else error ??= $"--time-scale wants a number greater than 0, such as 0.1, not '{Shown()}'.";
                    break;
                case "--latency":
                    if (Int(Value(), 0, int.MaxValue) is int latency) options.LatencyMs = latency;
                    else error ??= $"--latency wants a whole number of milliseconds, 0 or more, not '{Shown()}'.";
                    break;
                case "--rate-limit":
                    if (Positive(Value()) is double perSecond) options.RateLimit = perSecond;
                    else error ??= $"--rate-limit wants a number of requests a second greater than 0, not '{Shown()}'.";
                    break;
                case "--page-size":
                    if (Int(Value(), 1, options.MaxPageSize) is int size) options.DefaultPageSize = size;
                    else error ??= $"--page-size wants a whole number from 1 to {options.MaxPageSize}, not '{Shown()}'.";
                    break;
                case "--scenario":
                    var name = Value();
                    if (error is null && !Scenarios.Names.Contains(name))
                        error = $"--scenario wants one of: {string.Join(", ", Scenarios.Names)}; not '{name}'.";
                    options.Scenario = name;
                    break;
                default:
                    return Fail(arg.StartsWith('-') ? $"Unknown option '{arg}'." : $"Unexpected argument '{arg}': {Command} takes only options.");
            }
            if (error is not null) return Fail(error);

            // The value just read, for the message about it.
            string Shown() => inline ?? args[i];
        }
        return new CommandLineResult(options, null, null, keyFromEnvironment);

        CommandLineResult Fail(string message) =>
            new(null, null, $"{Command}: {message} Try '{Command} --help'.", keyFromEnvironment);
    }

    /// <summary>What a user pastes into PowerShell to point WoodWide at this emulator; the key itself only when it is not one the user's environment already holds.</summary>
    public static string Banner(Uri baseUri, EmulatorOptions options, bool keyFromEnvironment)
    {
        var url = baseUri.ToString().TrimEnd('/');
        var key = keyFromEnvironment
            ? "# WOODWIDE_API_KEY is already set: the emulator accepts that key"
            : $"$env:WOODWIDE_API_KEY  = '{options.ApiKey.Replace("'", "''")}'";
        var jobs = options.Seed ? "the seeded jobs (GET /_emulator/seeds)" : "no jobs (--empty)";
        return $"""
            WoodWide emulator listening on {baseUri}
            To use it from PowerShell, paste:
                {key}
                $env:WOODWIDE_BASE_URL = '{url}'
            It holds {jobs}; time scale {options.TimeScale.ToString(CultureInfo.InvariantCulture)}. Ctrl+C stops it.
            """;
    }

    private static int? Int(string text, int min, int max) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;

    private static double? Positive(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value > 0 ? value : null;
}
