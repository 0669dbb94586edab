using System.Globalization;

namespace LocalGovStandard.Tests.Organiser;

/// <summary>The console's summit form fields for a date and time: day, month, year and a 24-hour UK time.</summary>
public static class SummitForm
{
    public static void When(IDictionary<string, string> answers, string field, string day, string month, string year, string time)
    {
        answers[$"{field}-day"] = day;
        answers[$"{field}-month"] = month;
        answers[$"{field}-year"] = year;
        answers[$"{field}-time"] = time;
    }

    public static void When(IDictionary<string, string> answers, string field, DateTimeOffset date, string time) =>
        When(answers, field, Part(date.Day), Part(date.Month), Part(date.Year), time);

    private static string Part(int value) => value.ToString(CultureInfo.InvariantCulture);
}
