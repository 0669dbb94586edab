using System.Diagnostics;
using System.Globalization;
using System.Net;
using LocalGovStandard.Platform.Telemetry;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Bench;

/// <param name="StartsMs">Every timed start, in the order run.</param>
/// <param name="MedianCpuMs">
/// The handler's own CPU time (user + system) up to the first 200: much less moved by other work on
/// a shared machine than the wall time, and where ReadyToRun's saving (no JIT) shows.
/// </param>
/// <param name="LoadAverage">The machine's load average when this variant's last start ended.</param>
/// <param name="Stages">
/// The app's own start-up stages (LOCALGOV_STARTUP_TIMELINE): for each, the median ms from process start, in order. Empty for the bare app.
/// </param>
internal sealed record ColdStartResult(string Variant, double MedianMs, double MinMs, double MaxMs, double MedianCpuMs, IReadOnlyList<double> StartsMs, long PublishBytes,
    IReadOnlyList<ColdStartStage> Stages, string LoadAverage);

/// <param name="JitMethods">Methods the JIT had compiled by then (what precompiled code did not cover), and <paramref name="JitMs"/> its time.</param>
internal sealed record ColdStartStage(string Name, double MedianMs, double JitMethods = 0, double JitMs = 0);

/// <summary>
/// From process start to the first 200 on /api/health, of the self-contained linux-x64 handler
/// published with and without ReadyToRun, started as the Functions host starts it
/// (FUNCTIONS_CUSTOMHANDLER_PORT, Production) against a running Azurite; and of the bare baseline app
/// (tools/LocalGovStandard.BareApp) published the same way. The starts alternate between the variants,
/// after one untimed start of each (tables created, files in the page cache). The handler's timed starts
/// leave the tables to the infrastructure, as in Azure, but for one row that creates them as it does
/// against Azurite locally.
/// </summary>
internal static class ColdStartScenario
{
    public const string Bare = "bare minimal-API app, ReadyToRun";
    public const string ReadyToRun = "ReadyToRun (as shipped)";
    public const string CreatingTables = "ReadyToRun, creating tables (Azurite, local runs)";
    public const string Jit = "without ReadyToRun";
    public const string NothingPrecompiled = "without ReadyToRun, DOTNET_ReadyToRun=0";
    private const string HandlerName = "LocalGovStandard.Functions";
    private const string BareName = "LocalGovStandard.BareApp";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string> AsInAzure = new() { ["Storage__CreateAtStart"] = "false" };

    /// <param name="Environment">Extra environment: DOTNET_ReadyToRun=0 also ignores the framework's own precompiled code.</param>
    private sealed record Variant(string Name, string Folder, string Executable, IReadOnlyDictionary<string, string> Environment);

    public static async Task<IReadOnlyList<ColdStartResult>> RunAsync(int runs)
    {
        var bare = await HandlerPublish.EnsureBareAsync();
        var readyToRun = await HandlerPublish.EnsureAsync(readyToRun: true);
        var jit = await HandlerPublish.EnsureAsync(readyToRun: false);
        Variant[] variants =
        [
            new(Bare, bare, BareName, new Dictionary<string, string>()),
            new(ReadyToRun, readyToRun, HandlerName, AsInAzure),
            new(CreatingTables, readyToRun, HandlerName, new Dictionary<string, string> { ["Storage__CreateAtStart"] = "true" }),
            new(Jit, jit, HandlerName, AsInAzure),
            new(NothingPrecompiled, jit, HandlerName, new Dictionary<string, string>(AsInAzure) { ["DOTNET_ReadyToRun"] = "0" }),
        ];

        await using var storage = new Azurite();
        await storage.StartAsync();
        var starts = variants.ToDictionary(v => v.Name, _ => new List<Start>());
        foreach (var variant in variants)
        {
            await TimeStartAsync(variant, storage);
        }

        for (var run = 0; run < runs; run++)
        {
            foreach (var variant in variants)
            {
                starts[variant.Name].Add(await TimeStartAsync(variant, storage));
            }
        }

        var loadAverage = LoadAverage.Now();
        return variants.Select(v =>
        {
            var wall = starts[v.Name].Select(s => s.WallMs).Order().ToList();
            var cpu = starts[v.Name].Select(s => s.CpuMs).Order().ToList();
            var bytes = new DirectoryInfo(v.Folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            return new ColdStartResult(v.Name, ConcurrentLoad.Percentile(wall, 0.5), wall[0], wall[^1], ConcurrentLoad.Percentile(cpu, 0.5),
                starts[v.Name].Select(s => s.WallMs).ToList(), bytes, MedianStages(starts[v.Name]), loadAverage);
        }).ToList();
    }

    /// <summary>Each stage's median over the starts that reached it, in the order of those medians.</summary>
    private static List<ColdStartStage> MedianStages(List<Start> starts) =>
        starts.SelectMany(s => s.Stages)
            .GroupBy(stage => stage.Name)
            .Select(stage => new ColdStartStage(
                stage.Key,
                Median(stage.Select(s => s.MedianMs)),
                Median(stage.Select(s => s.JitMethods)),
                Median(stage.Select(s => s.JitMs))))
            .OrderBy(stage => stage.MedianMs)
            .ToList();

    /// <param name="LoadAverage">The machine's load average when this variant's last start ended.</param>
/// <param name="Stages">Each stage the app marked, in ms from the process start (one start: the "median" of one).</param>
    private sealed record Start(double WallMs, double CpuMs, IReadOnlyList<ColdStartStage> Stages);

    private static async Task<Start> TimeStartAsync(Variant variant, Azurite storage)
    {
        var folder = variant.Folder;
        var port = FreePort.Next();
        var start = new ProcessStartInfo(Path.Combine(folder, variant.Executable))
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["AzureWebJobsStorage"] = storage.ConnectionString;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["LocalGovStandard__TokenSigningKey"] = "cold-start-bench-signing-key-0123456789abcdef";
        start.Environment[StartupTimeline.Setting] = "1";
        start.Environment.Remove("APPLICATIONINSIGHTS_CONNECTION_STRING");
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (name, value) in variant.Environment)
        {
            start.Environment[name] = value;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri($"http://127.0.0.1:{port}/api/health");
        var marks = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var startedAtUnixMs = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The handler did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith(StartupTimeline.Prefix + " ", StringComparison.Ordinal) == true)
            {
                marks.Enqueue(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (Stopwatch.GetElapsedTime(started) < StartTimeout && !process.HasExited)
            {
                try
                {
                    using var response = await client.GetAsync(health);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var wallMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        process.Refresh();
                        var cpuMs = process.TotalProcessorTime.TotalMilliseconds;
                        await Task.Delay(50); // the first response's own mark, written as the 200 left
                        return new Start(wallMs, cpuMs, [.. marks.Select(mark => Stage(mark, startedAtUnixMs))]);
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(5);
            }

            throw new InvalidOperationException($"The handler in {folder} gave no 200 on /api/health within {StartTimeout.TotalSeconds:0} s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static double Median(IEnumerable<double> values) => ConcurrentLoad.Percentile(values.Order().ToList(), 0.5);

    /// <summary>"startup-timeline {stage} {Unix ms} {methods jitted} {JIT ms}" as ms since the process was started.</summary>
    private static ColdStartStage Stage(string mark, double startedAtUnixMs)
    {
        var parts = mark.Split(' ');
        return new ColdStartStage(
            parts[1],
            double.Parse(parts[2], CultureInfo.InvariantCulture) - startedAtUnixMs,
            double.Parse(parts[3], CultureInfo.InvariantCulture),
            double.Parse(parts[4], CultureInfo.InvariantCulture));
    }
}
