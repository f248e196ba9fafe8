using Microsoft.Extensions.Time.Testing;
using WoodWide.Ci;
using WoodWide.Model;
using WoodWide.Waiting;
using Xunit;

namespace WoodWide.Tests.Ci;

/// <summary>The wait as Markdown for a run's summary page, and what the CI log gets from a wait, on a fake clock.</summary>
public class CiSummaryTests
{
    private static readonly Guid A = Guid.Parse("6f1c2a9e-3b7d-4e21-9a55-0c8d1e2f3a40");
    private static readonly Guid B = Guid.Parse("0de1c2b3-4a5f-4e6d-8c7b-9a0b1c2d3e4f");
    private static readonly Guid C = Guid.Parse("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0);

    private static JobDetail Job(Guid id, string type, string status, double? credits = null, string? error = null, object? output = null) => new()
    {
        JobId = id, Type = type, Status = status, CreditsConsumed = credits, ErrorMessage = error, Output = output,
        StartedAt = T0.AddSeconds(1), FinishedAt = JobStatuses.IsTerminal(status) ? T0.AddSeconds(13) : null, RetrievedAt = T0.AddSeconds(14),
    };

    private static ApiDictionary Metrics()
    {
        var metrics = new ApiDictionary { { "accuracy", 0.931 }, { "f1", 0.874 } };
        return new ApiDictionary { { "metrics", metrics } };
    }

    /// <summary>A succeeded training, a failed inference, and a training still running.</summary>
    private WaitPolicy Waited()
    {
        var policy = new WaitPolicy(new[] { A, B, C }, new WaitOptions { Jitter = 0, Timeout = TimeSpan.FromSeconds(60) }, _clock);
        policy.TakeDue(3);
        _clock.Advance(TimeSpan.FromSeconds(14));
        policy.Polled(policy.Jobs[0], Job(A, "train", "succeeded", credits: 4.5, output: Metrics()));
        policy.Polled(policy.Jobs[1], Job(B, "infer_batch", "failed", credits: 1, error: "Out of memory | line 1\nline 2 <b>"));
        policy.Polled(policy.Jobs[2], Job(C, "train", "running"));
        return policy;
    }

    [Fact]
    public void Counts_the_outcomes_then_tables_each_job_with_its_metrics_and_message()
    {
        var lines = CiSummary.Markdown(Waited()).Split('\n');

        Assert.Equal("### Wait-WwJob: 3 jobs, 1 succeeded, 1 failed, 1 pending (00:14)", lines[0]);
        Assert.Equal("| Job | Type | Status | Duration | Credits | Metrics | Message |", lines[2]);
        Assert.Equal($"| `{A}` | train | succeeded | 00:12 | 4.5 | accuracy=0.931, f1=0.874 |  |", lines[4]);
        Assert.Equal($"| `{B}` | infer_batch | failed | 00:12 | 1 |  | Out of memory \\| line 1 line 2 &lt;b&gt; |", lines[5]);
        Assert.Equal($"| `{C}` | train | pending (running) | 00:13 |  |  |  |", lines[6]);
    }

    [Fact]
    public void Cuts_a_long_table_and_says_how_many_it_left_out()
    {
        var text = CiSummary.Markdown(Waited(), maxRows: 2);

        Assert.DoesNotContain(C.ToString(), text);
        Assert.Contains("… and 1 more jobs, counted above.", text);
    }

    [Fact]
    public void Shows_metrics_for_a_training_only() =>
        Assert.Equal(string.Empty, CiSummary.Row(new WaitPolicy(new[] { A }, new WaitOptions(), _clock).Jobs[0]).Split('|')[6].Trim());

    [Fact]
    public void Tells_the_ci_system_of_a_wait_a_group_an_annotation_progress_and_a_summary()
    {
        var lines = new List<string>();
        var files = new List<(string Path, string Text, bool Append)>();
        var log = new CiLog(new AzureDialect(name => name == "AGENT_TEMPDIRECTORY" ? "/agent/_temp" : null), lines.Add,
            (path, text, append) => files.Add((path, text, append)));
        var policy = new WaitPolicy(new[] { A, B, C }, new WaitOptions { Jitter = 0 }, _clock);

        log.Start(policy);
        log.Bars(new[] { new BarUpdate { ActivityId = ProgressBoard.OverallActivityId, Activity = "Waiting for 3 Wood Wide jobs", PercentComplete = 33 } });
        log.Bars(new[] { new BarUpdate { ActivityId = ProgressBoard.OverallActivityId, Activity = "Waiting for 3 Wood Wide jobs", PercentComplete = 33 } });
        log.Bars(new[] { new BarUpdate { ActivityId = 1, ParentActivityId = ProgressBoard.OverallActivityId, Activity = "a job", PercentComplete = 80 } });
        var done = Waited();
        log.Failed(done.Jobs[1], "infer_batch job 0de1 failed: Out of memory");
        var problem = log.End(done, "w.md");

        Assert.Null(problem);
        var path = Path.Combine("/agent/_temp", "w.md");
        Assert.Equal(new[]
        {
            "##[group]Wait-WwJob: 3 jobs",
            "##vso[task.setprogress value=33;]Waiting for 3 Wood Wide jobs",
            "##vso[task.logissue type=error]Wood Wide infer_batch failed: infer_batch job 0de1 failed: Out of memory",
            "##[endgroup]",
            "##vso[task.setprogress value=66;]Wait-WwJob: 3 jobs",
            "##vso[task.uploadsummary]" + path,
        }, lines);
        var file = Assert.Single(files);
        Assert.Equal((path, false), (file.Path, file.Append));
        Assert.StartsWith("### Wait-WwJob: 3 jobs", file.Text);
    }

    [Fact]
    public void A_summary_that_cannot_be_written_is_a_reason_not_a_failure_and_the_group_still_closes()
    {
        var lines = new List<string>();
        var log = new CiLog(new GitHubDialect(name => name == "GITHUB_STEP_SUMMARY" ? "/no/such/dir/summary.md" : null), lines.Add,
            (_, _, _) => throw new DirectoryNotFoundException("Could not find a part of the path."));
        var policy = Waited();

        log.Start(policy);
        var problem = log.End(policy, "w.md");

        Assert.Equal("The CI summary could not be written to /no/such/dir/summary.md: Could not find a part of the path.", problem);
        Assert.Equal(new[] { "::group::Wait-WwJob: 3 jobs", "::endgroup::" }, lines);
    }
}
