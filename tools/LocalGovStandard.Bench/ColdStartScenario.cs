using System.Diagnostics;
using System.Globalization;
using System.Net;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Bench;

/// <param name="StartsMs">Every timed start, in the order run.</param>
/// <param name="MedianCpuMs">
/// The handler's own CPU time (user + system) up to the first 200: much less moved by other work on
/// a shared machine than the wall time, and where ReadyToRun's saving (no JIT) shows.
/// </param>
internal sealed record ColdStartResult(string Variant, double MedianMs, double MinMs, double MaxMs, double MedianCpuMs, IReadOnlyList<double> StartsMs, long PublishBytes);

/// <summary>
/// From process start to the first 200 on /api/health, of the self-contained linux-x64 handler
/// published with and without ReadyToRun, started as the Functions host starts it
/// (FUNCTIONS_CUSTOMHANDLER_PORT, Production) against a running Azurite. The starts alternate
/// between the variants, after one untimed start of each (tables created, files in the page cache).
/// </summary>
internal static class ColdStartScenario
{
    public const string ReadyToRun = "ReadyToRun (as shipped)";
    public const string Jit = "without ReadyToRun";
    public const string NothingPrecompiled = "without ReadyToRun, DOTNET_ReadyToRun=0";
    private const string HandlerName = "LocalGovStandard.Functions";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <param name="Environment">Extra environment: DOTNET_ReadyToRun=0 also ignores the framework's own precompiled code.</param>
    private sealed record Variant(string Name, string Folder, IReadOnlyDictionary<string, string> Environment);

    public static async Task<IReadOnlyList<ColdStartResult>> RunAsync(int runs)
    {
        var readyToRun = await HandlerPublish.EnsureAsync(readyToRun: true);
        var jit = await HandlerPublish.EnsureAsync(readyToRun: false);
        Variant[] variants =
        [
            new(ReadyToRun, readyToRun, new Dictionary<string, string>()),
            new(Jit, jit, new Dictionary<string, string>()),
            new(NothingPrecompiled, jit, new Dictionary<string, string> { ["DOTNET_ReadyToRun"] = "0" }),
        ];

        await using var storage = new Azurite();
        await storage.StartAsync();
        var starts = variants.ToDictionary(v => v.Name, _ => new List<(double WallMs, double CpuMs)>());
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

        return variants.Select(v =>
        {
            var wall = starts[v.Name].Select(s => s.WallMs).Order().ToList();
            var cpu = starts[v.Name].Select(s => s.CpuMs).Order().ToList();
            var bytes = new DirectoryInfo(v.Folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            return new ColdStartResult(v.Name, ConcurrentLoad.Percentile(wall, 0.5), wall[0], wall[^1], ConcurrentLoad.Percentile(cpu, 0.5),
                starts[v.Name].Select(s => s.WallMs).ToList(), bytes);
        }).ToList();
    }

    private static async Task<(double WallMs, double CpuMs)> TimeStartAsync(Variant variant, Azurite storage)
    {
        var folder = variant.Folder;
        var port = FreePort.Next();
        var start = new ProcessStartInfo(Path.Combine(folder, HandlerName))
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
        start.Environment.Remove("APPLICATIONINSIGHTS_CONNECTION_STRING");
        start.Environment.Remove("ASPNETCORE_URLS");
        foreach (var (name, value) in variant.Environment)
        {
            start.Environment[name] = value;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri($"http://127.0.0.1:{port}/api/health");
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The handler did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
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
                        return (wallMs, process.TotalProcessorTime.TotalMilliseconds);
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
}
