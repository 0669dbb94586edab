using System.Globalization;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Assessors;

/// <summary>What a contact sends to offer to assess (<c>PUT /api/assessor-profile</c>); the page's form makes the same.</summary>
/// <param name="Roles">Role ids from the standards' assessorRoles.</param>
/// <param name="Standards">Standard ids.</param>
/// <param name="Unavailable">Dates they cannot do, as yyyy-MM-dd; dates already past are dropped.</param>
/// <param name="PerQuarter">How many assessments a quarter they can give, 1 to 12; 2 when left out.</param>
public sealed record AssessorProfileRequest(IReadOnlyList<string>? Roles, IReadOnlyList<string>? Standards, IReadOnlyList<string>? Unavailable, int? PerQuarter);

/// <summary>An offer that passed validation: known roles and standards in the catalogue's order, future dates in order.</summary>
public sealed record AssessorProfile(IReadOnlyList<string> Roles, IReadOnlyList<string> Standards, IReadOnlyList<DateOnly> Unavailable, int PerQuarter);

public sealed class AssessorProfileValidator(StandardCatalogue catalogue, TimeProvider clock)
{
    public const int DefaultPerQuarter = 2;
    public const int MaxPerQuarter = 12;
    public const int MaxUnavailable = 100;
    public const string PerQuarterMessage = "Enter how many assessments a quarter you can give, a whole number from 1 to 12";

    /// <summary>Every role any standard names, lead first, each once.</summary>
    public IReadOnlyList<AssessorRole> Roles { get; } = catalogue.Standards.SelectMany(s => s.AssessorRoles).DistinctBy(r => r.Id).ToList();

    public IReadOnlyList<Standard> Standards => catalogue.Standards;

    public string RoleLabel(string id) => Roles.FirstOrDefault(r => r.Id == id)?.Label ?? id;

    public string StandardName(string id) => catalogue.Find(id) is { } standard ? $"{standard.Name} ({standard.Version})" : id;

    public (AssessorProfile? Profile, FieldErrors Errors) Validate(AssessorProfileRequest request)
    {
        var errors = new FieldErrors();
        var roles = Choose(errors, "roles", request.Roles, Roles.Select(r => r.Id).ToList(), "Select at least one role you can take on a panel", "roles must be role ids");
        var standards = Choose(errors, "standards", request.Standards, Standards.Select(s => s.Id).ToList(), "Select at least one standard you know", "standards must be standard ids");
        var unavailable = Dates(errors, request.Unavailable);
        var perQuarter = request.PerQuarter ?? DefaultPerQuarter;
        if (perQuarter is < 1 or > MaxPerQuarter)
        {
            errors.Add("perQuarter", PerQuarterMessage);
        }

        return errors.IsValid ? (new AssessorProfile(roles, standards, unavailable, perQuarter), errors) : (null, errors);
    }

    private static List<string> Choose(FieldErrors errors, string field, IReadOnlyList<string>? chosen, IReadOnlyList<string> known, string emptyMessage, string unknownMessage)
    {
        if (chosen is null || chosen.Count == 0)
        {
            errors.Add(field, emptyMessage);
            return [];
        }

        if (chosen.Any(c => c is null || !known.Contains(c, StringComparer.Ordinal)))
        {
            errors.Add(field, $"{unknownMessage}: {string.Join(", ", known)}");
            return [];
        }

        return known.Where(k => chosen.Contains(k, StringComparer.Ordinal)).ToList();
    }

    private List<DateOnly> Dates(FieldErrors errors, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return [];
        }

        var dates = new List<DateOnly>();
        foreach (var value in values)
        {
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add("unavailable", "Each date you cannot do must be a real date, written as yyyy-MM-dd");
                return [];
            }

            dates.Add(date);
        }

        var today = UkTime.Today(clock);
        var future = dates.Where(d => d >= today).Distinct().Order().ToList();
        if (future.Count > MaxUnavailable)
        {
            errors.Add("unavailable", $"List {MaxUnavailable} dates you cannot do or fewer");
        }

        return future;
    }
}
