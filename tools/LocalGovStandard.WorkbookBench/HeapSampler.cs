namespace LocalGovStandard.WorkbookBench;

/// <summary>Samples the managed heap every few milliseconds: its peak is the GC's view of peak memory.</summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private long _peak;

    public HeapSampler()
    {
        _thread = new Thread(() =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(forceFullCollection: false));
                Thread.Sleep(2);
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    public long PeakBytes => Interlocked.Read(ref _peak);

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
