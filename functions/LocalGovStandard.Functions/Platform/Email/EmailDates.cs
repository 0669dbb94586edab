using System.Globalization;

namespace LocalGovStandard.Platform.Email;

public static class EmailDates
{
    /// <summary>GOV.UK style, in UK time: "3:05pm UK time on 26 November 2026". (The app runs with invariant globalization.)</summary>
    public static string Format(DateTimeOffset value)
    {
        var uk = UkTime.ToUk(value);
        var time = uk.ToString("h:mm", CultureInfo.InvariantCulture) + (uk.Hour < 12 ? "am" : "pm");
        return $"{time} UK time on {uk.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";
    }
}
