using System.Text.RegularExpressions;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Progress;

/// <summary>
/// Progress is the read model Reports, Dashboard and Feed share: it must not reach back into them,
/// they read activity only through it, Dashboard and Feed need nothing of Reports, and nobody stands a
/// region in for a peer group.
/// </summary>
public sealed partial class ProgressDependencyTests
{
    private static readonly string Project = Path.Combine(RepositoryFiles.Root, "functions", "LocalGovStandard.Functions");

    private static readonly string[] Consumers = ["Reports", "Dashboard", "Feed"];

    [Fact]
    public void Progress_UsesNoneOfReportsDashboardOrFeed()
    {
        var reaching = Sources("Progress").Where(s => ConsumerNamespaces().IsMatch(s.Text)).Select(s => s.File).ToList();
        Assert.NotEmpty(Sources("Progress"));
        Assert.Empty(reaching);
    }

    [Fact]
    public void ReportsDashboardAndFeed_ReadActivityThroughProgress_NotTheActivityTables()
    {
        var direct = Consumers.SelectMany(Sources)
            .Where(s => ActivityTables().IsMatch(s.Text) || s.Text.Contains("SignupQueries", StringComparison.Ordinal))
            .Select(s => s.File)
            .ToList();
        Assert.Empty(direct);
        Assert.All(Consumers, feature =>
            Assert.Contains(Sources(feature), s => s.Text.Contains("using LocalGovStandard.Progress;", StringComparison.Ordinal)));
    }

    [Fact]
    public void DashboardAndFeed_UseNothingOfReports()
    {
        var reaching = Sources("Dashboard").Concat(Sources("Feed"))
            .Where(s => s.Text.Contains("LocalGovStandard.Reports", StringComparison.Ordinal))
            .Select(s => s.File)
            .ToList();
        Assert.Empty(reaching);
    }

    [Fact]
    public void NoFeatureMakesUpAPeerGroup_OutsidePeerGroups()
    {
        var made = Directory.EnumerateDirectories(Project).Select(Path.GetFileName).Where(f => f is not ("PeerGroups" or "bin" or "obj"))
            .SelectMany(f => Sources(f!))
            .Where(s => s.Text.Contains("new PeerGroup(", StringComparison.Ordinal))
            .Select(s => s.File)
            .ToList();
        Assert.Empty(made);
    }

    private static List<(string File, string Text)> Sources(string feature) =>
        Directory.EnumerateFiles(Path.Combine(Project, feature), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(Project, f), File.ReadAllText(f)))
            .ToList();

    [GeneratedRegex(@"\bLocalGovStandard\.(Reports|Dashboard|Feed)\b")]
    private static partial Regex ConsumerNamespaces();

    [GeneratedRegex(@"TableNames\.(Signups|Assessments|SubmittedAssessments)\b")]
    private static partial Regex ActivityTables();
}
