namespace LocalGovStandard.Bench;

internal sealed record OtherBenchOutput(string Project, string Output);

/// <summary>
/// Any other tools/*Bench project (say a dashboard benchmark) is run as it is, with no arguments,
/// and its output goes into the report verbatim. ./build.sh bench builds them all first.
/// </summary>
internal static class OtherBenches
{
    private static readonly string[] RunElsewhere = ["LocalGovStandard.Bench", "LocalGovStandard.WorkbookBench"];

    public static IReadOnlyList<string> Find() =>
        Directory.EnumerateDirectories(Path.Combine(BenchArguments.RepositoryRoot, "tools"), "*Bench")
            .Where(folder => !RunElsewhere.Contains(Path.GetFileName(folder)) && Directory.EnumerateFiles(folder, "*.csproj").Any())
            .Select(folder => "tools/" + Path.GetFileName(folder))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static async Task<OtherBenchOutput> RunAsync(string project) =>
        new(project, await ChildProcesses.RunAsync("dotnet", ["run", "-c", "Release", "--no-build", "--project", project], echo: true));
}
