using WoodWide.Text;
using Microsoft.Extensions.Time.Testing;
using WoodWide.Model;
using WoodWide.Waiting;
using Xunit;

namespace WoodWide.Tests.Waiting;

/// <summary>The words of a wait: log lines, warnings and the summary.</summary>
public class WaitLogTests
{
    private static readonly Guid A = Guid.Parse("6f1c2a9e-3b7d-4e21-9a55-0c8d1e2f3a40");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private (WaitPolicy Policy, JobWatch Job) NewPolicy(params Guid[] ids)
    {
        var policy = new WaitPolicy(ids.Length == 0 ? new[] { A } : ids, new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromSeconds(30) }, _clock);
        return (policy, policy.Jobs[0]);
    }

    private static JobDetail Job(string status, double? progress = null, double? credits = null) => new()
    {
        JobId = A, Type = "train", Status = status, Progress = progress, CreditsConsumed = credits,
        StartedAt = new DateTimeOffset(2026, 11, 28, 12, 0, 1, TimeSpan.Zero), FinishedAt = status == "succeeded" ? new DateTimeOffset(2026, 11, 28, 12, 0, 14, TimeSpan.Zero) : null,
    };

    [Fact]
    public void Writes_the_full_id_and_each_change()
    {
        var (policy, job) = NewPolicy();
        policy.TakeDue(1);
        var first = policy.Polled(job, Job("queued")).Single();
        _clock.Advance(job.NextPollAt - _clock.GetUtcNow());
        policy.TakeDue(1);
        var second = policy.Polled(job, Job("running", progress: 7.46)).Single();
        _clock.Advance(TimeSpan.FromSeconds(12));
        policy.TakeDue(1);
        var end = policy.Polled(job, Job("succeeded", progress: 100, credits: 42.5)).Single();

        Assert.Equal($"[00:00] train {A}: queued", WaitLog.StateLine(first, TimeSpan.Zero));
        Assert.Equal($"[00:02] train {A}: queued -> running (7.4%)", WaitLog.StateLine(second, TimeSpan.FromSeconds(2)));
        Assert.Equal($"[00:14] train {A}: running -> succeeded after 00:13, 42.5 credits", WaitLog.StateLine(end, TimeSpan.FromSeconds(14)));
    }

    [Theory]
    [InlineData(1.0, "1 credit")]
    [InlineData(0.0, "0 credits")]
    [InlineData(42.5, "42.5 credits")]
    public void Counts_credits_in_good_english(double credits, string text) => Assert.Equal(text, WaitLog.Credits(credits));

    [Theory]
    [InlineData(99.96, "99.9%")]
    [InlineData(7.46, "7.4%")]
    [InlineData(100.0, "100%")]
    public void Rounds_progress_down(double progress, string text) => Assert.Equal(text, Wording.Percent(progress));

    [Fact]
    public void Sums_up_every_outcome_in_words()
    {
        var (policy, _) = NewPolicy(A, Guid.NewGuid(), Guid.NewGuid());
        var due = policy.TakeDue(3);
        policy.Polled(due[0], Job("succeeded"));
        policy.Polled(due[1], Job("failed"));
        policy.Polled(due[2], Job("running"));
        _clock.Advance(TimeSpan.FromSeconds(30));
        policy.Polled(Assert.Single(policy.TakeDue(3)), Job("running"));

        Assert.Equal("Waited 30.0 s for 3 job(s): 1 succeeded, 1 failed, 1 timed out; 5 request(s), 1 retried.",
            WaitLog.Summary(policy, requests: 5, retried: 1));
        Assert.Equal("[00:30] 3 jobs: 1 succeeded, 1 failed, 1 timed out.", WaitLog.EndLine(policy));
    }

    [Fact]
    public void Counts_a_job_the_API_does_not_know_as_not_found_and_one_it_kept_failing_as_could_not_be_polled()
    {
        var (policy, _) = NewPolicy(A, Guid.NewGuid(), Guid.NewGuid());
        var due = policy.TakeDue(3);
        policy.PollFailed(due[0], new PollFailure("Job not found (HTTP 404 Not Found)", isTransient: false, isNotFound: true));
        policy.PollFailed(due[1], new PollFailure("Unprocessable (HTTP 422)", isTransient: false));
        policy.Polled(due[2], Job("succeeded"));

        Assert.Equal("[00:00] 3 jobs: 1 succeeded, 1 not found, 1 could not be polled.", WaitLog.EndLine(policy));
    }

    [Fact]
    public void Says_a_retried_poll_in_one_sentence_whatever_the_failure_ends_with()
    {
        var (policy, job) = NewPolicy();
        policy.TakeDue(1);
        var retry = policy.PollFailed(job, new PollFailure("No answer from 127.0.0.1:5791 within 15 s.", isTransient: true))
            .Single(e => e.Kind == WaitEventKind.Retrying);

        Assert.Equal($"Job {A}: No answer from 127.0.0.1:5791 within 15 s; polling again in {retry.Delay.TotalSeconds:0.0} s.",
            WaitLog.RetryLine(retry));
    }

    [Fact]
    public void Counts_the_pages_of_the_listing_among_the_requests_when_the_wait_swept_it()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();
        var policy = new WaitPolicy(ids, new WaitOptions { Jitter = 0 }, _clock) { CanSweep = true };
        var sweep = Assert.IsType<Sweep>(policy.NextSweepPage());
        var items = ids.Select((id, i) => new JobSummary { JobId = id, Type = "train", Status = "running",
            CreatedAt = _clock.GetUtcNow() - TimeSpan.FromSeconds(i), Progress = 10 }).ToList();
        policy.SweepListed(new ListedPage(items.Take(100).ToList(), "next", "next"));
        Assert.Same(sweep, policy.NextSweepPage());
        policy.SweepListed(new ListedPage(items.Skip(100).ToList(), null, null));

        Assert.Equal(1, policy.Sweeps);
        Assert.Equal("Waited 0.0 s for 200 job(s): 200 pending; 2 request(s) (2 of them pages of the job listing, in 1 sweep(s)), 0 retried.",
            WaitLog.Summary(policy, requests: 2, retried: 0));
    }
}
