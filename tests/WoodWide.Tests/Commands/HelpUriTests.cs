using System.Management.Automation;
using System.Text.RegularExpressions;
using WoodWide.Commands;
using Xunit;

namespace WoodWide.Tests.Commands;

/// <summary>Get-Help -Online: every cmdlet names the page its help is built from, in the repository the manifest names.</summary>
public class HelpUriTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WoodWide.sln"))) return dir.FullName;
        throw new InvalidOperationException("WoodWide.sln is above no folder of the test run.");
    }

    public static TheoryData<string> Cmdlets()
    {
        var data = new TheoryData<string>();
        foreach (var type in typeof(WwCmdlet).Assembly.GetTypes())
            if (type.GetCustomAttributes(typeof(CmdletAttribute), false).FirstOrDefault() is CmdletAttribute c)
                data.Add($"{c.VerbName}-{c.NounName}");
        return data;
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Names_its_own_page_in_the_repository_the_manifest_names(string name)
    {
        var attribute = typeof(WwCmdlet).Assembly.GetTypes()
            .Select(t => t.GetCustomAttributes(typeof(CmdletAttribute), false).FirstOrDefault() as CmdletAttribute)
            .Single(c => c != null && $"{c.VerbName}-{c.NounName}" == name)!;
        var manifest = File.ReadAllText(Path.Combine(RepositoryRoot(), "WoodWide.psd1"));
        var project = Regex.Match(manifest, @"ProjectUri\s*=\s*'([^']+)'").Groups[1].Value;

        Assert.Equal($"{project}/blob/main/docs/en-US/{name}.md", attribute.HelpUri);
        Assert.True(File.Exists(Path.Combine(RepositoryRoot(), "docs", "en-US", name + ".md")), $"docs/en-US/{name}.md is not there.");
    }

    [Fact]
    public void Covers_all_thirteen_cmdlets() => Assert.Equal(13, Cmdlets().Count);
}
