using LocalGovStandard.PeerAssessments.Reporting;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Progress;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Dashboard;

/// <summary>Everything one dashboard view shows, worked out from monthly snapshots.</summary>
public sealed record DashboardView(
    DashboardFilter Filter,
    string Scope,
    bool Organiser,
    DateTimeOffset? RefreshedAt,
    int Councils,
    IReadOnlyList<Headline> Headlines,
    IReadOnlyList<MonthSignups> SignupsOverTime,
    IReadOnlyList<PointFigure> Points,
    IReadOnlyList<GroupFigures> PeerGroups,
    IReadOnlyList<SnapshotCouncil> Adopters,
    IReadOnlyList<SnapshotCouncil> CouncilDetail)
{
    public bool HasFigures => RefreshedAt is not null;

    /// <summary>The councils in scope with their status, for the map and its table (named only where the view may name them).</summary>
    public CouncilMap Map { get; init; } = CouncilMap.Empty;

    /// <summary>Peer assessments of the scope's councils (<see cref="DashboardPeerAssessments"/>); null until read.</summary>
    public PeerAssessmentFigures? PeerAssessments { get; init; }

    /// <summary>The month the changes are measured from (the headlines' Previous, the charts' markers, the tables' change columns).</summary>
    public ReportMonth Baseline => Filter.Baseline;
}

public sealed record MonthSignups(ReportMonth Month, int SignedUp, int Councils);

public sealed record PointFigure(Standard Standard, StandardPoint Point, int Rated, int Passing)
{
    public double? Rate => Rated == 0 ? null : (double)Passing / Rated;

    public string Label => $"{StandardLabels.Abbreviated(Standard)} {Point.Number}. {Point.Title}";

    public string ShortLabel => $"{StandardLabels.Abbreviated(Standard)} P{Point.Number}";

    /// <summary>The ratings at the end of the baseline month (<see cref="DashboardFilter.Baseline"/>).</summary>
    public int RatedBefore { get; init; }

    public int PassingBefore { get; init; }

    public double? RateBefore => RatedBefore == 0 ? null : (double)PassingBefore / RatedBefore;
}

/// <param name="PointRates">Per <see cref="DashboardView.Points"/> entry, in the same order: the group's met-or-green rate, or null when nothing was rated.</param>
public sealed record GroupFigures(PeerGroup Group, SnapshotTotals Totals, IReadOnlyList<double?> PointRates)
{
    /// <summary>The group's totals at the end of the baseline month (<see cref="DashboardFilter.Baseline"/>).</summary>
    public SnapshotTotals? Before { get; init; }

    public IReadOnlyList<double?> PointRatesBefore { get; init; } = [];
}

/// <summary>The sum of some regions' snapshot rows for one month.</summary>
public sealed record SnapshotTotals(
    int Councils, int SignedUp, int WithVerifiedContact, int Assessed, int SubmittedInMonth, int SubmittedToDate,
    int PointsRated, int PointsPassing, int ActionsOpen, int ActionsOverdue,
    IReadOnlyDictionary<(string Standard, int Point), (int Rated, int Passing)> Points)
{
    public double SignedUpShare => Share(SignedUp, Councils);

    public double AssessedShare => Share(Assessed, Councils);

    public double PassShare => Share(PointsPassing, PointsRated);

    /// <summary>The counts the headline catalogue works its figures out from.</summary>
    public ProgressTotals Counts => new(
        Councils, SignedUp, WithVerifiedContact, Assessed, SubmittedInMonth, SubmittedToDate, PointsRated, PointsPassing, ActionsOpen, ActionsOverdue);

    public static SnapshotTotals Sum(IEnumerable<MonthlySnapshotEntity> rows)
    {
        var list = rows.ToList();
        var points = new Dictionary<(string, int), (int Rated, int Passing)>();
        foreach (var point in list.SelectMany(r => r.Points))
        {
            var (rated, passing) = points.GetValueOrDefault((point.Standard, point.Point));
            points[(point.Standard, point.Point)] = (rated + point.Rated, passing + point.Passing);
        }

        return new SnapshotTotals(
            list.Sum(r => r.Councils), list.Sum(r => r.SignedUp), list.Sum(r => r.WithVerifiedContact), list.Sum(r => r.Assessed),
            list.Sum(r => r.SubmittedInMonth), list.Sum(r => r.SubmittedToDate), list.Sum(r => r.PointsRated), list.Sum(r => r.PointsPassing),
            list.Sum(r => r.ActionsOpen), list.Sum(r => r.ActionsOverdue), points);
    }

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}

public static class DashboardScope
{
    /// <summary>The snapshot rows (their <see cref="MonthlySnapshotEntity.Region"/>) the filter's figures are the sum of.</summary>
    public static IReadOnlySet<string> SnapshotKeysOf(DashboardFilter filter, IReadOnlyList<PeerGroup> groups) =>
        filter.Region is not null ? new HashSet<string>([filter.Region], StringComparer.Ordinal)
        : filter.PeerGroup is not null ? SnapshotKeysOf(groups.First(g => g.Slug == filter.PeerGroup))
        : Regions.All.Select(r => r.Slug).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// A region group is the sum of its regions' rows (so rows written before council lists existed still serve it); a
    /// council-list group has rows of its own, measured from the activity <see cref="PeerGroup.Contains"/> picks.
    /// </summary>
    public static IReadOnlySet<string> SnapshotKeysOf(PeerGroup group) =>
        group.Kind == PeerGroup.CouncilsKind
            ? new HashSet<string>([MonthlySnapshotEntity.GroupKey(group.Slug)], StringComparer.Ordinal)
            : group.Regions.Select(r => r.Slug).ToHashSet(StringComparer.Ordinal);
}
