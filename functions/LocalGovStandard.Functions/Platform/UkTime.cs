namespace LocalGovStandard.Platform;

/// <summary>
/// UK clock time, which councils read and type: GMT, and BST (+1) from 01:00 UTC on the last Sunday of March to
/// 01:00 UTC on the last Sunday of October. Built from that rule rather than read from the host's tz database,
/// which a slim Functions image may not carry; a test checks it against Europe/London where the database exists.
/// </summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone(
        "UK", TimeSpan.Zero, "UK time", "GMT", "BST",
        [
            TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                DateTime.MinValue.Date, DateTime.MaxValue.Date, TimeSpan.FromHours(1),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 1, 0, 0), 3, 5, DayOfWeek.Sunday),
                TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 5, DayOfWeek.Sunday)),
        ]);

    public static DateTimeOffset ToUk(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The date on a UK calendar now, which is not the UTC date between midnight and 1am in summer.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(ToUk(clock.GetUtcNow()).DateTime);

    /// <summary>
    /// The instant a UK clock shows <paramref name="clockTime"/>; null for the hour the clocks skip in March.
    /// In the hour October repeats, the first (BST) is meant.
    /// </summary>
    public static DateTimeOffset? FromUkClock(DateTime clockTime)
    {
        var local = DateTime.SpecifyKind(clockTime, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
