using System.Globalization;

namespace LocalGovStandard.Platform;

/// <summary>A configured lifetime in words for pages and emails ("72 hours", "30 days", "30 minutes"), so the text follows the setting.</summary>
public static class Durations
{
    /// <summary>Whole days beyond three days read as days; up to that, whole hours read as hours; anything else as minutes.</summary>
    public static string Describe(TimeSpan span) =>
        span > TimeSpan.FromDays(3) && span.Ticks % TimeSpan.TicksPerDay == 0 ? Count(span.TotalDays, "day")
        : span >= TimeSpan.FromHours(1) && span.Ticks % TimeSpan.TicksPerHour == 0 ? Count(span.TotalHours, "hour")
        : Count(Math.Max(1, Math.Round(span.TotalMinutes)), "minute");

    private static string Count(double value, string unit) =>
        $"{value.ToString("0", CultureInfo.InvariantCulture)} {unit}{(value == 1 ? "" : "s")}";
}
