using WoodWide.Loading;
using Xunit;

namespace WoodWide.Tests.Loading;

public class DependencyFilesTests
{
    private static readonly string Folder = Path.Combine("module", "Dependencies");
    private static bool Shipped(string path) => Path.GetFileName(path) is "System.Text.Json.dll" or "System.Runtime.CompilerServices.Unsafe.dll";

    [Theory]
    [InlineData("System.Text.Json, Version=8.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", "System.Text.Json.dll")]
    [InlineData("System.Runtime.CompilerServices.Unsafe, Version=4.0.4.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a", "System.Runtime.CompilerServices.Unsafe.dll")]
    [InlineData("System.Runtime.CompilerServices.Unsafe, Version=6.0.0.0", "System.Runtime.CompilerServices.Unsafe.dll")]
    public void Answers_any_version_of_a_shipped_assembly(string request, string file) =>
        Assert.Equal(Path.Combine(Folder, file), DependencyFiles.PathFor(request, Folder, Shipped));

    [Theory]
    [InlineData("Newtonsoft.Json, Version=13.0.0.0")]
    [InlineData("not a, valid = name")]
    [InlineData("..\\..\\evil")]
    [InlineData("")]
    public void Leaves_everything_else_to_the_loader(string request) =>
        Assert.Null(DependencyFiles.PathFor(request, Folder, Shipped));

    [Fact]
    public void Answers_only_requests_from_the_modules_own_assemblies()
    {
        var module = Path.GetFullPath("module");
        var dependencies = Path.Combine(module, "Dependencies");

        Assert.True(DependencyFiles.IsOwn(Path.Combine(module, "WoodWide.dll"), module, dependencies));
        Assert.True(DependencyFiles.IsOwn(Path.Combine(dependencies, "System.Text.Json.dll"), module, dependencies));
        // Another module with a System.Text.Json of its own keeps it.
        Assert.False(DependencyFiles.IsOwn(Path.Combine(Path.GetFullPath("other"), "Other.dll"), module, dependencies));
        Assert.False(DependencyFiles.IsOwn(Path.Combine(module + "-evil", "WoodWide.dll"), module, dependencies));
        Assert.False(DependencyFiles.IsOwn(null, module, dependencies));
        Assert.False(DependencyFiles.IsOwn("", module, dependencies));
    }
}
