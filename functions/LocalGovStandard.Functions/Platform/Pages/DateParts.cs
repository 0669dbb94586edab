using System.Globalization;

namespace LocalGovStandard.Platform.Pages;

/// <summary>The day, month and year fields of a GOV.UK date input, and the yyyy-MM-dd date they make.</summary>
public sealed record DateParts(string? Day, string? Month, string? Year)
{
    public static DateParts FromForm(IFormCollection form, string name) =>
        new(form[$"{name}-day"].ToString().Trim(), form[$"{name}-month"].ToString().Trim(), form[$"{name}-year"].ToString().Trim());

    public static DateParts FromIso(string? isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new(date.Day.ToString(CultureInfo.InvariantCulture), date.Month.ToString(CultureInfo.InvariantCulture), date.Year.ToString(CultureInfo.InvariantCulture))
            : new(null, null, null);

    public IReadOnlyList<string> MissingParts =>
        new[] { ("day", Day), ("month", Month), ("year", Year) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();

    /// <summary>The date when the three fields make a real one; otherwise null.</summary>
    public string? Iso =>
        int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
        && int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
        && Year is { Length: 4 } && int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
        && month is >= 1 and <= 12 && year >= 1 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;

    /// <summary>
    /// What is wrong with fields that were filled in, in GOV.UK's words. Null when they make a real
    /// date, or when all are blank (the validator then asks for the date).
    /// </summary>
    public string? Problem(string label) => MissingParts.Count switch
    {
        3 => null,
        0 => Iso is null ? $"{label} must be a real date" : null,
        _ => $"{label} must include a {string.Join(" and ", MissingParts)}",
    };

    /// <summary>The fields to mark as wrong: the missing ones, or all three.</summary>
    public IReadOnlyCollection<string> ProblemParts => MissingParts.Count is > 0 and < 3 ? MissingParts : [];

    public string FirstProblemPart => ProblemParts.FirstOrDefault() ?? "day";
}
