using System.Globalization;

namespace LocalGovStandard.Platform.Email;

public static class EmailDates
{
    /// <summary>GOV.UK style, in UK time: "3:05pm UK time on 26 November 2026". (The app runs with invariant globalization.)</summary>
    public static string Format(DateTimeOffset value)
    {
        var uk = UkTime.ToUk(value);
        return $"{Time(uk)} UK time on {Day(uk)}";
    }

    /// <summary>"9:30am to 4:30pm UK time on 4 March 2027"; the day twice only when the event runs into another day.</summary>
    public static string Span(DateTimeOffset start, DateTimeOffset end)
    {
        var (from, to) = (UkTime.ToUk(start), UkTime.ToUk(end));
        return from.Date == to.Date
            ? $"{Time(from)} to {Time(to)} UK time on {Day(from)}"
            : $"{Format(start)} to {Format(end)}";
    }

    private static string Time(DateTimeOffset uk) => uk.ToString("h:mm", CultureInfo.InvariantCulture) + (uk.Hour < 12 ? "am" : "pm");

    private static string Day(DateTimeOffset uk) => uk.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
