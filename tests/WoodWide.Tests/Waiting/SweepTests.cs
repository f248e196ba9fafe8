using Microsoft.Extensions.Time.Testing;
using WoodWide.Model;
using WoodWide.Waiting;
using Xunit;

namespace WoodWide.Tests.Waiting;

/// <summary>
/// Sweeps of the job listing on a fake clock: when the driver chooses them, and that whatever the listing does (omits
/// a job, lists one twice while new jobs arrive, lies about an end, lacks progress, breaks its order, fails its
/// cursor) every job ends once, from its own detail, with its true end.
/// </summary>
public class SweepTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly DateTimeOffset _start;

    public SweepTests() => _start = _clock.GetUtcNow();

    /// <summary>A server of jobs: each created before the wait (newest first by its number), queued 1 s, then running to its end.</summary>
    private sealed class World
    {
        private readonly SweepTests _t;
        public readonly List<(Guid Id, DateTimeOffset Created, double End, string Outcome)> Jobs = new();
        public readonly List<(Guid Id, DateTimeOffset Created)> Foreign = new();
        public int Gets, Pages;
        public bool Progress = true;
        public Func<int, List<JobSummary>, List<JobSummary>>? Tamper;
        public Func<int, Exception?>? PageFault;
        /// <summary>When a job says it will end, where that is not when it does (an ETA that is wrong); by its id.</summary>
        public readonly Dictionary<Guid, double> Said = new();
        /// <summary>Jobs whose ETA says 2 s left for as long as they run.</summary>
        public readonly HashSet<Guid> Stuck = new();

        /// <summary>When its clock starts: the wait's start, for a wait begun now.</summary>
        public readonly DateTimeOffset Origin;

        public World(SweepTests t, int count, Func<int, double> end, Func<int, string>? outcome = null)
        {
            _t = t;
            Origin = t._clock.GetUtcNow();
            for (var i = 0; i < count; i++)
                Jobs.Add((Guid.NewGuid(), Origin - TimeSpan.FromMilliseconds(10 * (i + 1)), end(i), outcome?.Invoke(i) ?? "succeeded"));
        }

        private double Now => (_t._clock.GetUtcNow() - Origin).TotalSeconds;

        private (string Status, double? Progress, double? Eta) State((Guid Id, DateTimeOffset Created, double End, string Outcome) job)
        {
            var t = Now;
            if (t < 1 && job.End > 1) return ("queued", null, null);
            var said = Said.TryGetValue(job.Id, out var s) ? s : job.End;
            if (t < job.End) return ("running", Math.Min(100, 100 * t / said), Stuck.Contains(job.Id) ? 2 : Math.Max(0, said - t));
            return (job.Outcome, 100, null);
        }

        private DateTimeOffset? FinishedAt((Guid Id, DateTimeOffset Created, double End, string Outcome) job, string status) =>
            JobStatuses.IsTerminal(status) ? Origin + TimeSpan.FromSeconds(job.End) : null;

        private Dictionary<Guid, int>? _indexCache;
        private Dictionary<Guid, int> _index => _indexCache ??= Jobs.Select((j, i) => (j.Id, i)).ToDictionary(x => x.Id, x => x.i);

        public Task<JobDetail> Get(Guid id, CancellationToken _)
        {
            Gets++;
            var job = _index.TryGetValue(id, out var at) ? Jobs[at] : Jobs.Single(j => j.Id == id);
            var (status, progress, eta) = State(job);
            return Task.FromResult(new JobDetail
            {
                JobId = id, Type = "train", Status = status, CreatedAt = job.Created, FinishedAt = FinishedAt(job, status), Progress = progress, EstimatedSecondsRemaining = eta,
                CreditsConsumed = JobStatuses.IsTerminal(status) ? 1 : null,
            });
        }

        public Task<ListedPage> List(object? after, CancellationToken _)
        {
            var page = Pages++;
            if (PageFault?.Invoke(page) is Exception e) return Task.FromException<ListedPage>(e);
            var all = Jobs.Select(j =>
                {
                    var (status, progress, eta) = State(j);
                    return new JobSummary { JobId = j.Id, Type = "train", Status = status, CreatedAt = j.Created, FinishedAt = FinishedAt(j, status),
                        Progress = Progress ? progress : null, EstimatedSecondsRemaining = Progress ? eta : null };
                })
                .Concat(Foreign.Select(f => new JobSummary { JobId = f.Id, Type = "train", Status = "succeeded", CreatedAt = f.Created }))
                .OrderByDescending(j => j.CreatedAt).ToList();
            if (Tamper != null) all = Tamper(page, all);
            var offset = after is int o ? o : 0;
            var items = all.Skip(offset).Take(100).ToList();
            var next = offset + items.Count < all.Count ? (object)(offset + items.Count) : null;
            return Task.FromResult(new ListedPage(items, next, next?.ToString()));
        }
    }

    private (List<WaitEvent> Events, WaitPolicy Policy) Run(World world, WaitOptions? options = null, bool listing = true)
    {
        var policy = new WaitPolicy(world.Jobs.Select(j => j.Id), options ?? new WaitOptions { Jitter = 0 }, _clock, new Random(1));
        var driver = new WaitDriver(policy, world.Get, e => new PollFailure(e.Message, isTransient: e is TimeoutException), throttleLimit: 16,
            null, _clock, sleep: (delay, _) => { _clock.Advance(delay > TimeSpan.Zero ? delay : TimeSpan.FromMilliseconds(1)); return Task.CompletedTask; },
            list: listing ? world.List : null);
        return (driver.Run(CancellationToken.None).ToList(), policy);
    }

    /// <summary>Every job ended exactly once, from a GET's detail (credits only a detail carries), with its true end.</summary>
    private static void AssertEveryJobEndedTruly(World world, List<WaitEvent> events)
    {
        var ended = events.Where(e => e.Kind == WaitEventKind.Ended).ToList();
        Assert.Equal(world.Jobs.Count, ended.Count);
        Assert.Equal(world.Jobs.Count, ended.Select(e => e.Job!.JobId).Distinct().Count());
        foreach (var e in ended)
        {
            var job = world.Jobs.Single(j => j.Id == e.Job!.JobId);
            Assert.Equal(WaitReason.JobEnded, e.Reason);
            Assert.Equal(job.Outcome, e.Detail!.Status);
            Assert.False(e.Detail.IsSummary);
            Assert.Equal(1, e.Detail.CreditsConsumed);
        }
    }

    [Fact]
    public void Starts_sweeps_only_when_per_job_polls_at_the_pace_cannot_keep_the_lag_bound()
    {
        WaitPolicy Policy(int jobs, double pace) => new(Enumerable.Range(0, jobs).Select(_ => Guid.NewGuid()),
            new WaitOptions { MaxRequestsPerSecond = pace }, _clock) { CanSweep = true };

        // Young jobs need a poll every 1.5 s each: 60 need 40 a second, within 50; 100 need 67, beyond it.
        Assert.False(Policy(60, 50).SweepMode(_clock.GetUtcNow()));
        Assert.True(Policy(100, 50).SweepMode(_clock.GetUtcNow()));
        Assert.False(Policy(100, 500).SweepMode(_clock.GetUtcNow()));
        Assert.True(Policy(1000, 500).SweepMode(_clock.GetUtcNow()));
        // Without a listing to sweep, never.
        Assert.False(new WaitPolicy(Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid()), new WaitOptions(), _clock).SweepMode(_clock.GetUtcNow()));
    }

    [Fact]
    public void Counts_the_GET_each_end_an_ETA_foresees_takes_in_what_per_job_polls_would_need()
    {
        // Two waits of 70 jobs alike but for their ETAs: in one each ends 10 s from now, in the other 100 s. The ends
        // within the next 15 s take a GET each as well as the looks: 70 over 15 s, 4.7 a second more.
        WaitPolicy Policy() => new(Enumerable.Range(0, 70).Select(_ => Guid.NewGuid()), new WaitOptions { Jitter = 0 }, _clock) { CanSweep = true };
        var (soon, late) = (Policy(), Policy());
        while (soon.Jobs.Concat(late.Jobs).Any(j => j.Polls == 0))
        {
            foreach (var (policy, eta) in new[] { (soon, 10.0), (late, 100.0) })
                foreach (var job in policy.TakeDue(70))
                    policy.Polled(job, new JobDetail { JobId = job.JobId, Type = "train", Status = "running", EstimatedSecondsRemaining = eta });
            _clock.Advance(TimeSpan.FromMilliseconds(50));
        }

        // The need is counted afresh once a second.
        _clock.Advance(TimeSpan.FromSeconds(1));
        var now = _clock.GetUtcNow();
        Assert.Equal(70 / 15.0, soon.PollDemand(now) - late.PollDemand(now), 3);
    }

    [Fact]
    public void Goes_on_sweeping_the_last_jobs_while_its_pages_cost_fewer_requests_than_their_own_polls_would()
    {
        // 300 young jobs need 200 looks a second: sweeps. 250 end from 5 to 15 s; the 50 left need 13 a second then,
        // within the pace, but a sweep of 3 pages every few seconds costs far less than a GET of each at each look to 60 s.
        var world = new World(this, 300, i => i < 50 ? 60 : 5 + 0.04 * (i - 50));
        var (lags, _, policy) = Lags(world);

        // A GET for each end, and a few for the ends the sweeps listed while the GETs of others went.
        Assert.True(world.Gets <= 300 + 10, $"{world.Gets} GETs and {world.Pages} pages for 300 ends");
        Assert.True(world.Pages <= 100, $"{world.Pages} pages in {policy.Sweeps} sweeps");
        Assert.True(lags.Values.Max() <= 1.5, $"an end seen {lags.Values.Max():0.00} s late");
    }

    /// <summary>Runs 1,000 jobs ending 1-15 s in; the lag from each end to its report, sorted, and the requests made.</summary>
    private (List<double> Lags, int Requests, WaitPolicy Policy) Thousand(bool listing)
    {
        var world = new World(this, 1000, i => 1 + 14 * ((i * 7919) % 1000) / 1000.0);
        var lags = new List<double>();
        var policy = new WaitPolicy(world.Jobs.Select(j => j.Id), new WaitOptions { Jitter = 0 }, _clock, new Random(1));
        var driver = new WaitDriver(policy, world.Get, _ => null, 16, null, _clock,
            sleep: (delay, _) => { _clock.Advance(delay > TimeSpan.Zero ? delay : TimeSpan.FromMilliseconds(1)); return Task.CompletedTask; },
            list: listing ? world.List : null);
        var events = new List<WaitEvent>();
        foreach (var e in driver.Run(CancellationToken.None))
        {
            events.Add(e);
            if (e.Kind == WaitEventKind.Ended)
                lags.Add((_clock.GetUtcNow() - world.Origin).TotalSeconds - world.Jobs.Single(j => j.Id == e.Job!.JobId).End);
        }
        AssertEveryJobEndedTruly(world, events);
        lags.Sort();
        return (lags, world.Gets + world.Pages, policy);
    }

    [Fact]
    public void Sweeping_a_thousand_young_jobs_at_the_default_pace_halves_the_lag_of_per_job_polls_in_under_two_requests_a_job()
    {
        // 1,000 ends in 14 s need 71 detail GETs a second, above the pace of 50: no wait that reports each end from its
        // detail keeps a 1-s lag here. What sweeps save is every GET of a job still running.
        var (polled, polledRequests, _) = Thousand(listing: false);
        var (swept, sweptRequests, policy) = Thousand(listing: true);

        var median = swept[swept.Count / 2];
        var before = polled[polled.Count / 2];
        Assert.True(median <= before / 2, $"median lag {median:0.00} s swept, {before:0.00} s polled");
        Assert.True(swept[(int)(swept.Count * 0.95)] < polled[(int)(polled.Count * 0.95)], "95th percentile");
        Assert.True(sweptRequests <= 2 * 1000, $"{sweptRequests} requests swept ({polledRequests} polled)");
        Assert.True(policy.Sweeps > 1);
    }

    /// <summary>Runs the world's jobs to their ends; the lag from each end to its report, by job.</summary>
    private (Dictionary<Guid, double> Lags, List<WaitEvent> Events, WaitPolicy Policy) Lags(World world, WaitOptions? options = null,
        Func<Guid, CancellationToken, Task<JobDetail>>? get = null, Func<Exception, PollFailure?>? failures = null)
    {
        var policy = new WaitPolicy(world.Jobs.Select(j => j.Id), options ?? new WaitOptions { Jitter = 0 }, _clock, new Random(1));
        var driver = new WaitDriver(policy, get ?? world.Get, failures ?? (_ => null), 16, null, _clock,
            sleep: (delay, _) => { _clock.Advance(delay > TimeSpan.Zero ? delay : TimeSpan.FromMilliseconds(1)); return Task.CompletedTask; },
            list: world.List);
        var lags = new Dictionary<Guid, double>();
        var events = new List<WaitEvent>();
        foreach (var e in driver.Run(CancellationToken.None))
        {
            events.Add(e);
            if (e.Kind == WaitEventKind.Ended)
                lags[e.Job!.JobId] = (_clock.GetUtcNow() - world.Origin).TotalSeconds - world.Jobs.Single(j => j.Id == e.Job.JobId).End;
        }
        AssertEveryJobEndedTruly(world, events);
        return (lags, events, policy);
    }

    [Fact]
    public void A_job_whose_ETA_gives_its_end_is_fetched_by_its_own_GET_just_after_it_and_sweeps_come_only_as_the_lag_bound_asks()
    {
        // 2,000 jobs ending 30-120 s in, about 22 a second: within the pace, but far more than per-job polls can keep
        // within their bounds. Their ETAs are right: each end is fetched as it comes, and the sweeps' pages (20 a sweep)
        // come only as often as the lag bound asks (a share of a job's age), not whenever some job's ETA runs out.
        var world = new World(this, 2000, i => 30 + 90 * ((i * 7919) % 2000) / 2000.0);
        var (lags, _, policy) = Lags(world);

        var sorted = lags.Values.OrderBy(x => x).ToList();
        var median = sorted[sorted.Count / 2];
        Assert.True(median <= 0.3, $"median lag {median:0.00} s (the aim is 0.25 s after the ETA)");
        Assert.True(sorted[(int)(sorted.Count * 0.95)] <= 1, $"95th percentile {sorted[(int)(sorted.Count * 0.95)]:0.00} s");
        Assert.True(world.Gets <= 2000 + 50, $"{world.Gets} GETs for 2,000 ends");
        Assert.True(world.Pages <= 0.25 * 2000, $"{world.Pages} pages in {policy.Sweeps} sweeps");
    }

    [Fact]
    public void A_GET_aimed_at_an_ETA_that_meets_a_429_goes_again_after_the_pause_not_at_the_next_sweep()
    {
        var world = new World(this, 2000, i => 30 + 90 * ((i * 7919) % 2000) / 2000.0);
        // The job that ends at 90 s (sweeps come every 15 s by then, at 80 and 95 s): its aimed GET is refused once,
        // with Retry-After 2 s.
        var target = world.Jobs.OrderBy(j => Math.Abs(j.End - 90)).First();
        int? pagesAtRefusal = null, pagesAtEnd = null;
        Task<JobDetail> Get(Guid id, CancellationToken token)
        {
            var t = (_clock.GetUtcNow() - world.Origin).TotalSeconds;
            if (id == target.Id && t >= target.End && pagesAtRefusal is null)
            {
                pagesAtRefusal = world.Pages;
                return Task.FromException<JobDetail>(new RateLimited());
            }
            if (id == target.Id && t >= target.End) pagesAtEnd = world.Pages;
            return world.Get(id, token);
        }

        var (lags, _, _) = Lags(world, get: Get,
            failures: e => e is RateLimited ? new PollFailure("429", true, TimeSpan.FromSeconds(2), isRateLimited: true) : null);

        Assert.NotNull(pagesAtRefusal);
        // Its GET goes again after the pause, as an aimed GET: no sweep is started to find the end it was aimed at.
        Assert.True(pagesAtEnd == pagesAtRefusal, $"{pagesAtEnd - pagesAtRefusal} page(s) read between the refusal and the GET of its end");
        // The aim (0.25 s), the pause (2 s), and the aims that came due in the pause going first at the halved pace.
        Assert.True(lags[target.Id] <= 5, $"its end seen {lags[target.Id]:0.00} s late");
    }

    [Fact]
    public void An_end_sooner_than_its_ETA_foresaw_is_swept_up_within_the_jobs_lag_bound()
    {
        // A third of 1,000 jobs end at half the time their ETAs give (a failure, a small input): the GET aimed at the ETA
        // would come too late, and the sweeps, which go on refreshing every job still running, find them first.
        var world = new World(this, 1000, i => 30 + 90 * ((i * 7919) % 1000) / 1000.0);
        var early = world.Jobs.Where((_, i) => i % 3 == 0).ToList();
        foreach (var job in early)
        {
            world.Said[job.Id] = job.End;
            world.Jobs[world.Jobs.IndexOf(job)] = (job.Id, job.Created, job.End / 2, job.Outcome);
        }
        var options = new WaitOptions { Jitter = 0 };
        var (lags, _, _) = Lags(world, options);

        foreach (var job in early)
        {
            // The bound at its end (the larger of 1.5 s and a quarter of its age, up to 15 s), and a second for the pages.
            var bound = Math.Min(options.MaxPollInterval.TotalSeconds, Math.Max(options.LagFloor.TotalSeconds, options.LagShare * job.End / 2));
            Assert.True(lags[job.Id] <= bound + 1, $"ended at {job.End / 2:0.0} s, seen {lags[job.Id]:0.00} s later (bound {bound:0.0} s)");
        }
    }

    [Fact]
    public void A_job_still_going_when_the_GET_aimed_at_its_ETA_came_is_left_to_the_sweeps_after_that()
    {
        // 200 jobs running to 30 s at a pace of 20, so sweeps refresh them throughout; one says "2 s left" for as long as
        // it runs (to 20 s). Aiming a GET at each new "2 s" would poll it every 2 s by itself: one miss, then the sweeps.
        var world = new World(this, 200, i => 30);
        var stuck = world.Jobs[5];
        world.Jobs[5] = (stuck.Id, stuck.Created, 20, stuck.Outcome);
        world.Stuck.Add(stuck.Id);

        var (lags, _, policy) = Lags(world, new WaitOptions { Jitter = 0, MaxRequestsPerSecond = 20 });

        var watch = policy.Jobs.Single(j => j.JobId == stuck.Id);
        Assert.True(watch.AimMissed);
        // The aimed GET that missed, and the one that fetched its end once a sweep listed it as ended.
        Assert.True(watch.Polls <= 3, $"{watch.Polls} GETs of the job whose ETA stayed at 2 s");
        Assert.True(lags[stuck.Id] <= 5, $"its end seen {lags[stuck.Id]:0.00} s late");
    }

    [Fact]
    public void Polls_each_job_as_before_when_the_listing_is_not_given()
    {
        var world = new World(this, 150, i => 2 + i % 5);
        var (events, policy) = Run(world, listing: false);

        AssertEveryJobEndedTruly(world, events);
        Assert.Equal(0, world.Pages);
        Assert.Equal(0, policy.Sweeps);
    }

    [Fact]
    public void Fetches_the_details_of_jobs_listed_as_ended_in_the_order_they_ended_not_the_order_they_were_given()
    {
        // 300 jobs ending 3-4.5 s in, the last given ending first: 200 ends a second, four times the pace, so each sweep
        // finds more ends than the GETs can take at once. Waiting on them longest-ended first keeps the worst lag low.
        var world = new World(this, 300, i => 4.5 - 0.005 * i);
        var (events, _) = Run(world);

        AssertEveryJobEndedTruly(world, events);
        var end = world.Jobs.ToDictionary(j => j.Id, j => j.End);
        var order = events.Where(e => e.Kind == WaitEventKind.Ended).Select(e => end[e.Job!.JobId]).ToList();
        // Each sweep's ends queue behind those found before: within a sweep's finds, and across them, oldest end first.
        var outOfOrder = order.Zip(order.Skip(1), (a, b) => b < a).Count(x => x);
        Assert.True(outOfOrder <= 3, $"{outOfOrder} of {order.Count - 1} ends reported before one that ended sooner");
    }

    [Fact]
    public void A_job_refreshed_by_listings_is_updated_in_place_until_its_own_GET_answers()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => Guid.NewGuid()).ToList();
        var policy = new WaitPolicy(ids, new WaitOptions { Jitter = 0 }, _clock) { CanSweep = true };
        // Young jobs, made as the wait began: polling each within its bound would take 133 polls a second.
        List<JobSummary> Listed(double progress) => ids.Select(id => new JobSummary { JobId = id, Type = "train", Status = "running",
            CreatedAt = _start, Progress = progress, EstimatedSecondsRemaining = 100 - progress }).ToList();
        void Sweep(double progress)
        {
            var items = Listed(progress);
            Assert.NotNull(policy.NextSweepPage());
            policy.SweepListed(new ListedPage(items.Take(100).ToList(), "next", "next"));
            Assert.NotNull(policy.NextSweepPage());
            policy.SweepListed(new ListedPage(items.Skip(100).ToList(), null, null));
        }

        Sweep(10);
        var first = policy.Jobs.Select(j => j.Latest).ToList();
        _clock.Advance(TimeSpan.FromSeconds(5));
        Sweep(20);

        // The same objects, now saying what the second listing said: a sweep of thousands leaves nothing to collect.
        Assert.All(policy.Jobs, j => Assert.Same(first[j.Index], j.Latest));
        Assert.All(policy.Jobs, j => Assert.Equal((20.0, 80.0), (j.Latest!.Progress!.Value, j.Latest.EstimatedSecondsRemaining!.Value)));
        // Over a GET's detail, a listing makes a new one (the detail may have been handed out), keeping the detail's fields.
        var detail = new JobDetail { JobId = ids[0], Type = "train", Status = "running", CreatedAt = _start, Progress = 25,
            Resources = new TrainResources(), CreditsConsumed = 2 };
        var made = WaitPolicy.FromListing(Listed(30)[0], detail);
        Assert.NotSame(detail, made);
        Assert.Equal((25.0, "running"), (detail.Progress!.Value, detail.Status));
        Assert.Same(detail.Resources, made.Resources);
        Assert.Equal((30.0, 2.0), (made.Progress!.Value, made.CreditsConsumed!.Value));
    }

    [Fact]
    public void A_job_listed_as_ended_before_the_deadline_is_written_as_ended_not_timed_out_when_its_GET_comes_after()
    {
        // 400 jobs ending 1-3 s in, four times faster than the pace lets their GETs go: at a deadline of 3.5 s, most have
        // been listed as ended and wait for their GETs. They finished in time; the timeout must not say they did not.
        var world = new World(this, 400, i => 1 + 2 * ((i * 7919) % 400) / 400.0);
        var (events, policy) = Run(world, new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromSeconds(3.5) });
        var late = events.Where(e => e.Reason == WaitReason.TimedOut).Select(e => world.Jobs.Single(j => j.Id == e.Job!.JobId).End).OrderBy(x => x).ToList();
        Assert.True(late.Count == 0, $"{late.Count} timed out, ended {late.FirstOrDefault():0.00}-{late.LastOrDefault():0.00}; sweeps {policy.Sweeps}");

        AssertEveryJobEndedTruly(world, events);
        Assert.DoesNotContain(events, e => e.Reason == WaitReason.TimedOut);
        Assert.True(_clock.GetUtcNow() - world.Origin > TimeSpan.FromSeconds(5), "the GETs of the ends found went on past the deadline");
    }

    [Fact]
    public void Any_says_of_a_job_left_behind_that_the_listing_showed_it_ended_not_that_it_was_running()
    {
        // 300 jobs ending together at 3 s, sooner than their ETAs foresaw: the sweep that finds them queues 300 GETs; the
        // first detail ends the wait.
        var world = new World(this, 300, i => 3 + 0.001 * i);
        foreach (var job in world.Jobs) world.Said[job.Id] = 10;
        var (events, _) = Run(world, new WaitOptions { Jitter = 0, Any = true });

        var left = events.Where(e => e.Kind == WaitEventKind.Ended && e.Reason == WaitReason.AnyJobEnded).ToList();
        Assert.True(left.Count > 100, $"{left.Count} left behind");
        var listedEnded = left.Where(e => e.Job!.EndListed).ToList();
        Assert.NotEmpty(listedEnded);
        Assert.All(listedEnded, e => Assert.EndsWith("(-Any: another job ended); the job listing showed it succeeded, and its own detail was not fetched.",
            WaitLog.AbandonedLine(e)));
    }

    [Fact]
    public void A_job_the_listing_omits_falls_back_to_its_own_GET_and_ends()
    {
        var world = new World(this, 200, i => 3 + i % 4);
        var hidden = world.Jobs[57].Id;
        world.Tamper = (_, all) => all.Where(j => j.JobId != hidden).ToList();

        var (events, policy) = Run(world);

        AssertEveryJobEndedTruly(world, events);
        var watch = policy.Jobs.Single(j => j.JobId == hidden);
        Assert.Equal(0, watch.Listings);
        Assert.True(watch.Polls >= 2);
    }

    [Fact]
    public void A_job_listed_twice_across_pages_while_new_jobs_arrive_is_read_once_and_others_jobs_are_ignored()
    {
        var world = new World(this, 250, i => 2 + i % 6);
        // Before each page, ten more jobs that are not the wait's arrive at the top, so the pages shift and repeat items.
        world.Tamper = (page, all) =>
        {
            for (var k = 0; k < 10; k++) world.Foreign.Add((Guid.NewGuid(), _clock.GetUtcNow() + TimeSpan.FromMilliseconds(page * 10 + k)));
            return all;
        };

        var (events, _) = Run(world);

        AssertEveryJobEndedTruly(world, events);
        Assert.DoesNotContain(events, e => e.Job != null && world.Foreign.Any(f => f.Id == e.Job.JobId));
    }

    [Fact]
    public void An_end_the_listing_claims_is_reported_only_once_the_jobs_own_detail_says_so()
    {
        var world = new World(this, 200, i => 6);
        var liar = world.Jobs[10].Id;
        // The listing says this job failed from the start; its detail says it runs to 6 s and succeeds.
        world.Tamper = (_, all) => all.Select(j => j.JobId == liar
            ? new JobSummary { JobId = j.JobId, Type = j.Type, Status = "failed", CreatedAt = j.CreatedAt } : j).ToList();

        var (events, _) = Run(world);

        AssertEveryJobEndedTruly(world, events);
        var end = events.Single(e => e.Kind == WaitEventKind.Ended && e.Job!.JobId == liar);
        Assert.Equal("succeeded", end.Detail!.Status);
        Assert.True(end.Detail.CreatedAt != null);
    }

    [Fact]
    public void Unknown_fields_and_missing_progress_lose_nothing_and_a_job_whose_listing_lacks_its_bars_is_polled_by_GET()
    {
        var world = new World(this, 200, i => 5 + i % 5) { Progress = false };
        world.Tamper = (_, all) =>
        {
            foreach (var j in all) j.AdditionalProperties["shiny_new_field"] = 42;
            return all;
        };

        var (events, policy) = Run(world, new WaitOptions { Jitter = 0, MaxRequestsPerSecond = 50 });

        AssertEveryJobEndedTruly(world, events);
        // Jobs whose own detail showed progress and whose listing showed none were taken off the sweeps.
        Assert.Contains(policy.Jobs, j => j.ByDetailOnly);
    }

    [Fact]
    public void A_listing_out_of_order_is_swept_to_its_end_and_never_trusted_to_stop_early()
    {
        var world = new World(this, 200, i => 3 + i % 4);
        for (var k = 0; k < 300; k++) world.Foreign.Add((Guid.NewGuid(), _start - TimeSpan.FromHours(1) - TimeSpan.FromSeconds(k)));
        // Oldest first: the early stop would be wrong here.
        world.Tamper = (_, all) => Enumerable.Reverse(all).ToList();

        var (events, policy) = Run(world);

        AssertEveryJobEndedTruly(world, events);
        Assert.All(policy.Jobs, j => Assert.True(j.Listings > 0 || j.Polls > 1, $"{j.JobId} was never refreshed"));
    }

    [Fact]
    public void Stops_a_sweep_once_past_the_oldest_pending_job_while_the_order_holds()
    {
        var world = new World(this, 150, i => 4);
        // Thousands of older jobs below the wait's: a sweep that read to the end would take 30 pages more each time.
        for (var k = 0; k < 3000; k++) world.Foreign.Add((Guid.NewGuid(), _start - TimeSpan.FromHours(1) - TimeSpan.FromSeconds(k)));

        var (events, policy) = Run(world);

        AssertEveryJobEndedTruly(world, events);
        // The first sweep knows no created_at yet and stops once it has seen every job: 2 pages; each later one, past the oldest, 2.
        Assert.True(policy.SweepPages <= 2 * policy.Sweeps, $"{policy.SweepPages} pages in {policy.Sweeps} sweeps");
    }

    [Fact]
    public void A_sweep_for_the_last_jobs_of_a_big_wait_reads_on_past_the_thousands_ended_before_them()
    {
        // 200 jobs still going, listed after 1,800 of the wait's that ended (all made together, newest first): 20 pages
        // stand for 200 GETs, and the sweep reads them all rather than stop at a few times the jobs it looks for.
        var now = _clock.GetUtcNow();
        var sweep = new Sweep(now, new HashSet<int>(Enumerable.Range(0, 200)), now - TimeSpan.FromSeconds(20), orderTrusted: true);
        for (var page = 0; page < 20; page++)
        {
            Assert.False(sweep.IsDone, $"done after {page} page(s), {sweep.Refreshed} of 200 seen");
            var items = Enumerable.Range(100 * page, 100).Select(n => new JobSummary
                { JobId = Guid.NewGuid(), Type = "train", Status = n < 1800 ? "succeeded" : "running", CreatedAt = now - TimeSpan.FromMilliseconds(10 * n) }).ToList();
            foreach (var (item, n) in items.Select((item, i) => (item, 100 * page + i)))
                sweep.See(item, n >= 1800 ? n - 1800 : null);
            sweep.PageRead(new ListedPage(items, page + 1, (page + 1).ToString()));
        }
        Assert.True(sweep.IsDone);
        Assert.Equal(200, sweep.Refreshed);
    }

    [Fact]
    public void A_cursor_that_fails_ends_the_sweep_and_what_it_did_not_see_is_fetched_by_GET()
    {
        var world = new World(this, 300, i => 3 + i % 4);
        // The second page of every sweep fails: a cursor refused (not transient) ends sweeps for the wait.
        world.PageFault = page => page == 1 ? new InvalidOperationException("Invalid cursor") : null;

        var (events, policy) = Run(world);

        AssertEveryJobEndedTruly(world, events);
        Assert.NotNull(policy.SweepsOff);
        Assert.Equal(2, world.Pages);
        // -Verbose hears of the one sweep, cut short, and that it was the last, with the listing's own word.
        var swept = Assert.Single(events, e => e.Kind == WaitEventKind.Swept);
        Assert.False(swept.Sweep!.Completed);
        Assert.Equal(1, swept.Sweep.Pages);
        Assert.Contains("Invalid cursor", swept.Note);
        Assert.StartsWith("Swept the job listing, cut short: 1 page(s), 100 of 300 job(s) seen, none listed as ended;", WaitLog.SweptLine(swept));
        Assert.Contains("No more sweeps in this wait (the listing failed: Invalid cursor): each job is polled by its own GET.", WaitLog.SweptLine(swept));
    }

    [Fact]
    public void Tells_each_sweep_as_it_ends_with_the_pages_it_read_and_the_ends_it_found()
    {
        // A third end 2 s before their ETAs say: those ends are found by the sweeps, the others fetched at their ETAs.
        var world = new World(this, 300, i => 3 + i % 4);
        foreach (var job in world.Jobs.Where((_, i) => i % 3 == 0)) world.Said[job.Id] = job.End + 2;
        var (events, policy) = Run(world);

        AssertEveryJobEndedTruly(world, events);
        var swept = events.Where(e => e.Kind == WaitEventKind.Swept).ToList();
        Assert.Equal(policy.Sweeps, swept.Count);
        Assert.Equal(policy.SweepPages, swept.Sum(e => e.Sweep!.Pages));
        Assert.Equal(world.Pages, policy.SweepPages);
        Assert.All(swept, e => Assert.True(e.Sweep!.Completed));
        // Every job ended while sweeps ran was found listed as ended once, or ended by a GET it had for another reason.
        Assert.InRange(swept.Sum(e => e.Sweep!.EndsListed), 1, world.Jobs.Count);
        Assert.True(swept[0].Demand > swept[0].Pace, $"{swept[0].Demand} polls a second needed, pace {swept[0].Pace}");
        Assert.Equal($"Swept the job listing: 3 page(s), 300 of 300 job(s) seen, none listed as ended; " +
            $"per-job polls of the jobs left would need {swept[0].Demand:0} a second, at a pace of 50.", WaitLog.SweptLine(swept[0]));
        var aimed = swept.First(e => e.Sweep!.Aimed > 0);
        Assert.Contains($", {aimed.Sweep!.Aimed} running with a GET aimed just after the end their ETA gives; ", WaitLog.SweptLine(aimed));
        var found = swept.First(e => e.Sweep!.EndsListed > 0);
        Assert.Contains($" {found.Sweep!.EndsListed} listed as ended (each fetched by its own GET)", WaitLog.SweptLine(found));
        // The need is counted as each sweep ends, over the jobs still waited for then: it falls as they end.
        Assert.True(swept[^1].Demand < swept[0].Demand, $"{swept[0].Demand:0} then {swept[^1].Demand:0}");
        Assert.Null(swept[0].Note);
    }

    [Fact]
    public void A_sweep_that_goes_on_once_per_job_polls_would_fit_the_pace_says_why()
    {
        var now = _clock.GetUtcNow();
        var sweep = new Sweep(now, new HashSet<int>(Enumerable.Range(0, 88)), null, orderTrusted: true);
        var line = WaitLog.SweptLine(new WaitEvent(WaitEventKind.Swept, null) { Sweep = sweep, Demand = 20, Pace = 50 });

        Assert.EndsWith("; per-job polls of the jobs left would need 20 a second, within the pace of 50, but more requests than sweeps.", line);
    }

    [Fact]
    public void A_listing_that_fails_now_and_then_loses_no_job()
    {
        var world = new World(this, 300, i => 3 + i % 7);
        world.PageFault = page => page % 3 == 2 ? new TimeoutException("no answer") : null;

        var (events, _) = Run(world);

        AssertEveryJobEndedTruly(world, events);
    }

    [Fact]
    public void A_429_on_a_page_pauses_every_request_and_the_sweep_comes_back_after_it()
    {
        var world = new World(this, 300, i => 4 + i % 4);
        var limited = 0;
        world.PageFault = page => page == 1 ? new RateLimited() : null;
        var policy = new WaitPolicy(world.Jobs.Select(j => j.Id), new WaitOptions { Jitter = 0 }, _clock, new Random(1));
        var driver = new WaitDriver(policy, world.Get,
            e => e is RateLimited ? new PollFailure("429", true, TimeSpan.FromSeconds(2), isRateLimited: true) : null, 16, null, _clock,
            sleep: (delay, _) => { _clock.Advance(delay > TimeSpan.Zero ? delay : TimeSpan.FromMilliseconds(1)); return Task.CompletedTask; }, list: world.List);

        var events = driver.Run(CancellationToken.None).ToList();
        limited = events.Count(e => e.Kind == WaitEventKind.Throttled);

        AssertEveryJobEndedTruly(world, events);
        Assert.Equal(1, limited);
        Assert.Null(policy.SweepsOff);
        Assert.True(policy.Sweeps > 2);
    }

    private sealed class RateLimited : Exception { }
}
