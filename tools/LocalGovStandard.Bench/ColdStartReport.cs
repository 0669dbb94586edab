using System.Globalization;

namespace LocalGovStandard.Bench;

internal static class ColdStartReport
{
    public static string Table(IReadOnlyList<ColdStartResult> results)
    {
        var readyToRun = results.Single(r => r.Variant == ColdStartScenario.ReadyToRun);
        var table = new MarkdownTable("publish", ">median ms to first 200", ">ratio to ReadyToRun", ">fastest ms", ">slowest ms",
            ">median CPU ms to first 200", ">ratio to ReadyToRun", ">starts", ">publish size MB");
        foreach (var r in results)
        {
            table.Row(r.Variant, r.MedianMs, r.MedianMs / readyToRun.MedianMs, r.MinMs, r.MaxMs,
                r.MedianCpuMs, r.MedianCpuMs / readyToRun.MedianCpuMs, r.StartsMs.Count, r.PublishBytes / 1048576.0);
        }

        return table.ToString();
    }

    public static string Section(IReadOnlyList<ColdStartResult> results, int runs)
    {
        var readyToRun = results.Single(r => r.Variant == ColdStartScenario.ReadyToRun);
        var jit = results.Single(r => r.Variant == ColdStartScenario.Jit);
        var nothing = results.Single(r => r.Variant == ColdStartScenario.NothingPrecompiled);
        var saved = jit.MedianMs - readyToRun.MedianMs;
        return $"""
            ## Cold start: process start to the first 200 on /api/health

            The handler is published as `functions/publish.sh` publishes it (self-contained linux-x64,
            Release) twice, into `artifacts/bench/`: with ReadyToRun (what ships) and without. Without
            it, the app's own assemblies and its NuGet packages are compiled by the JIT at run time,
            but the framework's assemblies from the runtime pack still carry their own precompiled code.
            The third row starts that same publish with `DOTNET_ReadyToRun=0`, which makes the runtime
            ignore all precompiled code, the framework's too: what start-up would cost with no
            ReadyToRun anywhere.
            Each start runs the executable as the Functions host does (`FUNCTIONS_CUSTOMHANDLER_PORT`,
            Production) against a running Azurite, and polls `/api/health` every 5 ms from the moment
            the process is started until it answers 200 (which needs the storage tables to answer). After
            one untimed start of each, the three take turns, {runs} timed starts each; the figures are medians.
            The Functions host's own start-up, before it starts the handler, is not included. *CPU ms* is
            the handler process's own CPU time (user and system) when the 200 arrives: on a busy shared
            machine the wall time mostly measures waiting for a core, while the CPU time shows the work
            the start-up does, which is what ReadyToRun removes (JIT compilation).

            {Table(results)}
            At the median, ReadyToRun starts in {readyToRun.MedianMs.ToString("N0", CultureInfo.InvariantCulture)} ms against {jit.MedianMs.ToString("N0", CultureInfo.InvariantCulture)} ms without it
            ({saved.ToString("N0", CultureInfo.InvariantCulture)} ms saved), and uses {readyToRun.MedianCpuMs.ToString("N0", CultureInfo.InvariantCulture)} ms of CPU against {jit.MedianCpuMs.ToString("N0", CultureInfo.InvariantCulture)} ms
            ({(jit.MedianCpuMs / readyToRun.MedianCpuMs).ToString("0.00", CultureInfo.InvariantCulture)} times as much without), for a package {((readyToRun.PublishBytes - jit.PublishBytes) / 1048576.0).ToString("0", CultureInfo.InvariantCulture)} MB larger.
            With no precompiled code at all, start-up takes {nothing.MedianMs.ToString("N0", CultureInfo.InvariantCulture)} ms and {nothing.MedianCpuMs.ToString("N0", CultureInfo.InvariantCulture)} ms of CPU
            ({(nothing.MedianCpuMs / readyToRun.MedianCpuMs).ToString("0.00", CultureInfo.InvariantCulture)} times the shipped handler's CPU). {Share(readyToRun, jit, nothing)}
            """;
    }

    private static string Share(ColdStartResult readyToRun, ColdStartResult jit, ColdStartResult nothing) =>
        nothing.MedianCpuMs - jit.MedianCpuMs > jit.MedianCpuMs - readyToRun.MedianCpuMs
            ? "Most of the saving comes precompiled with the framework; publishing the app's own code ReadyToRun adds the difference between the first two rows."
            : "Most of the saving comes from publishing the app's own code and packages ReadyToRun.";
}
