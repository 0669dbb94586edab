using Cronos;

namespace LocalGovStandard.Platform.Functions;

/// <summary>A six-field NCRONTAB schedule (with seconds), evaluated in UTC as Azure does on Linux.</summary>
public static class TimerSchedule
{
    public static CronExpression Parse(string schedule) => CronExpression.Parse(schedule, CronFormat.IncludeSeconds);

    public static DateTimeOffset? NextAfter(string schedule, DateTimeOffset after) =>
        Parse(schedule).GetNextOccurrence(after, TimeZoneInfo.Utc);
}
