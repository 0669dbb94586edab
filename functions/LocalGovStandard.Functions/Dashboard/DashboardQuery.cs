using LocalGovStandard.PeerGroups;
using LocalGovStandard.Progress;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Dashboard;

/// <summary>
/// Builds a dashboard view from two snapshot queries (a range of month partitions for the figures,
/// one partition for the councils), whatever the size of the activity tables.
/// </summary>
public sealed class DashboardQuery(SnapshotStore snapshots, StandardCatalogue catalogue)
{
    /// <summary>The scope's name when the view is not narrowed to a peer group or region.</summary>
    public const string AllCouncils = "All councils";

    /// <param name="groups">The peer groups the filter was parsed against (the caller has read them already).</param>
    public async Task<DashboardView> LoadAsync(DashboardFilter filter, IReadOnlyList<PeerGroup> groups, bool organiser, CancellationToken cancellationToken)
    {
        var scope = DashboardScope.SnapshotKeysOf(filter, groups);
        var standard = filter.Standard ?? MonthlySnapshotEntity.AllStandards;
        var first = filter.From.Start < filter.Baseline.Start ? filter.From : filter.Baseline;
        var figuresTask = snapshots.FiguresAsync(first, filter.To, standard, cancellationToken);
        var councilsTask = snapshots.WithCouncilsAsync(filter.To, standard, cancellationToken);
        var rows = await figuresTask;
        var councilRows = await councilsTask;

        var byMonth = rows.ToLookup(r => r.PartitionKey, StringComparer.Ordinal);
        SnapshotTotals Totals(ReportMonth month, IReadOnlySet<string> regions) =>
            SnapshotTotals.Sum(byMonth[month.ToString()].Where(r => regions.Contains(r.Region)));

        var now = Totals(filter.To, scope);
        var before = Totals(filter.Baseline, scope);
        var points = Points(filter.Standard, now, before);
        var councils = councilRows.Where(r => scope.Contains(r.Region)).SelectMany(r => r.CouncilDetail)
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();

        return new DashboardView(
            filter,
            ScopeName(filter, groups),
            organiser,
            rows.Count == 0 ? null : rows.Max(r => r.RefreshedAt),
            now.Councils,
            HeadlineCatalogue.Measure(HeadlineCatalogue.Dashboard, now.Counts, before.Counts),
            MonthsOf(filter).Select(m =>
            {
                var totals = Totals(m, scope);
                return new MonthSignups(m, totals.SignedUp, totals.Councils);
            }).ToList(),
            points,
            groups.Select(g =>
            {
                var regions = DashboardScope.SnapshotKeysOf(g);
                var totals = Totals(filter.To, regions);
                var baseline = Totals(filter.Baseline, regions);
                return new GroupFigures(g, totals, points.Select(p => Rate(totals, p)).ToList())
                {
                    Before = baseline,
                    PointRatesBefore = points.Select(p => Rate(baseline, p)).ToList(),
                };
            }).ToList(),
            councils.Where(c => c.Listed).ToList(),
            organiser ? councils : [])
        {
            Map = CouncilMap.Of(councilRows.Where(r => scope.Contains(r.Region)), organiser, HexMap.LocalAuthorityDistricts, RegionsOfListedCouncils(filter, groups)),
        };
    }

    public static IReadOnlyList<ReportMonth> MonthsOf(DashboardFilter filter)
    {
        var months = new List<ReportMonth>();
        for (var month = filter.From; month.Start <= filter.To.Start; month = month.Next)
        {
            months.Add(month);
        }

        return months;
    }

    private List<PointFigure> Points(string? standardId, SnapshotTotals totals, SnapshotTotals baseline) =>
        catalogue.Standards.Where(s => standardId is null || s.Id == standardId)
            .SelectMany(s => s.Points.Select(p =>
            {
                var (rated, passing) = totals.Points.GetValueOrDefault((s.Id, p.Number));
                var (ratedBefore, passingBefore) = baseline.Points.GetValueOrDefault((s.Id, p.Number));
                return new PointFigure(s, p, rated, passing) { RatedBefore = ratedBefore, PassingBefore = passingBefore };
            }))
            .ToList();

    private static double? Rate(SnapshotTotals totals, PointFigure point)
    {
        var (rated, passing) = totals.Points.GetValueOrDefault((point.Standard.Id, point.Point.Number));
        return rated == 0 ? null : (double)passing / rated;
    }

    private static Dictionary<string, Region>? RegionsOfListedCouncils(DashboardFilter filter, IReadOnlyList<PeerGroup> groups) =>
        filter.Region is null && groups.FirstOrDefault(g => g.Slug == filter.PeerGroup) is { Kind: PeerGroup.CouncilsKind } group
            ? group.Councils.Where(c => Regions.FromSlug(c.Region) is not null).ToDictionary(c => c.GssCode, c => Regions.FromSlug(c.Region)!, StringComparer.Ordinal)
            : null;

    private static string ScopeName(DashboardFilter filter, IReadOnlyList<PeerGroup> groups) =>
        filter.Region is not null ? Regions.FromSlug(filter.Region)!.Name
        : filter.PeerGroup is not null ? groups.First(g => g.Slug == filter.PeerGroup).Name
        : AllCouncils;
}
