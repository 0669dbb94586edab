using System.Globalization;
using System.Text.RegularExpressions;
using LocalGovStandard.Platform;

namespace LocalGovStandard.Platform.Pages;

/// <summary>
/// A date and time as the console's and the peer-group pages' forms take them: a GOV.UK date input ("{name}-day", "-month", "-year")
/// and a 24-hour time ("{name}-time"), read as a UK clock time. Errors are keyed by the input to fix.
/// </summary>
public sealed partial record UkDateTimeField(string Name, DateParts Date, string Time)
{
    public static UkDateTimeField FromForm(IFormCollection form, string name) =>
        new(name, DateParts.FromForm(form, name), form[$"{name}-time"].ToString().Trim());

    public static IEnumerable<string> InputIds(string name) => [$"{name}-day", $"{name}-month", $"{name}-year", $"{name}-time"];

    public string DateInputId => $"{Name}-{Date.FirstProblemPart}";

    public string TimeInputId => $"{Name}-time";

    public bool IsEmpty => Date.MissingParts.Count == 3 && Time.Length == 0;

    /// <summary>The instant, or null with the reason added to <paramref name="errors"/>; the labels read like "start date" and "start time".</summary>
    public DateTimeOffset? Read(string dateLabel, string timeLabel, FormErrors errors)
    {
        if (Date.MissingParts.Count == 3)
        {
            errors.Add(DateInputId, $"Enter the {dateLabel}");
        }
        else if (Date.Problem(char.ToUpperInvariant(dateLabel[0]) + dateLabel[1..]) is { } problem)
        {
            errors.Add(DateInputId, problem);
        }

        var clock = TimePattern().Match(Time);
        if (Time.Length == 0)
        {
            errors.Add(TimeInputId, $"Enter the {timeLabel}, like 09:30");
        }
        else if (!clock.Success)
        {
            errors.Add(TimeInputId, $"Enter the {timeLabel} as hours and minutes on the 24-hour clock, like 09:30 or 17:00");
        }

        if (Date.Iso is not { } iso || !clock.Success)
        {
            return null;
        }

        var day = DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var time = new TimeOnly(int.Parse(clock.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture));
        if (UkTime.FromUkClock(day.ToDateTime(time)) is { } instant)
        {
            return instant;
        }

        errors.Add(TimeInputId, $"{time.ToString("HH:mm", CultureInfo.InvariantCulture)} does not happen in the UK on {day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}: the clocks go forward from 1am to 2am. Enter a time from 2am");
        return null;
    }

    [GeneratedRegex(@"^(?<h>[01]?[0-9]|2[0-3])[:.](?<m>[0-5][0-9])$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}
