using System.Net.Http;
using System.Net.Sockets;
using System.Management.Automation;
using Microsoft.Extensions.Time.Testing;
using WoodWide.Client;
using WoodWide.Commands;
using WoodWide.Emulator;
using WoodWide.Model;
using WoodWide.Tests.Support;
using WoodWide.Waiting;
using Xunit;

namespace WoodWide.Tests.Cmdlets;

/// <summary>Wait-WwJob in-process against living emulator jobs of a second or so.</summary>
[Collection(PowerShellCollection.Name)]
public class WaitWwJobTests
{
    private readonly PowerShellFixture _ps;

    public WaitWwJobTests(PowerShellFixture ps) => _ps = ps;

    private Invocation Wait(string ids, string arguments = "") =>
        _ps.Run($"Wait-WwJob -Id {ids} -ApiKey $key -BaseUri $live -PollIntervalSec 0.2 {arguments}");

    private static List<JobDetail> Jobs(Invocation r) => r.Output.Select(o => (JobDetail)o.BaseObject).ToList();

    private static List<string> Lines(Invocation r) =>
        r.Streams.Information.Select(i => i.MessageData.ToString()!).ToList();

    private static void AssertEveryBarCompleted(Invocation r) => AssertEveryBarCompleted(r.Streams.Progress);

    private static void AssertEveryBarCompleted(IList<ProgressRecord> progress)
    {
        var drawn = progress.Select(p => p.ActivityId).Distinct().ToList();
        Assert.NotEmpty(drawn);
        foreach (var id in drawn)
        {
            var records = progress.Where(p => p.ActivityId == id).ToList();
            Assert.Equal(ProgressRecordType.Completed, records[^1].RecordType);
            Assert.Single(records, p => p.RecordType == ProgressRecordType.Completed);
        }
    }

    [Fact]
    public void Waits_for_a_job_to_succeed_and_emits_its_final_detail()
    {
        var id = _ps.CreateJob(running: 1.5);

        var r = Wait(id, "-Verbose");

        var job = Assert.Single(Jobs(r));
        Assert.Equal("succeeded", job.Status);
        Assert.Equal(2.5, job.CreditsConsumed);
        Assert.Empty(r.Errors);
        Assert.Matches(@"^Waited [\d.]+ s for 1 job\(s\): 1 succeeded; \d+ request\(s\), 0 retried\.$", r.Streams.Verbose[^1].Message);
    }

    [Fact]
    public void Shows_the_jobs_progress_and_eta_then_completes_the_bar()
    {
        // A running job is polled once or twice before the poll aimed at its ETA, and how far along it is then depends
        // on when the runspace started: the percent is shown (not -1), its exact value is the board's unit tests' job.
        var id = _ps.CreateJob(queued: 0.5, running: 3);

        var r = Wait(id);

        var processing = r.Streams.Progress.Where(p => p.RecordType == ProgressRecordType.Processing).ToList();
        Assert.Contains(processing, p => p.PercentComplete is >= 0 and < 100);
        Assert.Contains(processing, p => p.SecondsRemaining > 0);
        Assert.All(processing, p => Assert.Contains(id, p.Activity));
        AssertEveryBarCompleted(r);
    }

    [Fact]
    public async Task Writes_one_line_per_state_change_not_per_poll()
    {
        // Held in its queue until the wait has said so, then a run of 2 s that polls at most 0.5 s apart must see.
        var id = _ps.CreateJob(queued: 0, running: 2, hold: true);
        using var ps = _ps.Create();
        ps.AddScript($"Wait-WwJob -Id {id} -ApiKey $key -BaseUri $live -PollIntervalSec 0.2 -MaxPollIntervalSec 0.5");
        var queued = new TaskCompletionSource();
        ps.Streams.Information.DataAdded += (_, _) => queued.TrySetResult();
        var running = ps.BeginInvoke();
        await queued.Task.WaitAsync(TimeSpan.FromSeconds(30));
        _ps.Release(id);
        ps.EndInvoke(running);

        var lines = ps.Streams.Information.Select(i => i.MessageData.ToString()!).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Matches($@"train {id}: queued$", lines[0]);
        Assert.Matches($@"train {id}: queued -> running \([\d.]+%\)$", lines[1]);
        Assert.Matches($@"train {id}: running -> succeeded after [\d:]+, 2\.5 credits$", lines[2]);
        Assert.All(ps.Streams.Information, i => Assert.Contains("PSHOST", i.Tags));
    }

    [Theory]
    [InlineData("failed", "WwJobFailed", ErrorCategory.InvalidResult)]
    [InlineData("canceled", "WwJobCanceled", ErrorCategory.OperationStopped)]
    [InlineData("rejected", "WwJobRejected", ErrorCategory.InvalidOperation)]
    public void Reports_each_unhappy_end_with_its_own_error_and_still_emits_the_job(string outcome, string errorId, ErrorCategory category)
    {
        // Long enough to be seen running on the first poll even on a cold, busy machine: a bar is drawn only for that.
        var id = _ps.CreateJob(queued: 0.5, running: 1.5, outcome: outcome, error: "Broke on purpose.");

        var r = Wait(id);

        var job = Assert.Single(Jobs(r));
        Assert.Equal(outcome, job.Status);
        var error = Assert.Single(r.Errors);
        Assert.Equal(errorId + ",WoodWide.Commands.WaitWwJobCommand", error.FullyQualifiedErrorId);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Same(job, ((PSObject)PSObject.AsPSObject(error.TargetObject)).BaseObject);
        Assert.Contains("Broke on purpose.", error.ToString());
        AssertEveryBarCompleted(r);
    }

    [Fact]
    public void Writes_only_objects_with_NoJobError()
    {
        var id = _ps.CreateJob(running: 0.3, outcome: "failed");

        var r = Wait(id, "-NoJobError");

        Assert.Equal("failed", Assert.Single(Jobs(r)).Status);
        Assert.Empty(r.Errors);
    }

    [Fact]
    public void Times_out_with_one_error_per_unfinished_job_and_its_last_detail()
    {
        var slow = _ps.CreateJob(running: 60);
        var quick = _ps.CreateJob(running: 0.2);

        var r = Wait($"{slow},{quick}", "-Timeout 2");

        Assert.Equal(quick, Assert.Single(Jobs(r)).JobId.ToString());
        var error = Assert.Single(r.Errors);
        Assert.Equal("WwJobTimeout,WoodWide.Commands.WaitWwJobCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Equal(slow, ((JobDetail)PSObject.AsPSObject(error.TargetObject).BaseObject).JobId.ToString());
        Assert.Contains("running", error.ToString());
        AssertEveryBarCompleted(r);
    }

    [Fact]
    public void Returns_at_the_first_job_to_end_with_Any()
    {
        var slow = _ps.CreateJob(running: 60);
        var quick = _ps.CreateJob(running: 0.3);

        var r = Wait($"{slow},{quick}", "-Any");

        Assert.Equal(quick, Assert.Single(Jobs(r)).JobId.ToString());
        Assert.Empty(r.Errors);
        // The log's last line counts what the wait left behind.
        Assert.Matches(@"^\[\d\d:\d\d\] 2 jobs: 1 succeeded, 1 no longer waited for\.$", Lines(r)[^1]);
        AssertEveryBarCompleted(r);
    }

    [Fact]
    public void Stops_at_the_first_failure_with_FailFast()
    {
        var slow = _ps.CreateJob(running: 60);
        var failing = _ps.CreateJob(running: 0.3, outcome: "failed");

        var r = Wait($"{slow},{failing}", "-FailFast");

        Assert.Equal(failing, Assert.Single(Jobs(r)).JobId.ToString());
        Assert.Equal("WwJobFailed,WoodWide.Commands.WaitWwJobCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Closes_with_the_count_when_ErrorAction_Stop_ends_the_wait_at_the_first_failure()
    {
        // As -FailFast does: the help says -ErrorAction Stop alone does the same. The count line went missing with it.
        var slow = _ps.CreateJob(running: 60);
        var failing = _ps.CreateJob(running: 0.3, outcome: "failed");

        var r = _ps.Run($"try {{ Wait-WwJob -Id {slow},{failing} -ApiKey $key -BaseUri $live -PollIntervalSec 0.2 -ErrorAction Stop }} " +
            "catch { $_.FullyQualifiedErrorId }");

        Assert.Equal("WwJobFailed,WoodWide.Commands.WaitWwJobCommand", r.Output[^1].BaseObject);
        Assert.Matches(@"^\[\d\d:\d\d\] 2 jobs: 1 failed, 1 no longer waited for\.$", Lines(r)[^1]);
        AssertEveryBarCompleted(r);
    }

    [Fact]
    public void Warns_once_about_a_job_waiting_for_its_upload()
    {
        var id = _ps.CreateJob(type: "dataset_ingest", queued: 0, outcome: "waiting_for_upload");

        var r = Wait(id, "-Timeout 2");

        Assert.Contains("waiting for its data upload", Assert.Single(r.Streams.Warning).Message);
        Assert.Equal("WwJobTimeout,WoodWide.Commands.WaitWwJobCommand", Assert.Single(r.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Ends_a_missing_jobs_wait_at_once_and_goes_on_with_the_rest()
    {
        const string missing = "00000000-0000-4000-8000-00000000dead";
        var id = _ps.CreateJob(running: 0.5);

        var r = Wait($"{missing},{id},not-a-guid");

        Assert.Equal(id, Assert.Single(Jobs(r)).JobId.ToString());
        Assert.Equal(new[] { "WwInvalidJobId", "WwJobNotFound" }, r.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
    }

    [Fact]
    public void Takes_jobs_from_Get_WwJob_through_the_pipeline()
    {
        var a = _ps.CreateJob(running: 0.3);
        var b = _ps.CreateJob(running: 0.6);

        var r = _ps.Run($"Get-WwJob -Id {a},{b} -ApiKey $key -BaseUri $live | Wait-WwJob -ApiKey $key -BaseUri $live -PollIntervalSec 0.2 | Select-Object status,credits_consumed");

        Assert.Equal(2, r.Output.Count);
        Assert.All(r.Output, o => Assert.Equal("succeeded", o.Properties["status"].Value));
    }

    [Fact]
    public void Draws_nothing_when_progress_is_silenced()
    {
        var id = _ps.CreateJob(running: 0.5);

        var r = _ps.Run($"$ProgressPreference = 'SilentlyContinue'; Wait-WwJob -Id {id} -ApiKey $key -BaseUri $live -PollIntervalSec 0.2 -InformationAction Ignore; $ProgressPreference = 'Continue'");

        Assert.Single(r.Output);
        Assert.Empty(r.Streams.Progress);
        Assert.Empty(r.Streams.Information);
    }

    [Theory]
    [InlineData("-Timeout -2", "ParameterArgumentValidationError")]
    [InlineData("-PollIntervalSec 0", "ParameterArgumentValidationError")]
    [InlineData("-PollIntervalSec 10 -MaxPollIntervalSec 1", "WwInvalidArgument")]
    public void Refuses_bad_arguments_before_any_request(string arguments, string errorId)
    {
        var r = _ps.Run($"Wait-WwJob -Id {SeedJobs.SucceededTrain} -ApiKey $key -BaseUri $base {arguments} -Verbose");

        Assert.StartsWith(errorId, Assert.Single(r.Errors).FullyQualifiedErrorId);
        Assert.Empty(r.Streams.Verbose);
    }

    [Theory]
    [InlineData("-PollIntervalSec 20")]
    [InlineData("-MaxPollIntervalSec 0.2")]
    public void Accepts_one_interval_given_alone_though_it_passes_the_others_default(string arguments)
    {
        var r = _ps.Run($"Wait-WwJob -Id {SeedJobs.SucceededTrain} -ApiKey $key -BaseUri $base {arguments}");

        Assert.Equal("succeeded", Assert.Single(Jobs(r)).Status);
        Assert.Empty(r.Errors);
    }

    /// <summary>
    /// The gaps in seconds between the first <paramref name="polls"/> polls of a job that keeps running and gives no
    /// estimate, on a fake clock, with the options Wait-WwJob builds from <paramref name="command"/>'s parameters, of which
    /// those named in <paramref name="given"/> were given.
    /// </summary>
    private static List<double> Gaps(WaitWwJobCommand command, string[] given, int polls = 20)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var id = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
        var policy = new WaitPolicy(new[] { id }, command.Options(given), clock, new Random(1));
        var at = new List<DateTimeOffset>();
        while (at.Count < polls)
        {
            foreach (var job in policy.TakeDue(1))
            {
                at.Add(clock.GetUtcNow());
                policy.Polled(job, new JobDetail { JobId = id, Type = "train", Status = "running" });
            }
            Assert.False(policy.IsOver);
            clock.Advance(policy.TimeUntilNextWake()!.Value);
        }
        return at.Zip(at.Skip(1), (x, y) => (y - x).TotalSeconds).ToList();
    }

    [Fact]
    public void Polls_slower_when_asked_for_a_first_interval_above_the_default_cap()
    {
        // -PollIntervalSec 20 alone raises the cap (15 s by default) with it: every gap is 20 s, less its jitter (10%).
        // Held to the default cap, the gaps would stay at 15 s at most.
        var gaps = Gaps(new WaitWwJobCommand { PollIntervalSec = 20 }, new[] { nameof(WaitWwJobCommand.PollIntervalSec) });

        Assert.All(gaps, g => Assert.InRange(g, 18, 20));
    }

    [Fact]
    public void Polls_as_often_as_a_cap_below_the_default_first_interval_asks()
    {
        // -MaxPollIntervalSec 0.2 alone brings the first interval (1 s by default) down to it: every gap is 0.2 s, less
        // its jitter. The default first interval used to overrule the cap (gaps of 1 s), or to raise it (gaps growing
        // from 0.2 s to 1 s).
        var gaps = Gaps(new WaitWwJobCommand { MaxPollIntervalSec = 0.2 }, new[] { nameof(WaitWwJobCommand.MaxPollIntervalSec) });

        Assert.All(gaps, g => Assert.InRange(g, 0.18, 0.2));
    }

    [Fact]
    public void Reports_a_job_that_ended_before_the_timeout_though_its_next_poll_was_due_after_it()
    {
        // Polls 10 s apart and a 3-s timeout: the poll due at 10 s is brought to 3 s, and the job, done at about 1 s,
        // must be reported as done, not timed out on its first answer.
        var id = _ps.CreateJob(queued: 0.1, running: 0.5, eta: false, progress: false);

        var r = _ps.Run($"Wait-WwJob -Id {id} -ApiKey $key -BaseUri $live -PollIntervalSec 10 -Timeout 3");

        Assert.Equal("succeeded", Assert.Single(Jobs(r)).Status);
        Assert.Empty(r.Errors);
        Assert.Equal(2, _ps.Requests(_ps.Living, "/jobs/" + id));
    }

    [Fact]
    public void Waits_once_for_an_id_given_twice()
    {
        var id = _ps.CreateJob(running: 0.3);

        var r = Wait($"{id},{id}");

        Assert.Equal(id, Assert.Single(Jobs(r)).JobId.ToString());
    }

    [Fact]
    public void Ends_at_once_with_the_connection_error_when_the_server_never_answers()
    {
        // Wait-WwJob's own options (an hour's timeout, by default) and its own reading of a failure, on a fake clock;
        // every poll goes through the transport and is refused, as a closed port refuses it. The transport's retries
        // are its own tests' matter: none here, so each poll of the wait is one request.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var refused = new ScriptedHandler((_, _) =>
            throw new HttpRequestException("Connection refused", new SocketException((int)SocketError.ConnectionRefused)));
        var client = TestClients.Jobs(new HttpClient(refused), RetryPolicy.None, clock: clock);
        var policy = new WaitPolicy(new[] { Guid.NewGuid(), Guid.NewGuid() }, new WaitWwJobCommand().Options(Array.Empty<string>()), clock, new Random(1));
        var polls = new List<DateTimeOffset>();
        var driver = new WaitDriver(policy, (id, token) =>
            {
                polls.Add(clock.GetUtcNow());
                return client.GetAsync(id, token, policy.AnswerBy);
            },
            WaitWwJobCommand.ToPollFailure, throttleLimit: 16, board: null, clock, sleep: (delay, _) =>
            {
                clock.Advance(delay);
                return Task.CompletedTask;
            });

        var ended = driver.Run(CancellationToken.None).Where(e => e.Kind == WaitEventKind.Ended).Select(e => (Event: e, At: clock.GetUtcNow())).ToList();

        // At the grace's end of 30 s, with the polls refused then: not a backed-off poll later, nor at the hour's timeout.
        var grace = policy.StartedAt + TimeSpan.FromSeconds(30);
        Assert.Equal(2, ended.Count);
        Assert.All(ended, e => Assert.Equal(grace, e.At));
        Assert.Equal(grace, polls[^1]);
        Assert.All(polls, p => Assert.True(p <= grace, $"a poll at {(p - policy.StartedAt).TotalSeconds:0.###} s"));
        // With the connection error, the same for every job, about the server (so the command has one error for all):
        // neither a timeout nor an error of each job's own.
        Assert.All(ended, e => Assert.Equal(WaitReason.Unreachable, e.Event.Reason));
        var failure = ended[0].Event.Failure!;
        Assert.All(ended, e => Assert.Same(failure, e.Event.Failure));
        Assert.True(failure.IsAboutServer);
        var error = Assert.IsType<WwApiException>(failure.Cause);
        Assert.Equal(WwErrorKind.Connection, error.Kind);
        Assert.Equal(ErrorIds.ConnectionFailed, ErrorCatalog.IdOf(error));
        Assert.Contains("Connection refused", error.Message);
    }

    [Fact]
    public void Ends_with_one_connection_error_for_all_jobs_not_a_timeout_when_the_server_cannot_be_reached()
    {
        // A closed port with a timeout shorter than the grace: the wait gives up on the server at the deadline, and says
        // that it could not reach it, not that the jobs did not finish in time.
        var closed = ClosedPort.BaseUri();

        var r = _ps.Run($"Wait-WwJob -Id {Guid.NewGuid()},{Guid.NewGuid()} -ApiKey $key -BaseUri '{closed}' -PollIntervalSec 0.2 -Timeout 1");

        Assert.Empty(r.Output);
        var error = Assert.Single(r.Errors);
        Assert.Equal("WwConnectionFailed,WoodWide.Commands.WaitWwJobCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Stopped waiting for 2 jobs; Wait-WwJob cancels none.", error.ToString());
        Assert.Equal(error.ToString(), error.Exception.Message);
    }

    [Fact]
    public void Ends_with_the_servers_fault_every_time_never_as_a_silent_stop()
    {
        // The fault halts the work (cancelling its requests) while the wait still hands out its last events: read as
        // Ctrl+C, that ended the command with no error at all, and a CI step passed. Ten runs, each must be caught.
        var ids = string.Join(",", Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()));
        _ps.Fault(_ps.Living, new { kind = "status", status = 401, count = -1 });
        try
        {
            var r = _ps.Run($"1..10 | ForEach-Object {{ try {{ Wait-WwJob -Id {ids} -ApiKey $key -BaseUri $live; 'not caught' }} catch {{ $_.FullyQualifiedErrorId }} }}");

            Assert.Equal(Enumerable.Repeat("WwAuthenticationFailed,WoodWide.Commands.WaitWwJobCommand", 10), r.Output.Select(o => o.ToString()));
        }
        finally
        {
            _ps.Reset(_ps.Living);
        }
    }

    [Fact]
    public async Task Ends_promptly_when_the_pipeline_is_stopped()
    {
        var slow = _ps.CreateJob(running: 60);
        var slower = _ps.CreateJob(running: 90);
        var run = await _ps.StopAtFirstBar($"Wait-WwJob -Id {slow},{slower} -ApiKey $key -BaseUri $live");

        Assert.True(run.Returned);
        Assert.Equal(PSInvocationState.Stopped, run.State);
        AssertEveryBarCompleted(run.Progress);
    }
}
