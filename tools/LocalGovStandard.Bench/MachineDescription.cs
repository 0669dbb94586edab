using System.Runtime.InteropServices;
using LocalGovStandard.WorkbookBench;

namespace LocalGovStandard.Bench;

internal static class MachineDescription
{
    public static string Current() =>
        $"{Environment.ProcessorCount} cores ({Machine.CpuModel()}), {Machine.MemoryGiB():0} GiB, {OperatingSystem()}, .NET {Environment.Version}, {Machine.GarbageCollector()} (the handler's)";

    /// <summary>The distribution's name (Debian GNU/Linux 12 (bookworm)) rather than the kernel's, when the OS says it.</summary>
    private static string OperatingSystem()
    {
        const string prettyName = "PRETTY_NAME=";
        var release = File.Exists("/etc/os-release") ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith(prettyName, StringComparison.Ordinal)) : null;
        return release is null ? RuntimeInformation.OSDescription : $"{release[prettyName.Length..].Trim('"')} (kernel {Environment.OSVersion.Version})";
    }
}
