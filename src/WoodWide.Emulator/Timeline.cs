namespace WoodWide.Emulator;

/// <summary>
/// A job that lives: it goes through its phases in real time, then ends with its outcome. While running, progress
/// rises to <see cref="ProgressAtEnd"/> and estimated_seconds_remaining shrinks to 0; started_at, finished_at and
/// credits_consumed appear when they would.
/// </summary>
internal sealed class Timeline
{
    public required IReadOnlyList<Phase> Phases { get; init; }

    /// <summary>succeeded, failed, canceled, rejected; or waiting_for_upload, which the job then never leaves.</summary>
    public required string Outcome { get; set; }

    public string? ErrorMessage { get; set; }
    public double? Credits { get; init; }
    public bool ReportProgress { get; init; } = true;
    public bool ReportEta { get; init; } = true;

    /// <summary>
    /// How long the job says it will run, when that is not how long it does: progress and the ETA follow this, and the
    /// job ends when its running phase does (a failure at 3 s while the ETA said 7 s).
    /// </summary>
    public TimeSpan? ExpectedRunning { get; init; }

    /// <summary>Where progress stands when the running phase ends: 100 for a success, less for a failure.</summary>
    public double ProgressAtEnd { get; init; } = 100;

    /// <summary>Holds the job in its first phase until <see cref="Release"/>: for tests that move a job on an event, not a clock.</summary>
    public bool Held { get; private set; }

    /// <summary>How far the timeline was pushed back by a hold: the first phase ends this much later than it would have.</summary>
    private TimeSpan _delay;

    private readonly object _gate = new();

    public void Hold()
    {
        lock (_gate) Held = true;
    }

    /// <summary>
    /// Lets a held job go on: its first phase ends now (or when it would have, if that is later). An end decided only
    /// now (an upload that turns out not to be CSV) replaces the one it was made with.
    /// </summary>
    public void Release(DateTimeOffset createdAt, DateTimeOffset now, (string Outcome, string? Error)? end = null)
    {
        lock (_gate)
        {
            if (!Held) return;
            Held = false;
            if (end is var (outcome, error))
            {
                Outcome = outcome;
                ErrorMessage = error;
            }
            var late = now - createdAt - (Phases.Count > 0 ? Phases[0].Duration : TimeSpan.Zero);
            if (late > TimeSpan.Zero) _delay = late;
        }
    }

    public static readonly string[] Outcomes = ["succeeded", "failed", "canceled", "rejected", "waiting_for_upload"];

    public TimeSpan Total => Phases.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Duration);

    /// <summary>The job as it stands at <paramref name="now"/>.</summary>
    public EmulatedJob Apply(EmulatedJob job, DateTimeOffset now)
    {
        TimeSpan elapsed;
        lock (_gate)
        {
            if (Held && Phases.Count > 0)
                return job.With(Phases[0].Status, started: null, finished: null, progress: null, eta: null, credits: null, error: null);
            elapsed = now - job.CreatedAt - _delay;
        }
        var at = TimeSpan.Zero;
        DateTimeOffset? started = null;
        var ranAtAll = false;
        foreach (var phase in Phases)
        {
            var isRunning = phase.Status == "running";
            if (isRunning && started is null && elapsed >= at) started = job.CreatedAt + at;
            if (elapsed < at + phase.Duration)
            {
                var said = isRunning && ExpectedRunning is TimeSpan expected ? expected : phase.Duration;
                var fraction = said > TimeSpan.Zero ? (elapsed - at) / said : 1;
                return job.With(phase.Status, started, finished: null,
                    progress: ReportProgress && isRunning ? Math.Round(ProgressAtEnd * Math.Min(fraction, 1), 1) : ReportProgress && ranAtAll ? ProgressAtEnd : null,
                    eta: ReportEta && isRunning ? Math.Round(Math.Max((at + said - elapsed).TotalSeconds, 0), 2) : null,
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
