using System.Text.Json.Nodes;

namespace WoodWide.Emulator;

/// <summary>
/// One injected fault: for the next <see cref="Remaining"/> API requests whose path starts with
/// <see cref="PathPrefix"/> (is it, with <see cref="Exact"/>; all API paths when null), answer with this instead of the
/// real thing, once <see cref="After"/> of them have gone through. A count of -1 never runs out: "hang" so is a server that accepts every connection and never answers.
/// </summary>
internal sealed class FaultRule
{
    public static readonly string[] Kinds = ["status", "delay", "hang", "reset", "html", "truncated", "malformed", "redirect", "drop_after"];

    public required string Kind { get; init; }
    public string? PathPrefix { get; init; }

    /// <summary>Only the path itself, not the paths under it: one job's path, not its results'.</summary>
    public bool Exact { get; init; }

    /// <summary>How many matching requests go through untouched before the fault starts: the second upload of three, say.</summary>
    public int After { get; set; }

    /// <summary>Never runs out (a count of -1).</summary>
    public bool Forever => Remaining < 0;
    public int Remaining { get; set; } = 1;
    public int Status { get; init; } = 503;
    public string? RetryAfter { get; init; }
    public int DelayMs { get; init; } = 1000;
    public string? Location { get; init; }

    /// <summary>When set, each matching request meets the fault with this chance, and the rule never runs out.</summary>
    public double? Probability { get; init; }

    /// <summary>With a probability, the statuses to pick from at random (503 when none).</summary>
    public int[]? Statuses { get; init; }

    public static FaultRule From(JsonObject body)
    {
        var kind = body["kind"]?.GetValue<string>() ?? throw new ArgumentException("A fault needs a kind: " + string.Join(", ", Kinds) + ".");
        if (!Kinds.Contains(kind)) throw new ArgumentException($"Unknown fault kind '{kind}'. Kinds: {string.Join(", ", Kinds)}.");
        if (kind == "redirect" && body["location"] is null) throw new ArgumentException("A redirect fault needs a location.");
        return new FaultRule
        {
            Kind = kind,
            PathPrefix = body["path"]?.GetValue<string>(),
            Exact = body["exact"]?.GetValue<bool>() ?? false,
            After = body["after"]?.GetValue<int>() ?? 0,
            Remaining = body["count"]?.GetValue<int>() ?? 1,
            Status = body["status"]?.GetValue<int>() ?? (kind == "html" ? 200 : kind == "redirect" ? 307 : 503),
            RetryAfter = body["retry_after"]?.ToString(),
            DelayMs = body["delay_ms"]?.GetValue<int>() ?? 1000,
            Location = body["location"]?.GetValue<string>(),
            Probability = body["probability"]?.GetValue<double>(),
            Statuses = body["statuses"] is JsonArray list ? list.Select(n => n!.GetValue<int>()).ToArray() : null,
        };
    }
}
