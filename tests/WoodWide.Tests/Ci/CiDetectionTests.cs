using WoodWide.Ci;
using Xunit;

namespace WoodWide.Tests.Ci;

/// <summary>Which CI system a wait runs under, from an environment the test gives.</summary>
public class CiDetectionTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Nothing_outside_a_ci_system() => Assert.Equal(CiKind.None, CiDetection.Detect(Env()));

    [Theory]
    [InlineData("true")]
    [InlineData("True")]
    public void GitHub_Actions_by_GITHUB_ACTIONS(string value) => Assert.Equal(CiKind.GitHub, CiDetection.Detect(Env(("GITHUB_ACTIONS", value))));

    [Theory]
    [InlineData("True")]
    [InlineData("true")]
    public void Azure_Pipelines_by_TF_BUILD(string value) => Assert.Equal(CiKind.Azure, CiDetection.Detect(Env(("TF_BUILD", value))));

    [Fact]
    public void Not_by_a_variable_that_is_not_true() =>
        Assert.Equal(CiKind.None, CiDetection.Detect(Env(("GITHUB_ACTIONS", "false"), ("TF_BUILD", ""), ("CI", "true"))));

    [Theory]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("none")]
    public void Switched_off_by_WOODWIDE_CI(string value)
    {
        Assert.Equal(CiKind.None, CiDetection.Detect(Env(("GITHUB_ACTIONS", "true"), ("WOODWIDE_CI", value))));
        Assert.Null(CiDetection.Dialect(Env(("TF_BUILD", "True"), ("WOODWIDE_CI", value))));
    }

    [Theory]
    [InlineData("github", CiKind.GitHub)]
    [InlineData("azure", CiKind.Azure)]
    public void Named_by_WOODWIDE_CI_where_detection_does_not(string value, CiKind kind) =>
        Assert.Equal(kind, CiDetection.Dialect(Env(("WOODWIDE_CI", value)))!.Kind);

    [Fact]
    public void Auto_or_an_unknown_word_detects_as_usual() =>
        Assert.Equal(CiKind.Azure, CiDetection.Detect(Env(("WOODWIDE_CI", "auto"), ("TF_BUILD", "True"))));
}
