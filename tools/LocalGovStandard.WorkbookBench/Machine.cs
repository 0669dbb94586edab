using System.Runtime.InteropServices;

namespace LocalGovStandard.WorkbookBench;

internal static class Machine
{
    public static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : RuntimeInformation.ProcessArchitecture.ToString();

    public static double MemoryGiB() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0;
}
