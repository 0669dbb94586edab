using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LocalGovStandard.WorkbookBench;

internal static class Machine
{
    public static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : RuntimeInformation.ProcessArchitecture.ToString();

    public static double MemoryGiB() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0;

    public static string GarbageCollector() => GCSettings.IsServerGC ? "server GC" : "workstation GC";

    /// <summary>
    /// The benchmarks run the product's code in their own processes, so they must run it under the garbage collector the
    /// handler ships with, which its runtimeconfig.json (copied beside each benchmark by the project reference) names.
    /// ClosedXML keeps a whole workbook live while it allocates, so the collector alone moved the monthly run's ratio by a third.
    /// </summary>
    /// <exception cref="InvalidOperationException">This process runs another collector, for instance because of DOTNET_gcServer.</exception>
    public static void EnsureTheHandlersGarbageCollector()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "LocalGovStandard.Functions.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var handlerIsServer = config.RootElement.GetProperty("runtimeOptions").TryGetProperty("configProperties", out var properties)
            && properties.TryGetProperty("System.GC.Server", out var server) && server.GetBoolean();
        if (handlerIsServer != GCSettings.IsServerGC)
        {
            throw new InvalidOperationException(
                $"The handler runs with {(handlerIsServer ? "server" : "workstation")} GC ({path}), this benchmark with {GarbageCollector()}: " +
                "set ServerGarbageCollection in the benchmark's project to match, and unset DOTNET_gcServer.");
        }
    }
}
