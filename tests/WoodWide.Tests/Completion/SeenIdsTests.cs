using System.Collections;
using System.Management.Automation.Language;
using WoodWide.Completion;
using WoodWide.Model;
using WoodWide.Tests.Support;
using Xunit;

namespace WoodWide.Tests.Completion;

/// <summary>SeenIds is process-wide, as in-process cmdlets fill it: these run in the cmdlets' serial collection.</summary>
[Collection(PowerShellCollection.Name)]
public class SeenIdsTests : IDisposable
{
    public SeenIdsTests() => SeenIds.Forget();

    public void Dispose() => SeenIds.Forget();

    private static JobDetail Job(int n) => new() { JobId = new Guid(n, 0, 0, new byte[8]), Type = "train", Status = "running" };

    private static List<Guid> Jobs() => SeenIds.Recent(IdKind.Job).Select(s => s.Id).ToList();

    [Fact]
    public void Forgets_the_oldest_in_batches_and_never_holds_more_than_capacity_plus_slack()
    {
        var most = 0;
        for (var n = 1; n <= 3 * SeenIds.Capacity; n++)
        {
            SeenIds.Remember(Job(n));
            most = Math.Max(most, SeenIds.Recent(IdKind.Job).Count());
        }

        Assert.Equal(SeenIds.Capacity + SeenIds.Slack, most);
        var kept = Jobs();
        Assert.Equal(Job(3 * SeenIds.Capacity).JobId, kept[0]);
        // Whatever is kept is the newest run of jobs, with no gaps.
        Assert.Equal(Enumerable.Range(3 * SeenIds.Capacity - kept.Count + 1, kept.Count).Reverse().Select(n => Job(n).JobId), kept);
    }

    [Fact]
    public void Seeing_a_job_again_makes_it_the_newest()
    {
        SeenIds.Remember(Job(1));
        SeenIds.Remember(Job(2));
        SeenIds.Remember(Job(1));

        Assert.Equal(new[] { Job(1).JobId, Job(2).JobId }, Jobs());
    }

    [Fact]
    public void Remembers_each_id_an_object_carries_under_its_own_kind()
    {
        var dataset = Guid.NewGuid();
        var version = Guid.NewGuid();
        var job = Guid.NewGuid();
        SeenIds.Remember(new DatasetUpload { JobId = job, Status = "queued", Path = "/data/churn.csv", Dataset = new VersionRef { Id = dataset, VersionId = version, VersionNumber = 1 } });

        Assert.Equal(("dataset_ingest · queued", "dataset from churn.csv", "version 1 from churn.csv"),
            (SeenIds.Recent(IdKind.Job).Single().Description, SeenIds.Recent(IdKind.Dataset).Single().Description,
             SeenIds.Recent(IdKind.DatasetVersion).Single().Description));
        Assert.Empty(SeenIds.Recent(IdKind.Model));
        Assert.Equal(job, SeenIds.Recent(IdKind.Job).Single().Id);
    }

    [Fact]
    public void Keeps_what_an_object_of_its_own_said_when_another_names_it_in_passing()
    {
        var model = Guid.NewGuid();
        SeenIds.Remember(new WwModel { ModelId = model, Name = "churn-model", Status = "ready" });
        SeenIds.Remember(new InferenceStart { JobId = Guid.NewGuid(), Status = "queued", RequestedModelId = model });

        Assert.Equal("model 'churn-model' · ready", SeenIds.Recent(IdKind.Model).Single().Description);
    }

    [Fact]
    public void Ignores_what_is_not_the_modules_own()
    {
        SeenIds.Remember(new { JobId = Guid.NewGuid() });
        SeenIds.Remember("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

        Assert.Empty(SeenIds.Recent(IdKind.Job));
    }

    private static (CommandAst Ast, string Word) Parse(string line)
    {
        var ast = Parser.ParseInput(line, out _, out _);
        return ((CommandAst)ast.Find(a => a is CommandAst, true)!, line.EndsWith(' ') || line.EndsWith(',') ? string.Empty : line.Split(' ', ',').Last());
    }

    [Fact]
    public void Offers_the_ids_of_its_kind_not_those_typed_and_never_nothing()
    {
        var a = new WwModel { ModelId = Guid.NewGuid(), Name = "a" };
        var b = new WwModel { ModelId = Guid.NewGuid(), Name = "b" };
        SeenIds.Remember(a);
        SeenIds.Remember(b);
        SeenIds.Remember(Job(1));
        var completer = new ModelIdCompleter();

        var (ast, word) = Parse($"Get-WwModel -Id '{b.ModelId}', ");
        var offered = completer.CompleteArgument("Get-WwModel", "Id", word, ast, new Hashtable()).ToList();
        var (all, _) = Parse("Get-WwModel -Id ");
        var none = new DatasetIdCompleter().CompleteArgument("Get-WwDataset", "Id", "", all, new Hashtable()).ToList();

        Assert.Equal(new[] { a.ModelId.ToString() }, offered.Select(o => o.CompletionText));
        Assert.Equal("model 'a'", offered[0].ToolTip);
        var empty = Assert.Single(none);
        Assert.Equal("(no other dataset id seen in this session)", empty.ListItemText);
        Assert.Equal(" ", empty.CompletionText);
    }
}
