using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Reporting;

/// <summary>
/// A peer-assessment request as reporting sees it: the council, the service, the dates, the outcome and the councils
/// that sat on its panel. It holds no person: no names, no contact keys.
/// </summary>
/// <param name="Standard">The standard the request names; null if the catalogue no longer has it.</param>
/// <param name="OutcomeLabel">The outcome as the standard words it ("Met", "Amber"); null until the report is published.</param>
/// <param name="Seats">The panel's accepted seats, by council and role: someone invited who never answered, declined or was removed sat on nothing.</param>
public sealed record PeerAssessmentFact(
    string Reference,
    string GssCode,
    string CouncilName,
    string Region,
    string ServiceName,
    string Phase,
    string StandardId,
    Standard? Standard,
    DateTimeOffset RequestedAt,
    DateTimeOffset? PanelConfirmedAt,
    DateOnly? PanelDate,
    DateTimeOffset? ReportPublishedAt,
    string? Outcome,
    string? OutcomeLabel,
    string? ReassessmentOf,
    IReadOnlyList<PanelSeatFact> Seats)
{
    /// <summary>
    /// Held by the end of <paramref name="asOf"/>: its report was published by then, or its panel was confirmed by then
    /// for a day that had begun by then (the assessment day has come, whether or not the report is out yet).
    /// </summary>
    public bool HeldBy(DateTimeOffset asOf) =>
        RequestedAt < asOf && (PublishedBy(asOf) || (PanelConfirmedAt < asOf && PanelDate is { } day && StartOf(day) < asOf));

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public bool PublishedBy(DateTimeOffset asOf) => ReportPublishedAt < asOf;

    /// <summary>The assessment day: the panel's date, or the day the report was published when no date was kept.</summary>
    public DateOnly? HeldOn => PanelDate ?? (ReportPublishedAt is { } published ? DateOnly.FromDateTime(published.UtcDateTime) : null);

    /// <summary>Whole days from the request to the assessment day.</summary>
    public int? DaysToAssessment => HeldOn is { } day ? day.DayNumber - DateOnly.FromDateTime(RequestedAt.UtcDateTime).DayNumber : null;

    /// <summary>Where the request stood at <paramref name="asOf"/>: a <see cref="PeerAssessmentRequestEntity"/> status.</summary>
    public string StatusAt(DateTimeOffset asOf) =>
        PublishedBy(asOf) ? PeerAssessmentRequestEntity.ReportPublished
        : PanelConfirmedAt < asOf ? PeerAssessmentRequestEntity.PanelConfirmed
        : PeerAssessmentRequestEntity.Requested;

    public static string StatusLabel(string status) => status switch
    {
        PeerAssessmentRequestEntity.ReportPublished => "Report published",
        PeerAssessmentRequestEntity.PanelConfirmed => "Panel confirmed",
        _ => "Requested",
    };
}

/// <summary>One seat on a panel: the assessor's council and role, never their name.</summary>
public sealed record PanelSeatFact(string RoleId, string CouncilCode, string CouncilName, string Region);
