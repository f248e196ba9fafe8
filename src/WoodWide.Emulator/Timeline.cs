namespace WoodWide.Emulator;

/// <summary>One stretch of a job's life: a status held for a time (real time, already scaled).</summary>
internal sealed record Phase(string Status, TimeSpan Duration);

/// <summary>
/// A job that lives: it goes through its phases in real time, then ends with its outcome. While running, progress
/// rises to <see cref="ProgressAtEnd"/> and estimated_seconds_remaining shrinks to 0; started_at, finished_at and
/// credits_consumed appear when they would.
/// </summary>
internal sealed class Timeline
{
    public required IReadOnlyList<Phase> Phases { get; init; }

    /// <summary>succeeded, failed, canceled, rejected; or waiting_for_upload, which the job then never leaves.</summary>
    public required string Outcome { get; init; }

    public string? ErrorMessage { get; init; }
    public double? Credits { get; init; }
    public bool ReportProgress { get; init; } = true;
    public bool ReportEta { get; init; } = true;

    /// <summary>Where progress stands when the running phase ends: 100 for a success, less for a failure.</summary>
    public double ProgressAtEnd { get; init; } = 100;

    public static readonly string[] Outcomes = ["succeeded", "failed", "canceled", "rejected", "waiting_for_upload"];

    public TimeSpan Total => Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);

    /// <summary>The job as it stands at <paramref name="now"/>.</summary>
    public EmulatedJob Apply(EmulatedJob job, DateTimeOffset now)
    {
        var elapsed = now - job.CreatedAt;
        var at = TimeSpan.Zero;
        DateTimeOffset? started = null;
        var ranAtAll = false;
        foreach (var phase in Phases)
        {
            var isRunning = phase.Status == "running";
            if (isRunning && started is null && elapsed >= at) started = job.CreatedAt + at;
            if (elapsed < at + phase.Duration)
            {
                var fraction = phase.Duration > TimeSpan.Zero ? (elapsed - at) / phase.Duration : 1;
                return job.With(phase.Status, started, finished: null,
                    progress: ReportProgress && isRunning ? Math.Round(ProgressAtEnd * fraction, 1) : ReportProgress && ranAtAll ? ProgressAtEnd : null,
                    eta: ReportEta && isRunning ? Math.Round((at + phase.Duration - elapsed).TotalSeconds, 2) : null,
                    credits: null, error: null);
            }
            ranAtAll |= isRunning;
            at += phase.Duration;
        }
        if (Outcome == "waiting_for_upload")
            return job.With(Outcome, started, finished: null, progress: null, eta: null, credits: null, error: null);
        return job.With(Outcome, started, finished: job.CreatedAt + at,
            progress: ReportProgress && ranAtAll ? ProgressAtEnd : null,
            eta: ReportEta && ranAtAll && Outcome == "succeeded" ? 0 : null,
            credits: Credits, error: Outcome == "succeeded" ? null : ErrorMessage);
    }
}
