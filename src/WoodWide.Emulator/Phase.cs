namespace WoodWide.Emulator;

/// <summary>One stretch of a job's life: a status held for a time (real time, already scaled).</summary>
internal sealed record Phase(string Status, TimeSpan Duration);
