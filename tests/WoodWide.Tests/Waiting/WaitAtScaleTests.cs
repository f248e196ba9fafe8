using Microsoft.Extensions.Time.Testing;
using WoodWide.Model;
using WoodWide.Waiting;
using WoodWide.Client;
using Xunit;

namespace WoodWide.Tests.Waiting;

/// <summary>The waiting policy with many jobs, a server's rate limit, and ends no estimate foresaw: all on a fake clock.</summary>
public class WaitAtScaleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private static JobDetail Detail(Guid id, string status, double? progress = null, double? eta = null) =>
        new() { JobId = id, Status = status, Type = "train", Progress = progress, EstimatedSecondsRemaining = eta };

    private static List<Guid> Ids(int n) => Enumerable.Range(0, n).Select(i => new Guid(i, 0, 0, new byte[8])).ToList();

    /// <summary>Polls one job on the fake clock until the wait is over, answering by its age; gives the age at each poll.</summary>
    private List<double> PollUntilOver(WaitPolicy policy, Func<double, JobDetail> answerAt)
    {
        var start = _clock.GetUtcNow();
        var pollsAt = new List<double>();
        while (!policy.IsOver)
        {
            foreach (var job in policy.TakeDue(1))
            {
                var age = (_clock.GetUtcNow() - start).TotalSeconds;
                pollsAt.Add(age);
                policy.Polled(job, answerAt(age));
            }
            if (!policy.IsOver && policy.TimeUntilNextWake() is TimeSpan wake) _clock.Advance(wake);
        }
        return pollsAt;
    }

    private static readonly PollFailure TooMany = new("429", isTransient: true, retryAfter: TimeSpan.FromSeconds(2), isRateLimited: true);

    [Fact]
    public void Waits_for_ten_thousand_jobs_taking_the_soonest_due_first_within_the_pace()
    {
        var ids = Ids(10_000);
        var ends = ids.ToDictionary(id => id, id => 5 + (id.GetHashCode() & 0x7fff) % 55);
        var policy = new WaitPolicy(ids, new WaitOptions { Jitter = 0, MaxRequestsPerSecond = 200 }, _clock);
        var polls = 0;
        var start = _clock.GetUtcNow();

        while (!policy.IsOver)
        {
            var due = policy.TakeDue(64);
            var now = _clock.GetUtcNow();
            Assert.All(due, j => Assert.True(j.NextPollAt <= now));
            if (due.Count > 1) Assert.True(due.Zip(due.Skip(1)).All(p => p.First.NextPollAt <= p.Second.NextPollAt));
            foreach (var job in due)
            {
                polls++;
                var age = (now - start).TotalSeconds;
                policy.Polled(job, age >= ends[job.JobId] ? Detail(job.JobId, "succeeded") : Detail(job.JobId, "running"));
            }
            _clock.Advance(policy.TimeUntilNextWake() is TimeSpan wake && wake > TimeSpan.Zero ? wake : TimeSpan.FromMilliseconds(5));
        }

        Assert.All(policy.Jobs, j => Assert.Equal(JobEnd.Succeeded, j.End));
        Assert.Equal(10_000, policy.States["succeeded"]);
        // The pace held: never more polls than 200 a second allows, a quarter second's burst besides.
        Assert.True(polls <= 200 * (_clock.GetUtcNow() - start).TotalSeconds + 50, $"{polls} polls in {(_clock.GetUtcNow() - start).TotalSeconds:0.#} s");
    }

    [Fact]
    public void Stops_every_poll_at_a_429_on_any_of_them_until_its_retry_after()
    {
        var ids = Ids(50);
        var policy = new WaitPolicy(ids, new WaitOptions { Jitter = 0 }, _clock);
        var first = policy.TakeDue(10);

        var events = policy.PollFailed(first[0], TooMany);
        foreach (var job in first.Skip(1)) policy.PollFailed(job, TooMany);

        var throttled = Assert.Single(events);
        Assert.Equal(WaitEventKind.Throttled, throttled.Kind);
        Assert.Equal("[00:00] The server limits requests (HTTP 429): every poll waits 2 s, then goes at most 25 a second. " +
            "Later 429s may halve it again (-Verbose shows each pause).", WaitLog.FirstThrottledLine(throttled, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(2), throttled.Delay);
        Assert.Equal(RateGate.DefaultPerSecond / 2, throttled.Pace);
        Assert.Empty(policy.TakeDue(100));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.TimeUntilNextWake());
        Assert.All(first, j => Assert.Equal(0, j.ConsecutiveFailures));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotEmpty(policy.TakeDue(100));
    }

    [Fact]
    public void Sees_an_end_no_eta_foresaw_within_a_quarter_of_the_jobs_age_or_a_second_and_a_half()
    {
        // The job says 7 s to go from the start, and fails at 3 s.
        var id = Ids(1)[0];
        var policy = new WaitPolicy(new[] { id }, new WaitOptions { Jitter = 0 }, _clock);

        var seenAt = PollUntilOver(policy, age => age >= 3 ? Detail(id, "failed") : Detail(id, "running", progress: 100 * age / 7, eta: 7 - age)).Last();

        Assert.InRange(seenAt - 3, 0, 1.5);
        Assert.Equal(JobEnd.Failed, policy.Jobs[0].End);
    }

    [Fact]
    public void Bounds_every_gap_by_the_larger_of_the_floor_and_a_quarter_of_the_age_capped()
    {
        var id = Ids(1)[0];
        var options = new WaitOptions { Jitter = 0, MaxPollInterval = TimeSpan.FromSeconds(15) };
        var policy = new WaitPolicy(new[] { id }, options, _clock);
        var job = policy.Jobs[0];

        Assert.Equal(TimeSpan.FromSeconds(1.5), policy.LagBound(job, _clock.GetUtcNow() + TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(5), policy.LagBound(job, _clock.GetUtcNow() + TimeSpan.FromSeconds(20)));
        Assert.Equal(TimeSpan.FromSeconds(15), policy.LagBound(job, _clock.GetUtcNow() + TimeSpan.FromMinutes(10)));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    [InlineData(60)]
    public void Polls_a_job_with_no_estimate_hardly_more_than_its_lag_bound_forces(double endsAt)
    {
        // An end just after a poll is seen only at the next, so keeping every gap within max(1.5 s, age/4) forces a
        // count of polls no schedule can go under: the first at the start, then each as late as the bound allows.
        var fewest = 1;
        for (var at = 0.0; at < endsAt; fewest++) at += Math.Min(15, Math.Max(1.5, at / 4));
        var id = Ids(1)[0];
        var policy = new WaitPolicy(new[] { id }, new WaitOptions { Jitter = 0 }, _clock);

        var pollsAt = PollUntilOver(policy, age => Detail(id, age >= endsAt ? "failed" : "running"));

        Assert.InRange(pollsAt.Count, fewest, fewest + 1);
        Assert.All(pollsAt.Zip(pollsAt.Skip(1)), p => Assert.True(p.Second - p.First <= Math.Min(15, Math.Max(1.5, p.First / 4)) + 1e-9,
            $"a gap of {p.Second - p.First:0.###} s at {p.First:0.###} s"));
    }

    [Fact]
    public void Takes_a_slower_first_interval_as_the_floor_of_the_bound_and_polls_that_far_apart()
    {
        // -PollIntervalSec 5: the user has traded lag for requests; the 1.5-s floor must not undo it.
        var id = Ids(1)[0];
        var options = new WaitOptions { Jitter = 0, PollInterval = TimeSpan.FromSeconds(5), MaxPollInterval = TimeSpan.FromSeconds(15) };
        var policy = new WaitPolicy(new[] { id }, options, _clock);
        var start = _clock.GetUtcNow();

        var pollsAt = PollUntilOver(policy, age => Detail(id, age >= 40 ? "succeeded" : "running"));

        Assert.Equal(TimeSpan.FromSeconds(5), policy.LagBound(policy.Jobs[0], start + TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(7.5), policy.LagBound(policy.Jobs[0], start + TimeSpan.FromSeconds(30)));
        // Gaps of 5 s while a quarter of the age is less, then a quarter of it: 0, 5, 10, 15, 20, 25, 31.25, 39.06, 48.83.
        Assert.Equal(new[] { 0, 5, 10, 15, 20, 25, 31.25, 39.0625, 48.828125 }, pollsAt.Select(a => Math.Round(a, 6)));
    }

    [Fact]
    public void Counts_the_jobs_in_each_state_and_knows_which_should_end_soonest()
    {
        var ids = Ids(4);
        var policy = new WaitPolicy(ids, new WaitOptions { Jitter = 0 }, _clock);
        var due = policy.TakeDue(4);

        policy.Polled(due[0], Detail(ids[0], "running", progress: 10, eta: 90));
        policy.Polled(due[1], Detail(ids[1], "running", progress: 50, eta: 20));
        policy.Polled(due[2], Detail(ids[2], "queued"));
        policy.Polled(due[3], Detail(ids[3], "failed"));

        Assert.Equal(new Dictionary<string, int> { ["running"] = 2, ["queued"] = 1, ["failed"] = 1 }, policy.States);
        Assert.Equal(new[] { ids[1], ids[0], ids[2] }, policy.SoonestFirst().Select(j => j.JobId));
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(90), policy.LastExpectedEnd);
    }

    [Fact]
    public void Ends_at_the_deadline_a_job_whose_polls_met_only_a_long_429()
    {
        var id = Ids(1)[0];
        var policy = new WaitPolicy(new[] { id }, new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromSeconds(2) }, _clock);
        policy.PollFailed(policy.TakeDue(1)[0], new PollFailure("429", isTransient: true, retryAfter: TimeSpan.FromSeconds(30), isRateLimited: true));

        Assert.Equal(TimeSpan.FromSeconds(2), policy.TimeUntilNextWake());
        _clock.Advance(TimeSpan.FromSeconds(2));
        var ended = Assert.Single(policy.ExpireIfDue());

        Assert.Equal(WaitReason.TimedOut, ended.Reason);
        Assert.True(policy.IsOver);
    }
}
