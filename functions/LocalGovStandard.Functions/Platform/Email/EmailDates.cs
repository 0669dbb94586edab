using System.Globalization;

namespace LocalGovStandard.Platform.Email;

public static class EmailDates
{
    /// <summary>GOV.UK style, in UTC: "3:05pm UTC on 26 November 2026". (The app runs with invariant globalization.)</summary>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        var time = utc.ToString("h:mm", CultureInfo.InvariantCulture) + (utc.Hour < 12 ? "am" : "pm");
        return $"{time} UTC on {utc.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";
    }
}
