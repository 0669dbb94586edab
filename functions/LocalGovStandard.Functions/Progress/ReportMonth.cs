using System.Globalization;
using System.Text.RegularExpressions;

namespace LocalGovStandard.Progress;

/// <summary>A calendar month in UTC, written yyyy-MM. Its data runs from <see cref="Start"/> up to, not including, <see cref="End"/>.</summary>
public readonly partial record struct ReportMonth(int Year, int Month)
{
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset End => Start.AddMonths(1);

    /// <summary>The last day the month's data covers (the workbook's "data as of" date).</summary>
    public DateOnly LastDay => DateOnly.FromDateTime(End.UtcDateTime.AddDays(-1));

    public ReportMonth Previous => Of(Start.AddMonths(-1));

    public ReportMonth Next => Of(End);

    public ReportMonth AddMonths(int months) => Of(Start.AddMonths(months));

    /// <summary>"October 2026".</summary>
    public string DisplayName => Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    public static ReportMonth Of(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new ReportMonth(utc.Year, utc.Month);
    }

    /// <summary>The month before the one <paramref name="now"/> falls in: what the monthly run reports on.</summary>
    public static ReportMonth PreviousTo(DateTimeOffset now) => Of(now).Previous;

    public static bool TryParse(string? text, out ReportMonth month)
    {
        month = default;
        if (text is null || !Pattern().IsMatch(text))
        {
            return false;
        }

        month = new ReportMonth(int.Parse(text[..4], CultureInfo.InvariantCulture), int.Parse(text[5..], CultureInfo.InvariantCulture));
        return month.Year >= 2000;
    }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public bool HasEndedBy(DateTimeOffset now) => now >= End;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    [GeneratedRegex("^[0-9]{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex Pattern();
}
