using Microsoft.Extensions.Time.Testing;
using WoodWide.Model;
using WoodWide.Waiting;
using Xunit;

namespace WoodWide.Tests.Waiting;

public class ProgressBoardTests
{
    private static readonly Guid A = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
    private static readonly Guid B = Guid.Parse("bbbbbbbb-0000-4000-8000-000000000002");

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private static JobDetail Detail(Guid id, string status, double? progress = null, double? eta = null) =>
        new() { JobId = id, Status = status, Type = "train", Progress = progress, EstimatedSecondsRemaining = eta };

    private (WaitPolicy, ProgressBoard) Start(params Guid[] ids) =>
        (new WaitPolicy(ids, new WaitOptions(), _clock), new ProgressBoard(_clock));

    [Fact]
    public void Draws_one_bar_for_one_job_with_its_percent_and_eta()
    {
        var (policy, board) = Start(A);
        policy.Polled(policy.TakeDue(1)[0], Detail(A, "running", progress: 42.7, eta: 90));
        _clock.Advance(TimeSpan.FromSeconds(5));

        var bar = Assert.Single(board.Refresh(policy));

        Assert.Equal(ProgressBoard.OverallActivityId + 1, bar.ActivityId);
        Assert.Equal(-1, bar.ParentActivityId);
        // 42.7 % with 90 s to go, 5 s on: moved on at that pace, 42.7 + 57.3 × 5 / 90 = 45.9, floored.
        Assert.Equal(45, bar.PercentComplete);
        Assert.Equal(85, bar.SecondsRemaining);
        Assert.Contains("running", bar.Status);
        Assert.Contains("00:05", bar.Status);
        Assert.Contains(A.ToString(), bar.Activity);
    }

    [Fact]
    public void Leaves_percent_and_eta_unknown_when_the_job_gives_none()
    {
        var (policy, board) = Start(A);
        policy.Polled(policy.TakeDue(1)[0], Detail(A, "queued"));

        var bar = Assert.Single(board.Refresh(policy));

        Assert.Equal(-1, bar.PercentComplete);
        Assert.Equal(-1, bar.SecondsRemaining);
    }

    [Fact]
    public void Redraws_at_most_once_a_second()
    {
        var (policy, board) = Start(A);

        Assert.NotEmpty(board.Refresh(policy));
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Empty(board.Refresh(policy));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.NotEmpty(board.Refresh(policy));
    }

    [Fact]
    public void Draws_an_overall_bar_and_children_for_several_jobs()
    {
        var (policy, board) = Start(A, B);
        var due = policy.TakeDue(2);
        policy.Polled(due[0], Detail(A, "succeeded"));
        policy.Polled(due[1], Detail(B, "running", progress: 10));

        var bars = board.Refresh(policy);

        var overall = Assert.Single(bars, b => b.ActivityId == ProgressBoard.OverallActivityId);
        Assert.StartsWith("1 running · 1 succeeded", overall.Status);
        Assert.Equal(50, overall.PercentComplete);
        var child = Assert.Single(bars, b => b.ActivityId != ProgressBoard.OverallActivityId);
        Assert.Equal(ProgressBoard.OverallActivityId, child.ParentActivityId);
        Assert.Equal(ProgressBoard.OverallActivityId + 2, child.ActivityId);
    }

    [Fact]
    public void Completes_every_drawn_bar_once_and_never_draws_it_again()
    {
        var (policy, board) = Start(A, B);
        var due = policy.TakeDue(2);
        policy.Polled(due[0], Detail(A, "running"));
        policy.Polled(due[1], Detail(B, "running"));
        board.Refresh(policy);
        policy.Polled(due[0], Detail(A, "succeeded"));
        var early = board.Complete(policy, due[0]);

        var all = board.CompleteAll(policy);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var after = board.Refresh(policy);

        Assert.True(Assert.Single(early).Completed);
        Assert.Equal(new[] { ProgressBoard.OverallActivityId + 2, ProgressBoard.OverallActivityId }, all.Select(b => b.ActivityId));
        Assert.All(all, b => Assert.True(b.Completed));
        Assert.Empty(after);
    }

    [Fact]
    public void Completes_nothing_that_was_never_drawn()
    {
        var (policy, board) = Start(A);

        Assert.Empty(board.CompleteAll(policy));
    }

    [Fact]
    public void Draws_a_bounded_number_of_job_bars()
    {
        var ids = Enumerable.Range(1, 50).Select(i => Guid.Parse($"00000000-0000-4000-8000-{i:D12}")).ToArray();
        var policy = new WaitPolicy(ids, new WaitOptions(), _clock);
        var board = new ProgressBoard(_clock, maxJobBars: 10);
        // Jobs not yet answered get no bar of their own: the overall bar counts them.
        Assert.Single(board.Refresh(policy));
        _clock.Advance(TimeSpan.FromSeconds(1));
        foreach (var job in policy.TakeDue(20)) policy.Polled(job, Detail(job.JobId, "queued"));

        var bars = board.Refresh(policy);

        Assert.Equal(11, bars.Count);
        Assert.All(bars.Where(b => b.ActivityId != ProgressBoard.OverallActivityId), b => Assert.StartsWith("queued", b.Status));
    }

    [Fact]
    public void Says_how_old_an_answer_is_when_the_pace_holds_the_next_poll_back()
    {
        var ids = Enumerable.Range(1, 3).Select(i => Guid.Parse($"00000000-0000-4000-8000-{i:D12}")).ToArray();
        // One poll a second for all: the answers come at 00:00, then the pace holds the rest back.
        var policy = new WaitPolicy(ids, new WaitOptions { Jitter = 0, MaxRequestsPerSecond = 1 }, _clock);
        var board = new ProgressBoard(_clock);
        var first = Assert.Single(policy.TakeDue(3));
        policy.Polled(first, Detail(first.JobId, "queued"));
        Assert.DoesNotContain("as of", Assert.Single(board.Refresh(policy), b => b.ActivityId == ProgressBoard.IdOf(first)).Status);

        // Its next poll was due 1.5 s on; ten seconds later it has not gone out.
        _clock.Advance(TimeSpan.FromSeconds(10));
        var stale = Assert.Single(board.Refresh(policy), b => b.ActivityId == ProgressBoard.IdOf(first));

        Assert.Equal("queued (as of 00:00) · 00:10", stale.Status);
    }

    [Fact]
    public void Gives_the_bars_once_to_the_soonest_of_all_when_the_first_were_chosen_among_a_few_answered()
    {
        var ids = Enumerable.Range(1, 20).Select(i => Guid.Parse($"00000000-0000-4000-8000-{i:D12}")).ToArray();
        var policy = new WaitPolicy(ids, new WaitOptions { MaxRequestsPerSecond = 10_000 }, _clock);
        var board = new ProgressBoard(_clock);
        var due = policy.TakeDue(20);
        // The first five answered end late (ETAs of 100-104 s): the only ones answered at the first draw.
        for (var i = 0; i < 5; i++) policy.Polled(due[i], Detail(due[i].JobId, "running", progress: 5, eta: 100 + i));
        var first = board.Refresh(policy).Where(b => b.ActivityId != ProgressBoard.OverallActivityId).ToList();
        Assert.Equal(Enumerable.Range(0, 5).Select(i => ProgressBoard.IdOf(due[i])), first.Select(b => b.ActivityId).OrderBy(x => x));

        // The rest answer: they end in 10-24 s.
        for (var i = 5; i < 20; i++) policy.Polled(due[i], Detail(due[i].JobId, "running", progress: 5, eta: 10 + (i - 5)));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var next = board.Refresh(policy);

        // The late five are completed, and the five soonest drawn in their place; this happens once.
        Assert.Equal(Enumerable.Range(0, 5).Select(i => ProgressBoard.IdOf(due[i])), next.Where(b => b.Completed).Select(b => b.ActivityId).OrderBy(x => x));
        Assert.Equal(Enumerable.Range(5, 5).Select(i => ProgressBoard.IdOf(due[i])),
            next.Where(b => !b.Completed && b.ActivityId != ProgressBoard.OverallActivityId).Select(b => b.ActivityId).OrderBy(x => x));
        _clock.Advance(TimeSpan.FromSeconds(1));
        policy.Polled(due[19], Detail(due[19].JobId, "running", progress: 50, eta: 1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(board.Refresh(policy), b => b.Completed);
    }

    [Fact]
    public void Gives_a_bar_let_go_when_the_bars_were_chosen_again_back_to_its_job_once_it_is_among_the_soonest_again()
    {
        var ids = Enumerable.Range(1, 20).Select(i => Guid.Parse($"00000000-0000-4000-8000-{i:D12}")).ToArray();
        var policy = new WaitPolicy(ids, new WaitOptions { MaxRequestsPerSecond = 10_000 }, _clock);
        var board = new ProgressBoard(_clock);
        var due = policy.TakeDue(20);
        for (var i = 0; i < 5; i++) policy.Polled(due[i], Detail(due[i].JobId, "running", progress: 5, eta: 100 + i));
        board.Refresh(policy);
        for (var i = 5; i < 20; i++) policy.Polled(due[i], Detail(due[i].JobId, "running", progress: 5, eta: 10 + (i - 5)));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, board.Refresh(policy).Count(b => b.Completed));

        // The fifteen that end soonest end: the late five, still running, are the soonest left.
        _clock.Advance(TimeSpan.FromSeconds(30));
        foreach (var job in policy.TakeDue(20).Where(j => j.Index >= 5).ToList())
        {
            policy.Polled(job, Detail(job.JobId, "succeeded"));
            board.Complete(policy, job);
        }
        _clock.Advance(TimeSpan.FromSeconds(1));
        var back = board.Refresh(policy).Where(b => b.ActivityId != ProgressBoard.OverallActivityId).ToList();

        Assert.Equal(Enumerable.Range(0, 5).Select(i => ProgressBoard.IdOf(due[i])), back.Select(b => b.ActivityId).OrderBy(x => x));
        Assert.All(back, b => Assert.False(b.Completed));
        var end = board.CompleteAll(policy);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => ProgressBoard.IdOf(due[i])).Append(ProgressBoard.OverallActivityId),
            end.Select(b => b.ActivityId));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty(board.Refresh(policy));
    }

    [Fact]
    public void Draws_a_handful_of_bars_for_a_thousand_jobs_the_soonest_to_end_kept_until_they_end()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();
        // A pace that lets all thousand first polls go at once.
        var policy = new WaitPolicy(ids, new WaitOptions { MaxRequestsPerSecond = 10_000 }, _clock);
        var board = new ProgressBoard(_clock);
        var due = policy.TakeDue(1000);
        Assert.Equal(1000, due.Count);
        for (var i = 0; i < due.Count; i++) policy.Polled(due[i], Detail(due[i].JobId, "running", progress: 5, eta: 1000 - i));

        var bars = board.Refresh(policy);

        var jobs = bars.Where(b => b.ActivityId != ProgressBoard.OverallActivityId).ToList();
        Assert.Equal(ProgressBoard.DefaultJobBars, jobs.Count);
        // The five that should end soonest: the last five polled, whose ETAs are shortest.
        Assert.Equal(Enumerable.Range(995, 5).Select(i => ProgressBoard.IdOf(due[i])).OrderBy(x => x), jobs.Select(b => b.ActivityId).OrderBy(x => x));
        var overall = Assert.Single(bars, b => b.ActivityId == ProgressBoard.OverallActivityId);
        Assert.StartsWith("1000 running · last ETA in 16:40", overall.Status);

        _clock.Advance(TimeSpan.FromSeconds(1));
        policy.Polled(policy.Jobs[999], Detail(policy.Jobs[999].JobId, "succeeded"));
        var completed = board.Complete(policy, policy.Jobs[999]);
        var next = board.Refresh(policy).Where(b => b.ActivityId != ProgressBoard.OverallActivityId).ToList();

        Assert.True(Assert.Single(completed).Completed);
        Assert.Equal(ProgressBoard.DefaultJobBars, next.Count);
        Assert.Contains(next, b => b.ActivityId == ProgressBoard.IdOf(policy.Jobs[994]));
    }

    [Fact]
    public void Moves_a_running_bar_between_polls_never_back_and_never_to_100_before_the_end()
    {
        var (policy, board) = Start(A);
        var job = policy.TakeDue(1)[0];
        policy.Polled(job, Detail(A, "running", progress: 20, eta: 8));
        var shown = new List<int>();
        for (var second = 1; second <= 12; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            // At 5 s the API says less than the bar shows: the bar holds rather than go back.
            if (second == 5) policy.Polled(job, Detail(A, "running", progress: 40, eta: 6));
            shown.Add(Assert.Single(board.Refresh(policy)).PercentComplete);
        }

        Assert.Equal(shown.OrderBy(p => p), shown);
        Assert.True(shown[0] > 20, $"the bar did not move: {string.Join(", ", shown)}");
        Assert.All(shown, p => Assert.True(p < 100));
        Assert.Equal(99, shown[^1]);
    }
}
