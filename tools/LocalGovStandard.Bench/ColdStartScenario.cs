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
/// (FUNCTIONS_CUSTOMHANDLER_PORT, Production) against a running Azurite. The two are
/// alternated, after one untimed start of each (tables created, files in the page cache).
/// </summary>
internal static class ColdStartScenario
{
    public const string ReadyToRun = "ReadyToRun";
    public const string Jit = "JIT only";
    private const string HandlerName = "LocalGovStandard.Functions";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<ColdStartResult>> RunAsync(int runs)
    {
        var variants = new Dictionary<string, string>
        {
            [ReadyToRun] = await HandlerPublish.EnsureAsync(readyToRun: true),
            [Jit] = await HandlerPublish.EnsureAsync(readyToRun: false),
        };

        await using var storage = new Azurite();
        await storage.StartAsync();
        var starts = variants.Keys.ToDictionary(v => v, _ => new List<(double WallMs, double CpuMs)>());
        foreach (var (_, folder) in variants)
        {
            await TimeStartAsync(folder, storage);
        }

        for (var run = 0; run < runs; run++)
        {
            foreach (var (variant, folder) in variants)
            {
                starts[variant].Add(await TimeStartAsync(folder, storage));
            }
        }

        return variants.Select(v =>
        {
            var wall = starts[v.Key].Select(s => s.WallMs).Order().ToList();
            var cpu = starts[v.Key].Select(s => s.CpuMs).Order().ToList();
            var bytes = new DirectoryInfo(v.Value).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
            return new ColdStartResult(v.Key, ConcurrentLoad.Percentile(wall, 0.5), wall[0], wall[^1], ConcurrentLoad.Percentile(cpu, 0.5),
                starts[v.Key].Select(s => s.WallMs).ToList(), bytes);
        }).ToList();
    }

    private static async Task<(double WallMs, double CpuMs)> TimeStartAsync(string folder, Azurite storage)
    {
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
