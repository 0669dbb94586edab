using System.Globalization;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Assessments.Pages;

/// <summary>How the pages word the stored values: choices with hints, dates, and rating tags.</summary>
public static class AssessmentText
{
    public static readonly IReadOnlyList<Choice> Phases =
    [
        new("discovery", "Discovery", "Finding out what users need and what problem to solve"),
        new("alpha", "Alpha", "Trying out different ways to meet users' needs with prototypes"),
        new("beta", "Beta", "Building the service and testing it with real users"),
        new("live", "Live", "Running the service and improving it"),
    ];

    public static readonly IReadOnlyList<Choice> Types =
    [
        new("self", "Self assessment", "The team that runs the service assesses it"),
        new("peer", "Peer assessment", "A panel of assessors from councils assesses it"),
    ];

    public static readonly IReadOnlyList<Choice> Roles =
    [
        new("lead-assessor", "Lead assessor"),
        new("user-researcher", "User researcher"),
        new("designer", "Designer"),
        new("technical", "Technical"),
    ];

    public static string Phase(string? value) => TextOf(Phases, value);

    public static string Type(string? value) => TextOf(Types, value);

    public static string Role(string? value) => TextOf(Roles, value);

    public static string StandardName(Standard standard) => $"{standard.Name} ({standard.Version})";

    public static IReadOnlyList<Choice> Standards(StandardCatalogue catalogue) =>
        catalogue.Standards.Select(s => new Choice(s.Id, StandardName(s), $"{s.Summary} Points are rated {RatingList(s.Scale.Ratings)}.")).ToList();

    public static string RatingList(IReadOnlyList<Rating> ratings) =>
        ratings.Count == 1 ? ratings[0].Label
            : string.Join(", ", ratings.Take(ratings.Count - 1).Select(r => r.Label)) + " or " + ratings[^1].Label;

    /// <summary>"2 November 2026" from a stored yyyy-MM-dd date.</summary>
    public static string Date(string? isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)
            : isoDate ?? "";

    /// <summary>The UK calendar date of an instant, "2 November 2026".</summary>
    public static string Date(DateTimeOffset value) => UkTime.ToUk(value).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>GOV.UK tag colours: green passes, red is the worst rating, anything between is yellow.</summary>
    public static string TagClass(IReadOnlyList<Rating> scale, Rating rating) =>
        rating.Passes ? "govuk-tag--green" : rating == scale[^1] ? "govuk-tag--red" : "govuk-tag--yellow";

    private static string TextOf(IReadOnlyList<Choice> choices, string? value) =>
        choices.FirstOrDefault(c => c.Value == value)?.Text ?? value ?? "";
}
