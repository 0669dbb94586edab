using System.Text.RegularExpressions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace LocalGovStandard.Tests.Platform;

/// <summary>Pages get their parameters by expression, so a misspelt or mistyped name fails the build, not the render.</summary>
public sealed partial class ComponentParametersTests
{
    [Fact]
    public void Set_NamesTheParameterFromTheExpression()
    {
        var result = new ComponentParameters<ErrorPage>()
            .Set(p => p.Heading, "Page not found")
            .Set(p => p.Reference, null)
            .Result(StatusCodes.Status404NotFound);

        Assert.Equal(new Dictionary<string, object?> { ["Heading"] = "Page not found", ["Reference"] = null }, result.Parameters);
        Assert.Equal(StatusCodes.Status404NotFound, result.StatusCode);
    }

    [Fact]
    public void Result_WithoutAStatus_LeavesTheResponseStatusAlone() =>
        Assert.Null(new ComponentParameters<ErrorPage>().Set(p => p.Heading, "Sorry").Result().StatusCode);

    [Fact]
    public void Set_RejectsAMethodCall() =>
        Assert.Throws<ArgumentException>("parameter", () => new ComponentParameters<Probe>().Set(p => p.Name.Trim(), "x"));

    [Fact]
    public void Set_RejectsAMemberOfAParameter() =>
        Assert.Throws<ArgumentException>("parameter", () => new ComponentParameters<Probe>().Set(p => p.Name.Length, 1));

    [Fact]
    public void Set_RejectsAPropertyThatIsNotAParameter() =>
        Assert.Throws<ArgumentException>("parameter", () => new ComponentParameters<Probe>().Set(p => p.NotAParameter, "x"));

    [Fact]
    public void Set_RejectsAConversionThatWouldHandThePageAnotherType() =>
        Assert.Throws<ArgumentException>("parameter", () => new ComponentParameters<Probe>().Set<long>(p => p.Count, 1L));

    [Fact]
    public void NoPageInFunctionsGetsAnonymousObjectParameters()
    {
        var functions = Path.Combine(RepositoryFiles.Root, "functions");
        var sources = Directory.EnumerateFiles(functions, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(f => (File: Path.GetRelativePath(functions, f), Text: File.ReadAllText(f)))
            .ToList();

        var anonymous = sources
            .SelectMany(s => AnonymousParameters().Matches(s.Text).Select(m => $"{s.File}:{s.Text[..m.Index].Count(c => c == '\n') + 1}"))
            .ToList();

        Assert.Contains(sources, s => s.Text.Contains("RazorComponentResult<", StringComparison.Ordinal));
        Assert.Empty(anonymous);
    }

    [GeneratedRegex(@"RazorComponentResult<[\w.]+>\s*\(\s*new\s*\{|new\s*\(\s*new\s*\{")]
    private static partial Regex AnonymousParameters();

    public sealed class Probe : ComponentBase
    {
        [Parameter] public string Name { get; set; } = "";

        [Parameter] public int Count { get; set; }

        public string NotAParameter { get; set; } = "";
    }
}
