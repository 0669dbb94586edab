using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Progress;
using LocalGovStandard.Register;
using LocalGovStandard.Reports;
using LocalGovStandard.Standards;
using LocalGovStandard.WorkbookBench;

// Builds every peer group's monthly workbook from national-scale data made up in memory, with the
// product's own ProgressCalculator and ProgressWorkbook, against an OpenXmlWriter floor.
// Each (scale, writer) runs in a child process of its own, so each peak memory figure is its own.
Machine.EnsureTheHandlersGarbageCollector();
var options = BenchOptions.Parse(args);
if (options.Phase is { } phase)
{
    Console.WriteLine(JsonSerializer.Serialize(await Phase.RunAsync(options, phase)));
    return 0;
}

Console.WriteLine($"Workbook benchmark: {Environment.ProcessorCount} cores, {Machine.CpuModel()}, {Machine.MemoryGiB():0} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, {Machine.GarbageCollector()}");
Console.WriteLine($"Register: {options.RegisterDescription()}; {options.AssessmentsPerCouncil} assessments per council; median of {options.Iterations} passes over every group after one warm-up pass");
Console.WriteLine();
var results = new List<PhaseResult>();
foreach (var scale in options.Scales)
{
    foreach (var writer in new[] { "closedxml", "sax" })
    {
        results.Add(await RunChildAsync(options, writer, scale));
    }
}

Console.WriteLine($"{"scale",-6}{"writer",-11}{"councils",9}{"assessments",12}{"actions",9}{"groups",7}{"calc ms",9}{"write ms",10}{"total ms",10}{"slowest group ms",17}{"alloc MB",10}{"peak GC heap MB",16}{"peak WS MB",11}{"bytes (all groups)",19}{"largest",11}{"CPU ms",9}");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{r.Scale + "x",-6}{r.Writer,-11}{r.Councils,9}{r.Assessments,12}{r.Actions,9}{r.Groups,7}{r.CalculateMs,9:0}{r.WriteMs,10:0}{r.TotalMs,10:0}{r.SlowestGroupMs,17:0}{r.AllocatedMB,10:0}{r.PeakHeapMB,16:0}{r.PeakWorkingSetMB,11:0}{r.TotalBytes,19:N0}{r.LargestBytes,11:N0}{r.CpuMs,9:0}"));
}

Console.WriteLine();
foreach (var scale in options.Scales)
{
    var closed = results.Single(r => r.Scale == scale && r.Writer == "closedxml");
    var sax = results.Single(r => r.Scale == scale && r.Writer == "sax");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{scale}x: ClosedXML writing / OpenXmlWriter floor = {closed.WriteMs / sax.WriteMs:0.0}x time, {closed.AllocatedMB / sax.AllocatedMB:0.0}x allocated, {closed.TotalBytes / (double)sax.TotalBytes:0.00}x bytes; end to end (with the figures) {closed.TotalMs / sax.TotalMs:0.0}x, process CPU {closed.CpuMs / sax.CpuMs:0.0}x"));
}

if (options.Scales.Contains(1) && options.Scales.Contains(2))
{
    foreach (var writer in new[] { "closedxml", "sax" })
    {
        var one = results.Single(r => r.Scale == 1 && r.Writer == writer);
        var two = results.Single(r => r.Scale == 2 && r.Writer == writer);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"doubling the data ({writer}): time {two.TotalMs / one.TotalMs:0.00}x, allocated {two.AllocatedMB / one.AllocatedMB:0.00}x, peak GC heap {two.PeakHeapMB / one.PeakHeapMB:0.00}x, bytes {two.TotalBytes / (double)one.TotalBytes:0.00}x"));
    }
}

if (options.JsonPath is { } jsonPath)
{
    await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(results));
}

return 0;

static async Task<PhaseResult> RunChildAsync(BenchOptions options, string writer, int scale)
{
    var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var argument in options.ChildArguments(writer, scale))
    {
        start.ArgumentList.Add(argument);
    }

    using var child = Process.Start(start)!;
    var output = await child.StandardOutput.ReadToEndAsync();
    await child.WaitForExitAsync();
    if (child.ExitCode != 0)
    {
        throw new InvalidOperationException($"The {writer} phase at {scale}x failed: {output}");
    }

    return JsonSerializer.Deserialize<PhaseResult>(output.Trim().Split('\n')[^1])!;
}

internal sealed record PhaseResult(
    string Writer, int Scale, int Councils, int Assessments, int Actions, int Groups,
    double CalculateMs, double WriteMs, double TotalMs, double SlowestGroupMs,
    double AllocatedMB, double PeakHeapMB, double PeakWorkingSetMB, long TotalBytes, long LargestBytes, double CpuMs);

internal static class Phase
{
    public static async Task<PhaseResult> RunAsync(BenchOptions options, string writer)
    {
        var catalogue = StandardCatalogue.LoadFrom(Path.Combine(AppContext.BaseDirectory, "Standards", "Data"));
        var councils = SyntheticActivity.Scale(await options.LoadCouncilsAsync(), options.Scale);
        var groups = DefaultPeerGroups.All.Select(PeerGroup.From).ToList();
        var month = ReportMonth.PreviousTo(DateTimeOffset.UtcNow);
        var activities = SyntheticActivity.For(councils, groups, catalogue, month, options.AssessmentsPerCouncil);
        var calculator = new ProgressCalculator(catalogue);
        Func<ProgressReport, byte[]> build = writer == "sax" ? SaxFloorWorkbook.Build : ProgressWorkbook.Build;

        // Warm-up: one full pass, so the timed passes run tier-1 code rather than the JIT's first tier.
        foreach (var activity in activities)
        {
            _ = build(calculator.Calculate(activity, DateTimeOffset.UtcNow));
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        using var sampler = new HeapSampler();
        var runs = new List<(double Calculate, double Write, double Slowest, double Allocated, long Bytes, long Largest, double Cpu)>();
        for (var i = 0; i < options.Iterations; i++)
        {
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var (calculate, write, slowest, bytes, largest) = (0.0, 0.0, 0.0, 0L, 0L);
            foreach (var activity in activities)
            {
                var started = Stopwatch.GetTimestamp();
                var report = calculator.Calculate(activity, DateTimeOffset.UtcNow);
                var calculated = Stopwatch.GetTimestamp();
                var workbook = build(report);
                var written = Stopwatch.GetTimestamp();
                calculate += Stopwatch.GetElapsedTime(started, calculated).TotalMilliseconds;
                write += Stopwatch.GetElapsedTime(calculated, written).TotalMilliseconds;
                slowest = Math.Max(slowest, Stopwatch.GetElapsedTime(started, written).TotalMilliseconds);
                bytes += workbook.Length;
                largest = Math.Max(largest, workbook.Length);
                if (options.SaveTo is { } folder && i == 0)
                {
                    Directory.CreateDirectory(folder);
                    await File.WriteAllBytesAsync(Path.Combine(folder, $"{writer}-{options.Scale}x-{activity.Scope.Slug}.xlsx"), workbook);
                }
            }

            runs.Add((calculate, write, slowest, (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1048576.0, bytes, largest,
                (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds));
        }

        var median = runs.OrderBy(r => r.Calculate + r.Write).ElementAt(runs.Count / 2);
        return new PhaseResult(writer, options.Scale, councils.Count, activities.Sum(a => a.Assessments.Count), activities.Sum(a => a.Actions.Count), activities.Count,
            median.Calculate, median.Write, median.Calculate + median.Write, median.Slowest, median.Allocated,
            sampler.PeakBytes / 1048576.0, Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, median.Bytes, median.Largest, median.Cpu);
    }
}

internal sealed class BenchOptions
{
    public string? RegisterPath { get; private set; }
    public int AssessmentsPerCouncil { get; private set; } = 10;
    public int Iterations { get; private set; } = 5;
    public int Scale { get; private set; } = 1;
    public int[] Scales { get; private set; } = [1, 2];
    public string? Phase { get; private set; }
    public string? SaveTo { get; private set; }

    /// <summary>Where to write the results as JSON as well (for tools/LocalGovStandard.Bench).</summary>
    public string? JsonPath { get; private set; }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--register": options.RegisterPath = Next(); break;
                case "--assessments": options.AssessmentsPerCouncil = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--iterations": options.Iterations = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--scales": options.Scales = Next().Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(); break;
                case "--scale": options.Scale = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--phase": options.Phase = Next(); break;
                case "--save": options.SaveTo = Next(); break;
                case "--json": options.JsonPath = Next(); break;
                default: throw new ArgumentException($"Unknown option {args[i]}. Options: --register PATH --assessments N --iterations N --scales 1,2 --save DIR --json PATH");
            }
        }

        options.RegisterPath ??= BenchRegister.FindShared();
        return options;
    }

    public IEnumerable<string> ChildArguments(string writer, int scale)
    {
        yield return "--phase";
        yield return writer;
        yield return "--scale";
        yield return scale.ToString(CultureInfo.InvariantCulture);
        yield return "--assessments";
        yield return AssessmentsPerCouncil.ToString(CultureInfo.InvariantCulture);
        yield return "--iterations";
        yield return Iterations.ToString(CultureInfo.InvariantCulture);
        if (RegisterPath is not null)
        {
            yield return "--register";
            yield return RegisterPath;
        }

        if (SaveTo is not null)
        {
            yield return "--save";
            yield return SaveTo;
        }
    }

    public string RegisterDescription() => RegisterPath is null
        ? "not found, so 397 made-up councils spread over the regions"
        : $"{RegisterPath} (current authorities)";

    public Task<IReadOnlyList<Council>> LoadCouncilsAsync() => BenchRegister.LoadAsync(RegisterPath);
}
