using Microsoft.Extensions.Time.Testing;
using WoodWide.Model;
using WoodWide.Waiting;
using Xunit;

namespace WoodWide.Tests.Waiting;

public class WaitPolicyTests
{
    private static readonly Guid A = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
    private static readonly Guid B = Guid.Parse("bbbbbbbb-0000-4000-8000-000000000002");
    private static readonly Guid C = Guid.Parse("cccccccc-0000-4000-8000-000000000003");

    /// <summary>For the tests of backoff and ETA: the bound on a job's gap (a share of its age) stays out of their way.</summary>
    private static readonly TimeSpan NoLagBound = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private WaitPolicy NewPolicy(WaitOptions? options = null, params Guid[] ids) =>
        new(ids.Length == 0 ? new[] { A } : ids, options ?? new WaitOptions { Jitter = 0 }, _clock, new Random(7));

    private static JobDetail Detail(Guid id, string status, double? progress = null, double? eta = null) =>
        new() { JobId = id, Status = status, Type = "train", Progress = progress, EstimatedSecondsRemaining = eta };

    private static PollFailure Passing(TimeSpan? retryAfter = null, bool unreachable = false) =>
        new("it may pass", isTransient: true, retryAfter, isAboutServer: unreachable);

    /// <summary>A 500 for one job: may pass, and says nothing of the server by itself.</summary>
    private static readonly PollFailure Http500 = new("Internal error (HTTP 500 Internal Server Error)", isTransient: true);

    /// <summary>
    /// Runs <paramref name="policy"/> on the fake clock for up to <paramref name="limit"/>: each poll taken is answered
    /// at once by <paramref name="answer"/> (a JobDetail or a PollFailure; null leaves it out for ever, as a silent
    /// server does). Every event, in order.
    /// </summary>
    private List<WaitEvent> Run(WaitPolicy policy, Func<JobWatch, double, object?> answer, TimeSpan limit)
    {
        var events = new List<WaitEvent>();
        while (!policy.IsOver && _clock.GetUtcNow() - policy.StartedAt < limit)
        {
            foreach (var job in policy.TakeDue(100))
            {
                switch (answer(job, (_clock.GetUtcNow() - policy.StartedAt).TotalSeconds))
                {
                    case JobDetail detail: events.AddRange(policy.Polled(job, detail)); break;
                    case PollFailure failure: events.AddRange(policy.PollFailed(job, failure)); break;
                }
            }
            events.AddRange(policy.ExpireIfDue());
            if (policy.IsOver) break;
            var wake = policy.TimeUntilNextWake() ?? TimeSpan.FromSeconds(1);
            _clock.Advance(wake > TimeSpan.FromMilliseconds(1) ? wake : TimeSpan.FromMilliseconds(1));
        }
        return events;
    }

    private double Elapsed(WaitPolicy policy) => (_clock.GetUtcNow() - policy.StartedAt).TotalSeconds;

    private static readonly PollFailure Lasting = new("it will not pass", isTransient: false);

    /// <summary>How the wait for a job ended, in one word: succeeded, failed, …, error, timedout, abandoned, pending.</summary>
    private static string Outcome(JobWatch job) =>
        job.Outcome == WaitOutcome.Ended ? job.End!.Value.ToString().ToLowerInvariant() : job.Outcome.ToString().ToLowerInvariant();

    /// <summary>Takes the one due job, answers it, and returns how long until its next poll.</summary>
    private TimeSpan PollOnce(WaitPolicy policy, JobDetail answer)
    {
        var job = Assert.Single(policy.TakeDue(10));
        policy.Polled(job, answer);
        return job.NextPollAt - _clock.GetUtcNow();
    }

    [Fact]
    public void Polls_every_job_at_once_at_the_start_within_the_throttle()
    {
        var policy = NewPolicy(null, A, B, C, A);

        Assert.Equal(3, policy.Jobs.Count);
        Assert.Equal(new[] { A, B }, policy.TakeDue(2).Select(j => j.JobId));
        Assert.Equal(new[] { C }, policy.TakeDue(2).Select(j => j.JobId));
        Assert.Empty(policy.TakeDue(2));
    }

    [Fact]
    public void Backs_off_by_the_factor_up_to_the_cap_while_nothing_changes()
    {
        var policy = NewPolicy(new WaitOptions { LagFloor = NoLagBound, Jitter = 0, PollInterval = TimeSpan.FromSeconds(1), MaxPollInterval = TimeSpan.FromSeconds(4), BackoffFactor = 2 });
        var gaps = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var gap = PollOnce(policy, Detail(A, "queued"));
            gaps.Add(gap.TotalSeconds);
            _clock.Advance(gap);
        }

        Assert.Equal(new[] { 1.0, 2.0, 4.0, 4.0, 4.0 }, gaps);
    }

    [Fact]
    public void Keeps_jitter_within_its_bounds()
    {
        var options = new WaitOptions { LagFloor = NoLagBound, Jitter = 0.1, PollInterval = TimeSpan.FromSeconds(10), MaxPollInterval = TimeSpan.FromSeconds(10) };
        var gaps = new List<double>();
        for (var seed = 0; seed < 50; seed++)
        {
            var policy = new WaitPolicy(new[] { A }, options, _clock, new Random(seed));
            gaps.Add(PollOnce(policy, Detail(A, "queued")).TotalSeconds);
        }

        Assert.All(gaps, g => Assert.InRange(g, 9.0, 11.0));
        Assert.True(gaps.Distinct().Count() > 10, "jitter should spread the polls");
    }

    [Fact]
    public void Starts_the_backoff_over_when_the_state_changes()
    {
        var policy = NewPolicy(new WaitOptions { LagFloor = NoLagBound, Jitter = 0, BackoffFactor = 2, MaxPollInterval = TimeSpan.FromSeconds(60) });
        _clock.Advance(PollOnce(policy, Detail(A, "queued")));
        _clock.Advance(PollOnce(policy, Detail(A, "queued")));
        _clock.Advance(PollOnce(policy, Detail(A, "queued")));

        Assert.Equal(TimeSpan.FromSeconds(1), PollOnce(policy, Detail(A, "running")));
    }

    [Fact]
    public void Polls_just_after_the_jobs_own_eta_when_that_is_sooner()
    {
        var policy = NewPolicy(new WaitOptions { LagFloor = NoLagBound, Jitter = 0, PollInterval = TimeSpan.FromSeconds(10), MaxPollInterval = TimeSpan.FromSeconds(30) });

        var gap = PollOnce(policy, Detail(A, "running", progress: 90, eta: 4));

        Assert.Equal(TimeSpan.FromSeconds(4.25), gap);
    }

    [Fact]
    public void Keeps_polling_at_the_cap_when_the_eta_is_far()
    {
        var policy = NewPolicy(new WaitOptions { LagFloor = NoLagBound, Jitter = 0, PollInterval = TimeSpan.FromSeconds(15), MaxPollInterval = TimeSpan.FromSeconds(15) });

        Assert.Equal(TimeSpan.FromSeconds(15), PollOnce(policy, Detail(A, "running", progress: 5, eta: 900)));
    }

    [Fact]
    public void Trusts_an_eta_beyond_the_backoff_up_to_the_cap()
    {
        var policy = NewPolicy(new WaitOptions { LagFloor = NoLagBound, Jitter = 0, PollInterval = TimeSpan.FromSeconds(1), MaxPollInterval = TimeSpan.FromSeconds(15) });
        _clock.Advance(PollOnce(policy, Detail(A, "queued")));

        // Just after a state change the backoff would say 1 s; the job itself says it needs 10 s more.
        Assert.Equal(TimeSpan.FromSeconds(10.25), PollOnce(policy, Detail(A, "running", progress: 20, eta: 10)));
    }

    [Fact]
    public void Backs_off_afresh_when_a_job_outlives_its_eta()
    {
        var policy = NewPolicy(new WaitOptions { LagFloor = NoLagBound, Jitter = 0, BackoffFactor = 2, MaxPollInterval = TimeSpan.FromSeconds(6) });
        _clock.Advance(PollOnce(policy, Detail(A, "running", eta: 3)));
        var gaps = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            // The API keeps saying 0 s left: polls must not stay at the first interval for ever.
            var gap = PollOnce(policy, Detail(A, "running", eta: 0));
            gaps.Add(gap.TotalSeconds);
            _clock.Advance(gap);
        }

        Assert.Equal(new[] { 1.0, 2.0, 4.0, 6.0, 6.0 }, gaps);
    }

    [Fact]
    public void Polls_at_the_first_interval_once_the_eta_has_run_out()
    {
        var policy = NewPolicy(new WaitOptions { LagFloor = NoLagBound, Jitter = 0, BackoffFactor = 2, MaxPollInterval = TimeSpan.FromSeconds(30) });
        _clock.Advance(PollOnce(policy, Detail(A, "running", eta: 20)));
        _clock.Advance(PollOnce(policy, Detail(A, "running", eta: 20)));

        Assert.Equal(TimeSpan.FromSeconds(1), PollOnce(policy, Detail(A, "running", eta: 0)));
    }

    [Fact]
    public void Estimates_from_the_progress_rate_when_the_api_gives_no_eta()
    {
        var policy = NewPolicy(new WaitOptions { LagFloor = NoLagBound, Jitter = 0, PollInterval = TimeSpan.FromSeconds(10), MaxPollInterval = TimeSpan.FromSeconds(60), BackoffFactor = 1 });
        _clock.Advance(PollOnce(policy, Detail(A, "running", progress: 50)));

        // 50% -> 90% in 10 s: 10% every 2.5 s, so 10% left is 2.5 s.
        var gap = PollOnce(policy, Detail(A, "running", progress: 90));

        Assert.Equal(TimeSpan.FromSeconds(2.75), gap);
        Assert.Equal(2.5, policy.Jobs[0].SecondsRemaining(_clock.GetUtcNow())!.Value, 3);
    }

    [Fact]
    public void Honours_retry_after_on_a_transient_failure()
    {
        var policy = NewPolicy();
        var job = Assert.Single(policy.TakeDue(1));

        var events = policy.PollFailed(job, Passing(TimeSpan.FromSeconds(7)));

        Assert.Equal(WaitEventKind.Retrying, Assert.Single(events).Kind);
        Assert.Equal(_clock.GetUtcNow().AddSeconds(7), job.NextPollAt);
        Assert.True(job.IsPending);
        Assert.Equal(1, policy.Retries);
    }

    [Fact]
    public void Ends_the_jobs_wait_on_what_will_not_pass()
    {
        var policy = NewPolicy(null, A, B);
        var job = policy.TakeDue(2)[0];

        var events = policy.PollFailed(job, Lasting);

        Assert.Equal("error", Outcome(job));
        Assert.Same(Lasting, job.Failure);
        var ended = Assert.Single(events);
        Assert.Equal((WaitEventKind.Ended, WaitReason.PollFailed), (ended.Kind, ended.Reason));
        Assert.True(policy.Jobs[1].IsPending);
    }

    [Fact]
    public void Times_out_at_the_deadline_on_a_last_look_taken_then_and_not_a_tick_before()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromSeconds(10), PollInterval = TimeSpan.FromSeconds(4), BackoffFactor = 1 });
        while (true)
        {
            foreach (var job in policy.TakeDue(10)) policy.Polled(job, Detail(A, "running"));
            var wake = policy.TimeUntilNextWake()!.Value;
            if (_clock.GetUtcNow() + wake >= policy.Deadline) break;
            _clock.Advance(wake);
        }
        Assert.Equal(policy.Deadline, _clock.GetUtcNow() + policy.TimeUntilNextWake());

        _clock.Advance(policy.Deadline!.Value - _clock.GetUtcNow() - TimeSpan.FromTicks(1));
        Assert.Empty(policy.ExpireIfDue());
        Assert.Empty(policy.TakeDue(10));

        // At the deadline its answer is 2 s old: it is looked at once more before it is said to have timed out.
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Empty(policy.ExpireIfDue());
        var last = Assert.Single(policy.TakeDue(10));
        var ended = Assert.Single(policy.Polled(last, Detail(A, "running")));
        Assert.Equal((WaitEventKind.Ended, WaitReason.TimedOut), (ended.Kind, ended.Reason));
        Assert.Equal("timedout", Outcome(ended.Job!));
        Assert.True(policy.IsOver);
    }

    [Fact]
    public void Reports_a_job_that_ended_before_the_deadline_though_its_next_poll_was_due_after_it()
    {
        // Polls 10 s apart, a 7-s timeout, a job that ends at 4 s: the poll set for 10 s is brought to 7 s, and the
        // deadline must not end the wait on the answer from 0 s before that poll has gone.
        var policy = NewPolicy(new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromSeconds(7), PollInterval = TimeSpan.FromSeconds(10), LagFloor = TimeSpan.FromSeconds(10) });
        policy.Polled(policy.TakeDue(1)[0], Detail(A, "queued"));
        Assert.Equal(TimeSpan.FromSeconds(7), policy.TimeUntilNextWake());

        _clock.Advance(TimeSpan.FromSeconds(7));
        Assert.Empty(policy.ExpireIfDue());
        var ended = Assert.Single(policy.Polled(Assert.Single(policy.TakeDue(1)), Detail(A, "succeeded")));

        Assert.Equal((WaitEventKind.Ended, WaitReason.JobEnded), (ended.Kind, ended.Reason));
        Assert.Equal(JobEnd.Succeeded, ended.Job!.End);
    }

    [Fact]
    public void Times_out_a_job_whose_last_look_the_pace_held_back_past_its_second()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromSeconds(5), PollInterval = TimeSpan.FromSeconds(10), LagFloor = TimeSpan.FromSeconds(10) }, A, B);
        foreach (var job in policy.TakeDue(2)) policy.Polled(job, Detail(job.JobId, "running"));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var first = Assert.Single(policy.TakeDue(1));

        // The other's last look did not go (a throttle of one, the first still in flight); a second on, it times out as it was.
        _clock.Advance(TimeSpan.FromSeconds(1));
        var ended = Assert.Single(policy.ExpireIfDue());

        Assert.NotSame(first, ended.Job);
        Assert.Equal(WaitReason.TimedOut, ended.Reason);
        Assert.True(first.IsPending);
    }

    [Fact]
    public void Caps_a_retry_after_at_the_deadline()
    {
        var policy = NewPolicy(new WaitOptions { Timeout = TimeSpan.FromSeconds(5) });
        var job = Assert.Single(policy.TakeDue(1));

        var failure = Passing(TimeSpan.FromSeconds(60));
        policy.PollFailed(job, failure);

        Assert.Equal(policy.Deadline, job.NextPollAt);
        _clock.Advance(TimeSpan.FromSeconds(5));
        // The server never answered a poll: that is why the wait ended, not a job that ran long. No last look goes: it
        // would meet the same server, and its own failure (within the look's 0.1 s) would be the reason told.
        var ended = Assert.Single(policy.ExpireIfDue(), e => e.Kind == WaitEventKind.Ended);
        Assert.Equal((WaitReason.Unreachable, "abandoned"), (ended.Reason, Outcome(ended.Job!)));
        Assert.Same(failure, ended.Failure);
        Assert.Empty(policy.TakeDue(1));
    }

    [Fact]
    public void Still_looks_once_more_at_the_deadline_at_a_job_whose_poll_failed_once_the_server_has_answered()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromSeconds(5) }, A, B);
        var first = policy.TakeDue(2);
        policy.Polled(first[0], Detail(A, "running"));
        policy.PollFailed(first[1], Passing(TimeSpan.FromSeconds(60)));

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(policy.ExpireIfDue(), e => e.Kind == WaitEventKind.Ended);
        Assert.Equal(2, policy.TakeDue(2).Count);
    }

    [Fact]
    public void Still_polls_once_with_a_zero_timeout()
    {
        var policy = NewPolicy(new WaitOptions { Timeout = TimeSpan.Zero }, A, B);
        Assert.Empty(policy.ExpireIfDue());
        var due = policy.TakeDue(10);

        policy.Polled(due[0], Detail(A, "succeeded"));
        var events = policy.Polled(due[1], Detail(B, "running"));

        Assert.Equal("succeeded", Outcome(due[0]));
        Assert.Equal("timedout", Outcome(due[1]));
        Assert.Contains(events, e => e.Kind == WaitEventKind.Ended && e.Job == due[1]);
    }

    [Fact]
    public void Has_no_deadline_when_waiting_for_ever()
    {
        var policy = NewPolicy(new WaitOptions { Timeout = null });
        PollOnce(policy, Detail(A, "running"));
        _clock.Advance(TimeSpan.FromDays(400));

        Assert.Null(policy.Deadline);
        Assert.Empty(policy.ExpireIfDue());
        Assert.True(policy.Jobs[0].IsPending);
    }

    [Theory]
    [InlineData("succeeded", "succeeded")]
    [InlineData("failed", "failed")]
    [InlineData("canceled", "canceled")]
    [InlineData("REJECTED", "rejected")]
    [InlineData("running", "pending")]
    [InlineData("waiting_for_upload", "pending")]
    [InlineData("some_new_state", "pending")]
    public void Ends_on_every_terminal_state(string status, string outcome)
    {
        var policy = NewPolicy();
        PollOnce(policy, Detail(A, status));

        Assert.Equal(outcome, Outcome(policy.Jobs[0]));
    }

    [Fact]
    public void Any_ends_the_wait_at_the_first_job_to_end_even_a_failure()
    {
        var policy = NewPolicy(new WaitOptions { Any = true }, A, B, C);
        var due = policy.TakeDue(10);
        policy.Polled(due[0], Detail(A, "running"));

        var events = policy.Polled(due[1], Detail(B, "failed"));

        Assert.True(policy.IsOver);
        Assert.Equal(new[] { "abandoned", "failed", "abandoned" }, policy.Jobs.Select(Outcome));
        Assert.All(events.Where(e => e.Job != due[1]), e => Assert.Equal(WaitReason.AnyJobEnded, e.Reason));
        Assert.Equal(3, events.Count(e => e.Kind == WaitEventKind.Ended));
    }

    [Fact]
    public void FailFast_stops_at_a_failure_but_not_at_a_success()
    {
        var policy = NewPolicy(new WaitOptions { FailFast = true }, A, B, C);
        var due = policy.TakeDue(10);

        policy.Polled(due[0], Detail(A, "succeeded"));
        Assert.False(policy.IsOver);
        policy.Polled(due[1], Detail(B, "rejected"));

        Assert.True(policy.IsOver);
        Assert.Equal(new[] { "succeeded", "rejected", "abandoned" }, policy.Jobs.Select(Outcome));
    }

    [Fact]
    public void Without_switches_waits_for_every_job()
    {
        var policy = NewPolicy(null, A, B);
        var due = policy.TakeDue(10);

        policy.Polled(due[0], Detail(A, "failed"));

        Assert.False(policy.IsOver);
        Assert.True(due[1].IsPending);
    }

    [Fact]
    public void Tells_about_an_upload_wait_once()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0 });
        var job = Assert.Single(policy.TakeDue(1));
        var first = policy.Polled(job, Detail(A, "waiting_for_upload"));
        _clock.Advance(job.NextPollAt - _clock.GetUtcNow());
        policy.TakeDue(1);
        var second = policy.Polled(job, Detail(A, "waiting_for_upload"));

        Assert.Contains(first, e => e.Kind == WaitEventKind.WaitingForUpload);
        Assert.DoesNotContain(second, e => e.Kind == WaitEventKind.WaitingForUpload);
        Assert.True(job.IsPending);
    }

    [Fact]
    public void Reports_state_changes_only_when_the_state_changes()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0 });
        var job = Assert.Single(policy.TakeDue(1));
        var events = new List<WaitEvent>();
        foreach (var status in new[] { "queued", "queued", "running", "running", "succeeded" })
        {
            events.AddRange(policy.Polled(job, Detail(A, status)));
            _clock.Advance(job.NextPollAt - _clock.GetUtcNow());
            policy.TakeDue(1);
        }

        Assert.Equal(new[] { "queued", "running" }, events.Where(e => e.Kind == WaitEventKind.StateChanged).Select(e => e.To));
        Assert.Equal(new string?[] { null, "queued" }, events.Where(e => e.Kind == WaitEventKind.StateChanged).Select(e => e.From));
        // The end is one event of its own, carrying the change that ended it.
        var ended = Assert.Single(events, e => e.Kind == WaitEventKind.Ended);
        Assert.Equal(("running", "succeeded", WaitReason.JobEnded), (ended.From, ended.To, ended.Reason));
    }

    [Fact]
    public void Says_once_when_one_jobs_polls_keep_failing_while_others_are_answered()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0, WarnAfterFailures = 3 }, A, B);

        var events = Run(policy, (job, _) => job.JobId == A ? Http500 : Detail(B, "running"), TimeSpan.FromSeconds(9));

        var struggling = Assert.Single(events, e => e.Kind == WaitEventKind.Struggling);
        Assert.Equal((A, 3), (struggling.Job!.JobId, struggling.Count));
        Assert.Contains("while the server answered others", WaitLog.StrugglingWarning(struggling));
        Assert.True(policy.Jobs[0].IsPending);
    }

    [Fact]
    public void Ends_a_job_that_cannot_be_polled_with_its_own_failure_while_the_server_answers_others()
    {
        // One job whose every poll answers 500, among jobs the server answers: its own error, within the minute, not
        // a timeout an hour later; the others go on.
        var policy = NewPolicy(new WaitOptions { Jitter = 0 }, A, B, C);

        var events = Run(policy, (job, _) => job.JobId == A ? Http500 : Detail(job.JobId, "running"), TimeSpan.FromMinutes(5));

        var ended = Assert.Single(events, e => e.Kind == WaitEventKind.Ended);
        Assert.Equal((A, WaitReason.PollFailed), (ended.Job!.JobId, ended.Reason));
        Assert.Same(Http500, ended.Job.Failure);
        Assert.Equal("error", Outcome(ended.Job));
        // Its last poll came back, and the wait gave up on it, within the minute.
        Assert.InRange((ended.Job.AskedAt!.Value - policy.StartedAt).TotalSeconds, 10, 60);
        Assert.True(policy.Jobs[1].IsPending && policy.Jobs[2].IsPending);
        Assert.Contains("could not be polled", WaitLog.EndLine(policy));
        Assert.DoesNotContain(events, e => e.Kind == WaitEventKind.Unanswered);
    }

    [Fact]
    public void Does_not_call_the_server_quiet_when_the_only_job_left_is_one_that_cannot_be_polled()
    {
        // B ends at 3 s; A, failing since the start while B was answered, is then alone: no answer comes, yet the
        // server is not the trouble, and A's own error says it.
        var policy = NewPolicy(new WaitOptions { Jitter = 0 }, A, B);

        var events = Run(policy, (job, t) => job.JobId == A ? Http500 : Detail(B, t < 3 ? "running" : "succeeded"), TimeSpan.FromMinutes(5));

        Assert.DoesNotContain(events, e => e.Kind == WaitEventKind.Unanswered);
        Assert.Equal(WaitReason.PollFailed, Assert.Single(events, e => e.Kind == WaitEventKind.Ended && e.Job!.JobId == A).Reason);
    }

    [Fact]
    public void Stops_the_others_under_FailFast_at_a_job_that_cannot_be_polled()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0, FailFast = true }, A, B);

        var events = Run(policy, (job, _) => job.JobId == A ? Http500 : Detail(job.JobId, "running"), TimeSpan.FromMinutes(5));

        Assert.True(policy.IsOver);
        Assert.Equal(new[] { WaitReason.PollFailed, WaitReason.FailFast }, events.Where(e => e.Kind == WaitEventKind.Ended).Select(e => e.Reason));
    }

    [Fact]
    public void Rides_out_a_server_that_fails_every_poll_after_it_has_answered_and_says_when_it_is_back()
    {
        // Answered, then 500 for every poll from 5 s to 95 s, then answered again: an outage, not a broken job.
        var policy = NewPolicy(new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromMinutes(10) }, A, B);

        var events = Run(policy, (job, t) => t >= 5 && t < 95 ? Http500 : Detail(job.JobId, t < 120 ? "running" : "succeeded"),
            TimeSpan.FromMinutes(5));

        Assert.Equal(new[] { "succeeded", "succeeded" }, policy.Jobs.Select(Outcome));
        var warned = Assert.Single(events, e => e.Kind == WaitEventKind.Unanswered);
        Assert.Null(warned.Limit);
        Assert.Contains("rides it out until the timeout", WaitLog.UnansweredWarning(warned, policy.Now));
        var back = Assert.Single(events, e => e.Kind == WaitEventKind.AnswersAgain);
        Assert.InRange((back.Since!.Value - policy.StartedAt).TotalSeconds, 5, 7);
        Assert.True(events.IndexOf(warned) < events.IndexOf(back));
        Assert.DoesNotContain(events, e => e.Kind == WaitEventKind.Struggling);
    }

    [Fact]
    public void Says_no_poll_will_go_again_for_a_job_whose_failed_poll_at_the_deadline_ends_it()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromSeconds(60) }, A);
        var job = Assert.Single(policy.TakeDue(1));
        // Answered until a poll sent near the deadline, whose failure comes after it (a poll's limit, say).
        while (true)
        {
            policy.Polled(job, Detail(A, "running"));
            _clock.Advance(job.NextPollAt - _clock.GetUtcNow());
            Assert.Single(policy.TakeDue(1));
            if (Elapsed(policy) >= 55) break;
        }
        _clock.Advance(policy.Deadline!.Value - _clock.GetUtcNow() + TimeSpan.FromSeconds(1));

        var events = policy.PollFailed(job, Passing());

        Assert.False(job.IsPending);
        Assert.Contains(events, e => e.Kind == WaitEventKind.Ended);
        Assert.DoesNotContain(events, e => e.Kind == WaitEventKind.Retrying);
    }

    [Fact]
    public void Ends_the_wait_at_a_deadline_in_an_outage_with_the_servers_silence_not_a_timeout()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromSeconds(60) }, A, B);

        var events = Run(policy, (job, t) => t >= 5 ? Http500 : Detail(job.JobId, "running"), TimeSpan.FromMinutes(5));

        var ended = events.Where(e => e.Kind == WaitEventKind.Ended).ToList();
        Assert.Equal(2, ended.Count);
        Assert.All(ended, e => Assert.Equal(WaitReason.ServerDark, e.Reason));
        Assert.InRange((ended[0].Since!.Value - policy.StartedAt).TotalSeconds, 5, 7);
        Assert.Contains("the jobs did not time out", WaitLog.ServerEnd(ended[0]));
        Assert.InRange(Elapsed(policy), 60, 62);
    }

    [Fact]
    public void Ends_the_whole_wait_at_once_at_a_fault_about_the_key()
    {
        var refused = new PollFailure("Invalid API key (HTTP 401 Unauthorized)", isTransient: false, isAboutServer: true);
        var policy = NewPolicy(new WaitOptions { Jitter = 0 }, A, B, C);
        var first = policy.TakeDue(1)[0];

        var events = policy.PollFailed(first, refused);

        Assert.True(policy.IsOver);
        Assert.Equal(3, events.Count(e => e.Kind == WaitEventKind.Ended && e.Reason == WaitReason.ServerFault));
        Assert.All(events, e => Assert.Same(refused, e.Failure));
    }

    [Fact]
    public void Warns_within_ten_seconds_of_a_silent_server_though_no_poll_has_come_back()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0, UnreachableGrace = TimeSpan.FromSeconds(30) }, A);

        var events = Run(policy, (_, _) => null, TimeSpan.FromSeconds(15));

        var warned = Assert.Single(events, e => e.Kind == WaitEventKind.Unanswered);
        Assert.Equal(TimeSpan.FromSeconds(20), warned.Limit);
        Assert.Equal("No poll answered in 10 s (the polls sent are still waiting for their answers); the wait gives up on the server in 20 s unless one is.",
            WaitLog.UnansweredWarning(warned, policy.StartedAt.AddSeconds(10)));
    }

    [Fact]
    public void Bounds_a_polls_answer_by_the_grace_until_the_server_has_answered_then_by_the_deadline()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0, UnreachableGrace = TimeSpan.FromSeconds(30), Timeout = TimeSpan.FromMinutes(10) });
        Assert.Equal(policy.StartedAt.AddSeconds(30), policy.AnswerBy);

        PollOnce(policy, Detail(A, "running"));

        // Once it has answered, a poll waits 15 s at most: a poll held by a server gone quiet ends in time to see it back.
        Assert.Equal(_clock.GetUtcNow().AddSeconds(15), policy.AnswerBy);
        var patient = new WaitPolicy(new[] { A }, new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromMinutes(10), AnsweredPollLimit = null }, _clock);
        Assert.Single(patient.TakeDue(1));
        patient.Polled(patient.Jobs[0], Detail(A, "running"));
        Assert.Equal(patient.Deadline!.Value.AddSeconds(1), patient.AnswerBy);
        var short_ = new WaitPolicy(new[] { A }, new WaitOptions { Timeout = TimeSpan.FromSeconds(20) }, _clock);
        Assert.Equal(short_.StartedAt.AddSeconds(20), short_.AnswerBy);
    }

    [Fact]
    public void Ends_the_whole_wait_when_every_poll_answers_5xx_from_the_start()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0, UnreachableGrace = TimeSpan.FromSeconds(30) }, A, B);

        var events = Run(policy, (_, _) => Http500, TimeSpan.FromMinutes(5));

        var warned = Assert.Single(events, e => e.Kind == WaitEventKind.Unanswered);
        Assert.InRange((warned.Limit!.Value).TotalSeconds, 19, 21);
        var ended = events.Where(e => e.Kind == WaitEventKind.Ended).ToList();
        Assert.Equal(2, ended.Count);
        Assert.All(ended, e => Assert.Equal((WaitReason.Unreachable, Http500), (e.Reason, e.Failure)));
        // At the grace's end, as the warning said: a poll is due then, not at the next backed-off time past it.
        Assert.InRange(Elapsed(policy), 30, 30.001);
    }

    [Fact]
    public void Ends_the_whole_wait_when_the_server_was_never_reached_within_the_grace()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0, UnreachableGrace = TimeSpan.FromSeconds(30) }, A, B);
        var failures = new List<WaitEvent>();
        while (!policy.IsOver && _clock.GetUtcNow() - policy.StartedAt < TimeSpan.FromMinutes(5))
        {
            foreach (var job in policy.TakeDue(10)) failures.AddRange(policy.PollFailed(job, Passing(unreachable: true)));
            failures.AddRange(policy.ExpireIfDue());
            if (!policy.IsOver) _clock.Advance(policy.TimeUntilNextWake()!.Value);
        }

        Assert.True(policy.IsOver);
        // The warning on the way says when the wait will give up, not "until the timeout".
        var warned = Assert.Single(failures, e => e.Kind == WaitEventKind.Unanswered);
        Assert.InRange(warned.Limit!.Value.TotalSeconds, 19, 21);
        Assert.Contains("the wait gives up on the server in", WaitLog.UnansweredWarning(warned, policy.Now));
        var ended = failures.Where(e => e.Kind == WaitEventKind.Ended).ToList();
        Assert.Equal(2, ended.Count);
        Assert.All(ended, e => Assert.Equal((WaitReason.Unreachable, TimeSpan.FromSeconds(30)), (e.Reason, e.Limit!.Value)));
        // Over at the grace's end: not one backed-off poll later, nor the hour of the default timeout.
        Assert.InRange((_clock.GetUtcNow() - policy.StartedAt).TotalSeconds, 30, 30.001);
    }

    [Fact]
    public void Ends_with_the_connection_failure_at_a_deadline_before_the_grace_when_the_server_was_never_reached()
    {
        // -Timeout 5 on a wrong URI: "did not finish within 5 s, wait longer" would send the user the wrong way.
        var policy = NewPolicy(new WaitOptions { Jitter = 0, UnreachableGrace = TimeSpan.FromSeconds(30), Timeout = TimeSpan.FromSeconds(5) });
        var events = new List<WaitEvent>();
        while (!policy.IsOver && _clock.GetUtcNow() - policy.StartedAt < TimeSpan.FromMinutes(1))
        {
            foreach (var job in policy.TakeDue(10)) events.AddRange(policy.PollFailed(job, Passing(unreachable: true)));
            events.AddRange(policy.ExpireIfDue());
            if (!policy.IsOver) _clock.Advance(policy.TimeUntilNextWake()!.Value);
        }

        // Over before the ten seconds that a warning would take: the error itself says it.
        Assert.DoesNotContain(events, e => e.Kind is WaitEventKind.Unanswered or WaitEventKind.Struggling);
        var ended = Assert.Single(events, e => e.Kind == WaitEventKind.Ended);
        Assert.Equal((WaitReason.Unreachable, TimeSpan.FromSeconds(5)), (ended.Reason, ended.Limit!.Value));
        Assert.InRange((_clock.GetUtcNow() - policy.StartedAt).TotalSeconds, 5, 6);
    }

    [Fact]
    public void Rides_out_an_unreachable_server_once_it_has_answered()
    {
        var policy = NewPolicy(new WaitOptions { Jitter = 0, UnreachableGrace = TimeSpan.FromSeconds(30), Timeout = TimeSpan.FromMinutes(3) });
        _clock.Advance(PollOnce(policy, Detail(A, "running")));
        var events = new List<WaitEvent>();
        while (_clock.GetUtcNow() - policy.StartedAt < TimeSpan.FromMinutes(2))
        {
            foreach (var job in policy.TakeDue(10)) events.AddRange(policy.PollFailed(job, Passing(unreachable: true)));
            // As the driver does each time it wakes: what time alone brings (here, the warning).
            events.AddRange(policy.ExpireIfDue());
            _clock.Advance(policy.TimeUntilNextWake()!.Value);
        }

        Assert.True(policy.Jobs[0].IsPending);
        Assert.True(policy.HasAnswer);
        var warned = Assert.Single(events, e => e.Kind == WaitEventKind.Unanswered);
        Assert.Null(warned.Limit);
    }
}
