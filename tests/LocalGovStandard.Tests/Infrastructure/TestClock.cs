using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// The app's TimeProvider in tests. "Now" is a <see cref="FakeTimeProvider"/>: the fixture's own (<see cref="Setup"/>)
/// while it seeds, then each test's own from <see cref="StartTest"/>, so one test moving time never moves another's.
/// A test starts at 09:00 UTC on the 10th of a month at least two months after anything earlier tests in the class
/// reached: what they stored is in its past (expired, past retention), as in a service that has been running.
/// Each read moves time on a millisecond, as between a service's steps, so two events are never at the same instant.
/// Timers and delays (SendGrid retry backoff and attempt timeouts, retry jitter) stay on the system's timers: they are
/// the infrastructure's waits, not the service's idea of now.
/// </summary>
public sealed class TestClock : TimeProvider
{
    public static readonly DateTimeOffset FirstStart = new(2030, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private FakeTimeProvider _current;

    public TestClock()
    {
        Setup = NewAt(FirstStart);
        _current = Setup;
    }

    /// <summary>The fixture's clock while it seeds its data (tests take their own with <see cref="StartTest"/>).</summary>
    public FakeTimeProvider Setup { get; }

    /// <summary>A new clock for the calling test, which the app reads from now on.</summary>
    public FakeTimeProvider StartTest()
    {
        var later = Volatile.Read(ref _current).GetUtcNow().AddMonths(2);
        var start = new DateTimeOffset(later.Year, later.Month, 10, 9, 0, 0, TimeSpan.Zero);
        var clock = NewAt(start < later ? start.AddMonths(1) : start);
        Volatile.Write(ref _current, clock);
        return clock;
    }

    public override DateTimeOffset GetUtcNow() => Volatile.Read(ref _current).GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    private static FakeTimeProvider NewAt(DateTimeOffset start) => new(start) { AutoAdvanceAmount = Tick };
}
