using System.Management.Automation;
using WoodWide.Emulator;
using WoodWide.Model;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Cmdlets;

/// <summary>
/// Wait-WwJob under a CI system, named by the environment as the runner sets it: what it tells the runner (lines in
/// the information stream, where the state lines go) and the summary file, against living emulator jobs.
/// </summary>
[Collection(PowerShellCollection.Name)]
public sealed class WaitWwJobCiTests : IDisposable
{
    private static readonly string[] Names = { "WOODWIDE_CI", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "TF_BUILD", "AGENT_TEMPDIRECTORY" };
    private readonly PowerShellFixture _ps;
    private readonly Dictionary<string, string?> _saved = Names.ToDictionary(n => n, Environment.GetEnvironmentVariable);
    private readonly string _dir = Directory.CreateTempSubdirectory("woodwide-ci-").FullName;

    public WaitWwJobCiTests(PowerShellFixture ps)
    {
        _ps = ps;
        foreach (var name in Names) Environment.SetEnvironmentVariable(name, null);
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved) Environment.SetEnvironmentVariable(name, value);
        Directory.Delete(_dir, recursive: true);
    }

    private string SummaryFile => Path.Combine(_dir, "step_summary.md");

    private void GitHub()
    {
        Environment.SetEnvironmentVariable("GITHUB_ACTIONS", "true");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", SummaryFile);
    }

    private Invocation Wait(string ids, string arguments = "") =>
        _ps.Run($"Wait-WwJob -Id {ids} -ApiKey $key -BaseUri $live -PollIntervalSec 0.2 {arguments}");

    private static List<string> CiLines(Invocation r) =>
        r.Streams.Information.Where(i => i.Tags.Contains("CI")).Select(i => i.MessageData.ToString()!).ToList();

    [Fact]
    public void Under_GitHub_Actions_a_failed_training_is_an_error_annotation_in_a_group_and_a_row_of_the_summary()
    {
        GitHub();
        var id = _ps.CreateJob(queued: 0.2, running: 0.6, outcome: "failed", error: "Loss became NaN at epoch 3.");

        var r = Wait(id);

        Assert.Equal(new[]
        {
            $"::group::Wait-WwJob: job {id}",
            $"::error title=Wood Wide train failed::train job {id} failed: Loss became NaN at epoch 3.",
            "::endgroup::",
        }, CiLines(r));
        // They are log lines, as the state lines are (PSHOST: the step's output), never objects down the pipeline.
        Assert.Equal(id, ((JobDetail)Assert.Single(r.Output).BaseObject).JobId.ToString());
        Assert.All(r.Streams.Information, i => Assert.Contains("PSHOST", i.Tags));
        Assert.Single(r.Errors);
        var summary = File.ReadAllText(SummaryFile);
        Assert.StartsWith("### Wait-WwJob: 1 job, 1 failed (", summary);
        Assert.Contains($"| `{id}` | train | failed | 00:0", summary);
        Assert.Contains("| 2.5 |  | Loss became NaN at epoch 3. |", summary);
    }

    [Fact]
    public void The_group_holds_the_state_lines_and_the_closing_count_follows_it()
    {
        GitHub();
        var a = _ps.CreateJob(queued: 0.2, running: 0.4);
        var b = _ps.CreateJob(queued: 0.2, running: 0.4);

        var r = Wait($"{a},{b}");

        var lines = r.Streams.Information.Select(i => i.MessageData.ToString()!).ToList();
        Assert.Equal("::group::Wait-WwJob: 2 jobs", lines[0]);
        Assert.Equal("::endgroup::", lines[^2]);
        Assert.Matches(@"^\[\d\d:\d\d\] 2 jobs: 2 succeeded\.$", lines[^1]);
        Assert.Contains(lines.Skip(1).SkipLast(2), l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"train {a}: (queued|running) -> succeeded"));
    }

    [Fact]
    public void Appends_to_the_summary_a_trainings_metrics()
    {
        GitHub();
        File.WriteAllText(SummaryFile, "earlier step\n");
        var train = SeedJobs.SucceededTrain.ToString();

        _ps.Run($"Wait-WwJob -Id {train} -ApiKey $key -BaseUri $base");

        var summary = File.ReadAllText(SummaryFile);
        Assert.StartsWith("earlier step\n### Wait-WwJob: 1 job, 1 succeeded", summary);
        // The seeded training ran 29 minutes.
        Assert.Contains($"| `{train}` | train | succeeded | 29:00 | 42.5 | accuracy=0.931, f1=0.874 |  |", summary);
    }

    [Fact]
    public void A_timeout_is_an_annotation_too()
    {
        GitHub();
        var slow = _ps.CreateJob(queued: 0, running: 60);

        var r = Wait(slow, "-Timeout 1");

        Assert.Contains(CiLines(r), l => l.StartsWith($"::error title=Wood Wide train timed out::train job {slow} did not finish within 1 s", StringComparison.Ordinal));
        Assert.Contains($"| `{slow}` | train | timed out (running) |", File.ReadAllText(SummaryFile));
    }

    [Fact]
    public void NoJobError_writes_no_annotation_and_the_summary_still_shows_the_failure()
    {
        GitHub();
        var id = _ps.CreateJob(queued: 0.2, running: 0.4, outcome: "canceled");

        var r = Wait(id, "-NoJobError");

        Assert.DoesNotContain(CiLines(r), l => l.StartsWith("::error", StringComparison.Ordinal));
        Assert.Contains($"| `{id}` | train | canceled |", File.ReadAllText(SummaryFile));
    }

    [Fact]
    public void Under_Azure_Pipelines_an_issue_the_progress_and_an_uploaded_summary()
    {
        Environment.SetEnvironmentVariable("TF_BUILD", "True");
        Environment.SetEnvironmentVariable("AGENT_TEMPDIRECTORY", _dir);
        var id = _ps.CreateJob(queued: 0.2, running: 1, outcome: "rejected", error: "Insufficient credits; top up.");

        var r = Wait(id);

        var lines = CiLines(r);
        Assert.Equal($"##[group]Wait-WwJob: job {id}", lines[0]);
        Assert.Contains($"##vso[task.logissue type=error]Wood Wide train rejected: train job {id} was rejected: Insufficient credits; top up.", lines);
        Assert.Contains("##[endgroup]", lines);
        Assert.Equal("##vso[task.setprogress value=100;]Wait-WwJob: job " + id, lines[^2]);
        Assert.StartsWith("##vso[task.uploadsummary]" + _dir, lines[^1]);
        var file = lines[^1]["##vso[task.uploadsummary]".Length..];
        Assert.Contains($"| `{id}` | train | rejected |", File.ReadAllText(file));
    }

    [Fact]
    public void Outside_a_ci_system_or_switched_off_nothing_of_this_is_written()
    {
        var quiet = _ps.CreateJob(queued: 0.2, running: 0.4, outcome: "failed");
        var r = Wait(quiet);
        Assert.Empty(CiLines(r));

        GitHub();
        Environment.SetEnvironmentVariable("WOODWIDE_CI", "off");
        var off = _ps.CreateJob(queued: 0.2, running: 0.4, outcome: "failed");
        r = Wait(off);
        Assert.Empty(CiLines(r));
        Assert.False(File.Exists(SummaryFile));
        Assert.NotEmpty(r.Streams.Information);
    }

    [Fact]
    public void A_summary_that_cannot_be_written_is_a_warning_not_a_failure()
    {
        Environment.SetEnvironmentVariable("GITHUB_ACTIONS", "true");
        Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", Path.Combine(_dir, "no-such-folder", "summary.md"));
        var id = _ps.CreateJob(queued: 0.2, running: 0.4);

        var r = Wait(id);

        Assert.Empty(r.Errors);
        Assert.Contains("The CI summary could not be written to", Assert.Single(r.Streams.Warning).Message);
        Assert.Equal("::endgroup::", CiLines(r)[^1]);
    }
}
