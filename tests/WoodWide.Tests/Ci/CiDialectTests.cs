using WoodWide.Ci;
using Xunit;

namespace WoodWide.Tests.Ci;

/// <summary>Each CI system's lines, escaped by its own rules, and where its summary goes.</summary>
public class CiDialectTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    private static readonly GitHubDialect GitHub = new(Env(("GITHUB_STEP_SUMMARY", "/runner/summary.md")));
    private static readonly AzureDialect Azure = new(Env(("AGENT_TEMPDIRECTORY", "/agent/_temp")));

    [Fact]
    public void GitHub_annotates_an_error_with_a_title_and_a_message() =>
        Assert.Equal("::error title=Wood Wide train failed::train job 6f1c failed: Loss became NaN.",
            GitHub.Error("Wood Wide train failed", "train job 6f1c failed: Loss became NaN."));

    [Fact]
    public void GitHub_escapes_percent_and_line_breaks_in_data_and_also_colons_and_commas_in_properties() =>
        Assert.Equal("::error title=a%3A b%2C c%25%0A::50%25 done%0D%0Anext: a, b",
            GitHub.Error("a: b, c%\n", "50% done\r\nnext: a, b"));

    [Fact]
    public void GitHub_groups_lines() =>
        Assert.Equal(("::group::Wait-WwJob: 3 jobs%0Ax", "::endgroup::"), (GitHub.GroupStart("Wait-WwJob: 3 jobs\nx"), GitHub.GroupEnd()));

    [Fact]
    public void GitHub_has_no_progress_command() => Assert.Null(GitHub.Progress(40, "x"));

    [Fact]
    public void GitHub_appends_its_summary_to_the_steps_file()
    {
        var target = GitHub.Summary("ignored.md")!;
        Assert.Equal(("/runner/summary.md", true, (string?)null), (target.Path, target.Append, target.Line));
        Assert.Null(new GitHubDialect(Env()).Summary("x.md"));
    }

    [Fact]
    public void Azure_logs_an_issue_with_the_title_before_the_message() =>
        Assert.Equal("##vso[task.logissue type=error]Wood Wide train failed: train job 6f1c failed: Loss became NaN.",
            Azure.Error("Wood Wide train failed", "train job 6f1c failed: Loss became NaN."));

    [Fact]
    public void Azure_escapes_percent_and_line_breaks_as_its_task_library_does() =>
        Assert.Equal("##vso[task.logissue type=error]t: 50%AZP25 done%0D%0Anext; ] kept", Azure.Error("t", "50% done\r\nnext; ] kept"));

    [Fact]
    public void Azure_groups_lines_on_one_line_each() =>
        Assert.Equal(("##[group]Wait-WwJob: 3 jobs x", "##[endgroup]"), (Azure.GroupStart("Wait-WwJob: 3 jobs\nx"), Azure.GroupEnd()));

    [Theory]
    [InlineData(42, "##vso[task.setprogress value=42;]Waiting for 3 jobs")]
    [InlineData(140, "##vso[task.setprogress value=100;]Waiting for 3 jobs")]
    public void Azure_sets_the_steps_progress(int percent, string line) => Assert.Equal(line, Azure.Progress(percent, "Waiting for 3 jobs"));

    [Fact]
    public void Azure_writes_its_summary_to_a_file_of_its_own_in_the_agents_temp_folder_and_uploads_it()
    {
        var target = Azure.Summary("woodwide-wait-1.md")!;
        var path = Path.Combine("/agent/_temp", "woodwide-wait-1.md");
        Assert.Equal((path, false, "##vso[task.uploadsummary]" + path), (target.Path, target.Append, target.Line));
        Assert.StartsWith(Path.GetTempPath(), new AzureDialect(Env()).Summary("w.md")!.Path);
    }
}
