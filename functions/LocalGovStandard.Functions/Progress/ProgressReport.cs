using LocalGovStandard.PeerAssessments.Reporting;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Progress;

/// <summary>A scope's figures for one month: what the peer group's workbook shows and its email summarises.</summary>
public sealed record ProgressReport(
    ProgressScope Scope,
    ReportMonth Month,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<Standard> Standards,
    IReadOnlyList<Headline> Headlines,
    IReadOnlyList<PointRate> PointRates,
    IReadOnlyList<CouncilRow> Councils,
    IReadOnlyList<AssessmentRow> Assessments,
    IReadOnlyList<PointColumn> PointColumns,
    IReadOnlyList<PointResultRow> PointResults,
    IReadOnlyList<ActionRow> Actions,
    IReadOnlyList<TrendRow> Trend)
{
    /// <summary>The councils' support needs at the month's end, a row per council and point; empty unless read (<see cref="SupportNeedsProgress"/>).</summary>
    public IReadOnlyList<SupportNeedRow> SupportNeeds { get; init; } = [];

    /// <summary>The group's peer assessments at the month's end; null unless read (<see cref="PeerAssessmentProgress"/>).</summary>
    public PeerAssessmentFigures? PeerAssessments { get; init; }
    /// <summary>Who came to the group's meet-ups, a row per meet-up and council; empty unless read (<see cref="AttendanceProgress"/>).</summary>
    public IReadOnlyList<AttendanceRow> Attendance { get; init; } = [];
}

/// <summary>One point of one standard across the group's current assessments.</summary>
public sealed record PointRate(Standard Standard, StandardPoint Point, int Ratings, int Passing)
{
    public double? Rate => Ratings == 0 ? null : (double)Passing / Ratings;

    public string Label => $"{StandardLabels.Abbreviated(Standard)} {Point.Number}. {Point.Title}";
}

/// <param name="ListedContacts">Verified contacts who agreed that the council may be listed publicly as adopting the Standard.</param>
public sealed record CouncilRow(Council Council, DateTimeOffset? SignedUpAt, int VerifiedContacts, int AssessmentsSubmitted, IReadOnlyList<ContactFact> ConsentingContacts, int ListedContacts = 0);

public sealed record AssessmentRow(SubmittedAssessmentFact Assessment, Standard? Standard, int PointsPassing, int PointsRated, bool InMonth, bool Current);

/// <summary>A column of the PointResults heat map: one point of one standard.</summary>
public sealed record PointColumn(Standard Standard, StandardPoint Point)
{
    public string Header => $"{StandardLabels.Abbreviated(Standard)} P{Point.Number}";
}

/// <param name="AssessmentsByStandard">Current assessments per standard, in <see cref="ProgressReport.Standards"/> order.</param>
/// <param name="Rates">Per <see cref="ProgressReport.PointColumns"/> column: the share of the council's current assessments against that standard that passed the point; null when none.</param>
public sealed record PointResultRow(Council Council, IReadOnlyList<int> AssessmentsByStandard, IReadOnlyList<double?> Rates);

public sealed record ActionRow(ActionFact Action, string CouncilName, Standard? Standard, bool Overdue, int DaysOverdue);

/// <summary>The state of the group at the end of one month. <see cref="PassShare"/> is null while no point has been rated.</summary>
public sealed record TrendRow(
    ReportMonth Month,
    int SignedUp,
    int WithVerifiedContact,
    double AssessedShare,
    int SubmittedInMonth,
    int SubmittedToDate,
    double? PassShare,
    int ActionsOpen,
    int ActionsOverdue);

/// <summary>The counts behind a month's figures, as at the end of the month (see <see cref="ProgressCalculator.Measure"/>).</summary>
public sealed record MonthCounts(
    ReportMonth Month,
    int CouncilCount,
    int SignedUp,
    int WithVerifiedContact,
    int Assessed,
    int SubmittedInMonth,
    int SubmittedToDate,
    int PointsRated,
    int PointsPassing,
    int ActionsOpen,
    int ActionsOverdue,
    IReadOnlyList<PointRate> PointRates,
    IReadOnlyList<CouncilRow> Councils)
{
    /// <summary>Each council's point ratings and open actions (the dashboard's council view); empty unless measured.</summary>
    public IReadOnlyList<CouncilProgress> CouncilProgress { get; init; } = [];

    public ProgressTotals Totals => new(
        CouncilCount, SignedUp, WithVerifiedContact, Assessed, SubmittedInMonth, SubmittedToDate, PointsRated, PointsPassing, ActionsOpen, ActionsOverdue);
}

public static class StandardLabels
{
    /// <summary>"LGDSS 2016", "SS 2019": the initials of the standard's name and its version.</summary>
    public static string Abbreviated(Standard standard) =>
        string.Concat(standard.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).Select(w => w[0]))
        + " " + standard.Version;
}
