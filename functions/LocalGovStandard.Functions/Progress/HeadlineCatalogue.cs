namespace LocalGovStandard.Progress;

public enum FigureKind
{
    Count,
    Share,
}

/// <summary>
/// The counts every headline is worked out from, as at the end of a month. The monthly snapshots store
/// them and the feed's MonthlySnapshots set publishes them, in columns of the same names.
/// </summary>
public enum ProgressCount
{
    Councils,
    SignedUp,
    WithVerifiedContact,
    Assessed,
    SubmittedInMonth,
    SubmittedToDate,
    PointsRated,
    PointsPassing,
    ActionsOpen,
    ActionsOverdue,
}

/// <summary>One scope's counts at the end of one month (see <see cref="ProgressCount"/>).</summary>
public sealed record ProgressTotals(
    int Councils, int SignedUp, int WithVerifiedContact, int Assessed, int SubmittedInMonth, int SubmittedToDate,
    int PointsRated, int PointsPassing, int ActionsOpen, int ActionsOverdue)
{
    public int this[ProgressCount count] => count switch
    {
        ProgressCount.Councils => Councils,
        ProgressCount.SignedUp => SignedUp,
        ProgressCount.WithVerifiedContact => WithVerifiedContact,
        ProgressCount.Assessed => Assessed,
        ProgressCount.SubmittedInMonth => SubmittedInMonth,
        ProgressCount.SubmittedToDate => SubmittedToDate,
        ProgressCount.PointsRated => PointsRated,
        ProgressCount.PointsPassing => PointsPassing,
        ProgressCount.ActionsOpen => ActionsOpen,
        ProgressCount.ActionsOverdue => ActionsOverdue,
        _ => throw new ArgumentOutOfRangeException(nameof(count), count, null),
    };
}

/// <param name="Previous">The same figure for the month before.</param>
/// <param name="Absent">What to say instead of <paramref name="Value"/> when there was nothing to measure (a share of no ratings is not 0%).</param>
/// <param name="PreviousAbsent">The same for <paramref name="Previous"/>.</param>
public sealed record Headline(string Key, string Label, FigureKind Kind, double Value, double Previous, string? Absent = null, string? PreviousAbsent = null)
{
    public double Change => Value - Previous;
}

/// <summary>How one headline is worked out: a count, or one count as a share of another.</summary>
/// <param name="Definition">The definition written out for readers (the workbook's About sheet, the feed).</param>
/// <param name="Denominator">For a share, the count it is a share of.</param>
/// <param name="Absent">For a share, what to say while the denominator is 0; without it the share is then 0.</param>
public sealed record HeadlineDefinition(
    string Id, string Label, FigureKind Kind, string Definition, ProgressCount Numerator, ProgressCount? Denominator = null, string? Absent = null)
{
    /// <summary>The figure, or null when it is a share with nothing to measure and says <see cref="Absent"/> instead.</summary>
    public double? ValueOf(ProgressTotals totals)
    {
        var part = totals[Numerator];
        if (Denominator is not { } denominator)
        {
            return part;
        }

        var whole = totals[denominator];
        return whole != 0 ? (double)part / whole : Absent is null ? 0 : null;
    }

    public Headline Of(ProgressTotals now, ProgressTotals before)
    {
        var (value, previous) = (ValueOf(now), ValueOf(before));
        return new Headline(Id, Label, Kind, value ?? 0, previous ?? 0, value is null ? Absent : null, previous is null ? Absent : null);
    }
}

/// <summary>
/// The one place headline figures are defined. The monthly workbook, the web dashboard and the feed's
/// Headlines set all take theirs from here; each surface shows the entries in its list.
/// </summary>
public static class HeadlineCatalogue
{
    /// <summary>Shown instead of a share of points when none had been rated.</summary>
    public const string NoRatings = "no ratings";

    public static readonly HeadlineDefinition Councils = new(
        "councils", "Councils in the group", FigureKind.Count,
        "Current councils (in the council register, with no end date) in the peer group's regions.",
        ProgressCount.Councils);

    public static readonly HeadlineDefinition SignedUp = new(
        "signed-up", "Councils signed up", FigureKind.Count,
        "Councils whose first contact had verified their email address by the end of the month.",
        ProgressCount.SignedUp);

    public static readonly HeadlineDefinition VerifiedContact = new(
        "verified-contact", "Councils with a verified contact", FigureKind.Count,
        "Councils with at least one contact who had verified their email address by the end of the month.",
        ProgressCount.WithVerifiedContact);

    public static readonly HeadlineDefinition Assessed = new(
        "assessed", "Councils with at least one submitted assessment", FigureKind.Count,
        "Councils with at least one assessment submitted by the end of the month.",
        ProgressCount.Assessed);

    public static readonly HeadlineDefinition AssessedShare = new(
        "assessed-share", "Share of councils with at least one submitted assessment", FigureKind.Share,
        "Councils with at least one assessment submitted by the end of the month, divided by the councils in the group.",
        ProgressCount.Assessed, ProgressCount.Councils);

    public static readonly HeadlineDefinition SubmittedInMonth = new(
        "submitted-month", "Assessments submitted this month", FigureKind.Count,
        "Assessments submitted during the month (UTC), including reassessments.",
        ProgressCount.SubmittedInMonth);

    public static readonly HeadlineDefinition SubmittedToDate = new(
        "submitted-to-date", "Assessments submitted to date", FigureKind.Count,
        "Assessments submitted up to the end of the month, including reassessments.",
        ProgressCount.SubmittedToDate);

    public static readonly HeadlineDefinition PointsPassing = new(
        "points-passing", "Share of points met or green", FigureKind.Share,
        "Across current assessments, point ratings that were met (LGDSS) or green (Service Standard), divided by all point ratings. An assessment stops being current when a reassessment of it is submitted. \"No ratings\" when no point had been rated, and then no change is given.",
        ProgressCount.PointsPassing, ProgressCount.PointsRated, NoRatings);

    public static readonly HeadlineDefinition ActionsOpen = new(
        "actions-open", "Actions open", FigureKind.Count,
        "Actions raised for failing points that, at the end of the month, were not marked done and not closed by a passing reassessment.",
        ProgressCount.ActionsOpen);

    public static readonly HeadlineDefinition ActionsOverdue = new(
        "actions-overdue", "Actions overdue", FigureKind.Count,
        "Open actions whose due date had passed by the end of the month.",
        ProgressCount.ActionsOverdue);

    /// <summary>Every headline, in the order the feed lists them.</summary>
    public static readonly IReadOnlyList<HeadlineDefinition> All =
        [Councils, SignedUp, VerifiedContact, Assessed, AssessedShare, SubmittedInMonth, SubmittedToDate, PointsPassing, ActionsOpen, ActionsOverdue];

    /// <summary>The monthly workbook's Dashboard sheet, and its email.</summary>
    public static readonly IReadOnlyList<HeadlineDefinition> Workbook =
        [Councils, SignedUp, VerifiedContact, AssessedShare, SubmittedInMonth, SubmittedToDate, PointsPassing, ActionsOpen, ActionsOverdue];

    /// <summary>The web dashboard's headline figures.</summary>
    public static readonly IReadOnlyList<HeadlineDefinition> Dashboard =
        [SignedUp, VerifiedContact, Assessed, PointsPassing, ActionsOpen, ActionsOverdue];

    public static HeadlineDefinition Find(string id) => All.Single(h => h.Id == id);

    public static IReadOnlyList<Headline> Measure(IEnumerable<HeadlineDefinition> definitions, ProgressTotals now, ProgressTotals before) =>
        definitions.Select(d => d.Of(now, before)).ToList();
}
