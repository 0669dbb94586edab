using System.Diagnostics;

namespace LocalGovStandard.Bench;

/// <param name="Failures">Operations that threw or answered other than as expected; they count in no latency.</param>
internal sealed record LoadResult(int Operations, int Failures, double Seconds, double PerSecond, double P50Ms, double P99Ms)
{
    /// <summary>Timed latencies, kept so that two runs can be reported as one.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<double> Latencies { get; init; } = [];

    public static LoadResult From(IReadOnlyList<double> latencies, int operations, int failures, double seconds)
    {
        var sorted = latencies.Order().ToArray();
        return new LoadResult(operations, failures, seconds, sorted.Length / seconds,
            ConcurrentLoad.Percentile(sorted, 0.50), ConcurrentLoad.Percentile(sorted, 0.99)) { Latencies = sorted };
    }

    /// <summary>Two runs of the same operation as one: a baseline run half before and half after what it is compared with.</summary>
    public LoadResult Plus(LoadResult other) =>
        From([.. Latencies, .. other.Latencies], Operations + other.Operations, Failures + other.Failures, Seconds + other.Seconds);
}

/// <summary>Runs operations 0..count-1 from a fixed number of concurrent workers, timing each.</summary>
internal static class ConcurrentLoad
{
    public const int Clients = 32;

    public static async Task<LoadResult> RunAsync(int count, Func<int, Task<bool>> operation)
    {
        var next = -1;
        var latencies = new double[count];
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var before = Stopwatch.GetTimestamp();
                bool succeeded;
                try
                {
                    succeeded = await operation(i);
                }
                catch (Exception exception) when (exception is HttpRequestException or Azure.RequestFailedException or TaskCanceledException)
                {
                    succeeded = false;
                }

                latencies[i] = succeeded ? Stopwatch.GetElapsedTime(before).TotalMilliseconds : double.NaN;
                if (!succeeded)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return LoadResult.From(latencies.Where(l => !double.IsNaN(l)).ToArray(), count, failures, seconds);
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double fraction) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
