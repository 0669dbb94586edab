using System.Globalization;
using System.Text.Json;

namespace LocalGovStandard.Bench;

/// <summary>One (scale, writer) pass of tools/LocalGovStandard.WorkbookBench, as its --json writes it.</summary>
internal sealed record WorkbookPhase(
    string Writer, int Scale, int Councils, int Assessments, int Actions, int Groups,
    double CalculateMs, double WriteMs, double TotalMs, double SlowestGroupMs,
    double AllocatedMB, double PeakHeapMB, double PeakWorkingSetMB, long TotalBytes, long LargestBytes, double CpuMs);

/// <summary>
/// The monthly run: tools/LocalGovStandard.WorkbookBench (every peer group's workbook for the full
/// UK register, ClosedXML against the OpenXmlWriter floor, each pair in its own process), run as it is.
/// </summary>
internal static class MonthlyRunScenario
{
    public const string Project = "tools/LocalGovStandard.WorkbookBench";

    public static string Command(IReadOnlyList<int> scales, int iterations) =>
        $"dotnet run -c Release --no-build --project {Project} -- --scales {string.Join(',', scales)} --iterations {iterations}";

    public static async Task<IReadOnlyList<WorkbookPhase>> RunAsync(IReadOnlyList<int> scales, int iterations)
    {
        var json = Path.Combine(Path.GetTempPath(), $"workbook-bench-{Environment.ProcessId}.json");
        try
        {
            await ChildProcesses.RunAsync("dotnet",
            [
                "run", "-c", "Release", "--no-build", "--project", Project, "--",
                "--scales", string.Join(',', scales), "--iterations", iterations.ToString(CultureInfo.InvariantCulture), "--json", json,
            ], echo: true);
            return JsonSerializer.Deserialize<List<WorkbookPhase>>(await File.ReadAllTextAsync(json))!;
        }
        finally
        {
            File.Delete(json);
        }
    }
}
