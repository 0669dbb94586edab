using System.Globalization;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Pages;

namespace LocalGovStandard.PeerAssessments.Assessors.Pages;

/// <summary>
/// The offer-to-assess form as posted: the boxes ticked, the dates kept (unticking one removes it), a date to add
/// (a GOV.UK date input) and the number a quarter as typed. One Save button does all of it, so Enter never removes a date.
/// </summary>
public sealed record AssessorProfileForm(
    IReadOnlyList<string> Roles, IReadOnlyList<string> Standards, IReadOnlyList<string> Unavailable, DateParts NewDate, string PerQuarter)
{
    public const string NewDateField = "newDate";
    public const string NewDateLabel = "The date you cannot do";
    private static readonly string[] FieldOrder = ["roles", "standards", "perQuarter", "unavailable"];

    public static AssessorProfileForm Blank { get; } =
        new([], [], [], new DateParts(null, null, null), AssessorProfileValidator.DefaultPerQuarter.ToString(CultureInfo.InvariantCulture));

    public static AssessorProfileForm From(AssessorEntity entity, DateOnly today) => new(
        entity.RoleIds, entity.StandardIds,
        entity.UnavailableDates.Where(d => d >= today).Select(Iso).ToList(),
        new DateParts(null, null, null), entity.PerQuarter.ToString(CultureInfo.InvariantCulture));

    public static AssessorProfileForm Read(IFormCollection form) => new(
        form["roles"].OfType<string>().ToList(), form["standards"].OfType<string>().ToList(), form["unavailable"].OfType<string>().ToList(),
        DateParts.FromForm(form, NewDateField), form["perQuarter"].ToString().Trim());

    /// <summary>The offer, or the errors in the page's order (a date to add that is wrong is named on its first part).</summary>
    public (AssessorProfile? Profile, FormErrors Errors, AssessorProfileForm Shown) Check(AssessorProfileValidator validator, DateOnly today)
    {
        var unavailable = Unavailable.ToList();
        string? newDateProblem = null;
        if (NewDate.Problem(NewDateLabel) is { } problem)
        {
            newDateProblem = problem;
        }
        else if (NewDate.Iso is { } added)
        {
            if (string.CompareOrdinal(added, Iso(today)) < 0)
            {
                newDateProblem = $"{NewDateLabel} must be today or in the future";
            }
            else
            {
                unavailable.Add(added);
            }
        }

        int? perQuarter = int.TryParse(PerQuarter, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
        var (profile, fieldErrors) = validator.Validate(new AssessorProfileRequest(Roles, Standards, unavailable, perQuarter ?? 0));
        var errors = FormErrors.From(fieldErrors.ToDictionary(), FieldOrder);
        if (newDateProblem is not null)
        {
            errors.Add($"{NewDateField}-{NewDate.FirstProblemPart}", newDateProblem);
        }

        var shown = this with { Unavailable = profile?.Unavailable.Select(Iso).ToList() ?? unavailable.Distinct().Order(StringComparer.Ordinal).ToList() };
        return errors.Any ? (null, errors, shown) : (profile, errors, shown);
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"12 March 2027".</summary>
    public static string Spoken(string isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
            : isoDate;
}
