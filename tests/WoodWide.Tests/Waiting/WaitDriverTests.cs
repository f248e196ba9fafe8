using Microsoft.Extensions.Time.Testing;
using WoodWide.Model;
using WoodWide.Waiting;
using Xunit;

namespace WoodWide.Tests.Waiting;

/// <summary>
/// The wait driver on a fake clock: its sleeps advance the clock instead of passing time, so a wait of minutes runs in
/// milliseconds and every figure (polls, lag) is exact.
/// </summary>
public class WaitDriverTests
{
    private static readonly Guid A = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
    private static readonly Guid B = Guid.Parse("bbbbbbbb-0000-4000-8000-000000000002");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly DateTimeOffset _start;
    private readonly List<(Guid Id, DateTimeOffset At)> _polls = new();

    public WaitDriverTests() => _start = _clock.GetUtcNow();

    /// <summary>A job that is queued for 2 s, then runs to <paramref name="end"/> s with progress and ETA, then ends so.</summary>
    private JobDetail Train(Guid id, double end, string outcome = "succeeded")
    {
        var t = (_clock.GetUtcNow() - _start).TotalSeconds;
        _polls.Add((id, _clock.GetUtcNow()));
        if (t < 2) return new JobDetail { JobId = id, Type = "train", Status = "queued" };
        if (t < end)
            return new JobDetail { JobId = id, Type = "train", Status = "running", Progress = 100 * (t - 2) / (end - 2), EstimatedSecondsRemaining = end - t };
        return new JobDetail { JobId = id, Type = "train", Status = outcome, Progress = 100, CreditsConsumed = 1 };
    }

    private WaitDriver Driver(Func<Guid, CancellationToken, Task<JobDetail>> poll, WaitOptions? options = null, Func<Exception, PollFailure?>? classify = null,
        params Guid[] ids)
    {
        var policy = new WaitPolicy(ids.Length == 0 ? new[] { A } : ids, options ?? new WaitOptions { Jitter = 0 }, _clock, new Random(1));
        return new WaitDriver(policy, poll, classify ?? (_ => null), throttleLimit: 16, new ProgressBoard(_clock), _clock,
            sleep: (delay, _) => { _clock.Advance(delay); return Task.CompletedTask; });
    }

    [Fact]
    public void Runs_a_whole_wait_and_says_each_change_once()
    {
        var driver = Driver((id, _) => Task.FromResult(Train(id, end: 30)));

        var events = driver.Run(CancellationToken.None).ToList();

        var changes = events.Where(e => e.Kind is WaitEventKind.StateChanged or WaitEventKind.Ended).Select(e => (e.Kind, e.From, e.To)).ToList();
        Assert.Equal(new (WaitEventKind, string?, string?)[]
        {
            (WaitEventKind.StateChanged, null, "queued"),
            (WaitEventKind.StateChanged, "queued", "running"),
            (WaitEventKind.Ended, "running", "succeeded"),
        }, changes);
        Assert.Equal(WaitReason.JobEnded, events.Single(e => e.Kind == WaitEventKind.Ended).Reason);
        // Seen within a quarter second of its end (a poll lands just after its ETA). In between, a gap never outgrows
        // the larger of 1.5 s and a quarter of the job's age, so an end no ETA foresaw would be seen that soon too:
        // 0, 1.5, 3, 4.5, 6, then a quarter more each time, 13 polls for 30 s, against 31 a second apart.
        var lag = (_polls[^1].At - _start).TotalSeconds - 30;
        Assert.InRange(lag, 0, 0.3);
        Assert.InRange(_polls.Count, 11, 14);
        var gaps = _polls.Zip(_polls.Skip(1), (a, b) => ((b.At - a.At).TotalSeconds, Age: (a.At - _start).TotalSeconds));
        // (Plus the millisecond a sleep is rounded up to: the timer's unit.)
        Assert.All(gaps, g => Assert.True(g.Item1 <= Math.Max(1.5, g.Age / 4) + 0.001 + 1e-9, $"a gap of {g.Item1:0.####} s at {g.Age:0.###} s"));
    }

    [Fact]
    public void Hands_the_caller_a_turn_as_each_answer_comes_even_one_that_changed_nothing()
    {
        // The caller writes the requests' verbose traces on its turns: without one per answer they came up to a second late.
        var driver = Driver((id, _) => Task.FromResult(Train(id, end: 600)), new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromSeconds(20) });
        var turns = new List<DateTimeOffset>();

        foreach (var _ in driver.Run(CancellationToken.None)) turns.Add(_clock.GetUtcNow());

        Assert.True(_polls.Count > 5);
        Assert.All(_polls, p => Assert.Contains(p.At, turns));
    }

    [Fact]
    public void Sleeps_while_every_slot_of_the_throttle_is_taken_instead_of_spinning_on_a_due_poll()
    {
        // A throttle of one, two jobs: while A's poll hangs, B is due but cannot go. Waking for B at once, again and
        // again until A answers, burnt a core on a large wait; only an answer (or the bars' tick) should end the sleep.
        var hanging = new TaskCompletionSource<JobDetail>();
        var sleeps = new List<TimeSpan>();
        var policy = new WaitPolicy(new[] { A, B }, new WaitOptions { Jitter = 0 }, _clock, new Random(1));
        var driver = new WaitDriver(policy, (id, _) => id == A && !hanging.Task.IsCompleted ? hanging.Task : Task.FromResult(Train(id, end: 0)),
            _ => null, throttleLimit: 1, board: null, _clock,
            sleep: (delay, _) =>
            {
                sleeps.Add(delay);
                if (sleeps.Count == 3) hanging.SetResult(Train(A, end: 0));
                _clock.Advance(delay);
                return Task.CompletedTask;
            });

        var ended = driver.Run(CancellationToken.None).Count(e => e.Kind == WaitEventKind.Ended);

        Assert.Equal(2, ended);
        Assert.DoesNotContain(TimeSpan.Zero, sleeps);
    }

    [Fact]
    public void Sleeps_whole_milliseconds_so_the_timer_does_not_return_at_once_before_each_paced_poll()
    {
        // The system timer counts whole milliseconds and cuts a shorter delay to nothing: a nap of 0.33 ms (what is left
        // of a 33.3-ms gap at 30 polls a second) returned at once, and the loop went round, allocating, until the time came;
        // in a real wait of 1,000 jobs that was 360 MB of garbage and a busy core. This sleep works as that timer does, and
        // a turn of the loop takes a microsecond.
        var ids = Enumerable.Range(1, 60).Select(i => Guid.Parse($"cccccccc-0000-4000-8000-{i:D12}")).ToArray();
        var sleeps = 0;
        var policy = new WaitPolicy(ids, new WaitOptions { Jitter = 0, MaxRequestsPerSecond = 30 }, _clock, new Random(1));
        var driver = new WaitDriver(policy, (id, _) =>
            {
                _polls.Add((id, _clock.GetUtcNow()));
                return Task.FromResult(new JobDetail { JobId = id, Type = "train", Status = "succeeded" });
            }, _ => null, throttleLimit: 16, board: null, _clock,
            sleep: (delay, _) =>
            {
                if (++sleeps > 100_000) throw new InvalidOperationException("the loop spins");
                var whole = TimeSpan.FromMilliseconds(Math.Floor(delay.TotalMilliseconds));
                _clock.Advance(whole > TimeSpan.Zero ? whole : TimeSpan.FromTicks(10));
                return Task.CompletedTask;
            });

        var ended = driver.Run(CancellationToken.None).Count(e => e.Kind == WaitEventKind.Ended);

        Assert.Equal(60, ended);
        Assert.Equal(60, _polls.Count);
        Assert.True(sleeps <= 2 * _polls.Count, $"{sleeps} sleeps for {_polls.Count} polls");
    }

    [Fact]
    public void Draws_bars_at_most_once_a_second_and_completes_each_with_its_job()
    {
        var driver = Driver((id, _) => Task.FromResult(Train(id, end: id == A ? 6 : 12)), ids: new[] { A, B });

        var events = driver.Run(CancellationToken.None).ToList();

        var drawn = events.Where(e => e.Kind == WaitEventKind.Progress).ToList();
        Assert.NotEmpty(drawn);
        var ended = events.Where(e => e.Kind == WaitEventKind.Ended).ToList();
        Assert.All(ended, e => Assert.Contains(e.Bars, b => b.Completed && b.ActivityId == ProgressBoard.IdOf(e.Job!)));
        Assert.Contains(driver.CompleteBars(), b => b.Completed && b.ActivityId == ProgressBoard.OverallActivityId);
    }

    [Fact]
    public void Retries_what_the_caller_calls_passing_and_gives_up_on_the_rest()
    {
        var calls = 0;
        var driver = Driver((id, _) => ++calls <= 2 ? throw new TimeoutException("slow") : Task.FromResult(Train(id, end: 3)),
            classify: e => e is TimeoutException ? new PollFailure(e.Message, isTransient: true) : null);

        var events = driver.Run(CancellationToken.None).ToList();

        Assert.Equal(2, events.Count(e => e.Kind == WaitEventKind.Retrying));
        Assert.Equal(2, driver.Policy.Retries);
        Assert.Equal(JobEnd.Succeeded, driver.Policy.Jobs[0].End);

        var broken = Driver((_, _) => throw new InvalidOperationException("a bug"));
        Assert.Throws<InvalidOperationException>(() => broken.Run(CancellationToken.None).ToList());
    }

    [Fact]
    public void Ends_a_jobs_wait_on_a_lasting_failure_with_the_failure_it_was_given()
    {
        var cause = new object();
        var driver = Driver((_, _) => Task.FromException<JobDetail>(new KeyNotFoundException("gone")),
            classify: e => new PollFailure(e.Message, isTransient: false, cause: cause));

        var ended = Assert.Single(driver.Run(CancellationToken.None), e => e.Kind == WaitEventKind.Ended);

        Assert.Equal(WaitReason.PollFailed, ended.Reason);
        Assert.Same(cause, ended.Failure!.Cause);
    }

    [Fact]
    public void Stops_when_cancelled_and_cancels_the_polls_in_flight()
    {
        using var cancel = new CancellationTokenSource();
        CancellationToken pollToken = default;
        var policy = new WaitPolicy(new[] { A }, new WaitOptions(), _clock);
        var driver = new WaitDriver(policy, (_, token) =>
        {
            pollToken = token;
            return new TaskCompletionSource<JobDetail>().Task;   // never answers
        }, _ => null, 16, null, _clock, sleep: (_, _) =>
        {
            cancel.Cancel();
            return Task.CompletedTask;
        });

        Assert.ThrowsAny<OperationCanceledException>(() => driver.Run(cancel.Token).ToList());
        Assert.True(pollToken.IsCancellationRequested);
    }

    [Fact]
    public void Times_out_with_the_limit_in_the_event()
    {
        var driver = Driver((id, _) => Task.FromResult(Train(id, end: 600)), new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromSeconds(20) });

        var ended = Assert.Single(driver.Run(CancellationToken.None), e => e.Kind == WaitEventKind.Ended);

        Assert.Equal((WaitReason.TimedOut, TimeSpan.FromSeconds(20)), (ended.Reason, ended.Limit!.Value));
        Assert.Equal(_start.AddSeconds(20), _clock.GetUtcNow());
    }
}
