namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// The app's TimeProvider in tests: real time plus an offset a test can move forward. Timers and
/// delays (retry backoff, timeouts) still run in real time, so only "now" is faked.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
