using System.Globalization;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Dashboard;

/// <summary>
/// The dashboard's charts by name: each one's data as a table (its CSV download and the table the page shows
/// beside it) and its main fact in words (the figure's caption). Changes are measured from <see cref="DashboardFilter.Baseline"/>.
/// </summary>
public static class DashboardCharts
{
    public const string Signups = "signups";
    public const string Points = "points";
    public const string PeerGroups = "peer-groups";
    public const string HeatMap = "heat-map";

    public static readonly IReadOnlyList<string> Names = [Signups, Points, PeerGroups, HeatMap];

    /// <summary>The chart's data, or null for a name that is not a chart.</summary>
    public static ExportTable? Table(string name, DashboardView view) => name switch
    {
        Signups => SignupsTable(view),
        Points => PointsTable(view),
        PeerGroups => PeerGroupsTable(view),
        HeatMap => HeatMapTable(view),
        _ => null,
    };

    /// <summary>Where the chart's CSV is, for the page at <paramref name="action"/> with the same filter.</summary>
    public static string CsvPath(string action, string name, DashboardFilter filter) => $"{action}/charts/{name}.csv{filter.ToQueryString()}";

    public static string ChangeColumn(DashboardView view) => $"Change since {view.Baseline.DisplayName}";

    /// <summary>The headline "signed-up" figure at the baseline month (the line chart's comparison line).</summary>
    public static int SignedUpAtBaseline(DashboardView view) =>
        (int)(view.Headlines.FirstOrDefault(h => h.Key == "signed-up")?.Previous ?? 0);

    public static string SignupsCaption(DashboardView view)
    {
        var now = view.SignupsOverTime.Count == 0 ? 0 : view.SignupsOverTime[^1].SignedUp;
        var change = now - SignedUpAtBaseline(view);
        var compared = change switch
        {
            0 => $"the same as at the end of {view.Baseline.DisplayName}",
            > 0 => $"{Count(change)} more than at the end of {view.Baseline.DisplayName}",
            _ => $"{Count(-change)} fewer than at the end of {view.Baseline.DisplayName}",
        };
        return $"{Count(now)} of {Count(view.Councils)} councils had signed up by the end of {view.Filter.To.DisplayName}, {compared}. The line is drawn against the largest monthly figure shown.";
    }

    public static string PointsCaption(DashboardView view)
    {
        var rated = view.Points.Where(p => p.Rate is not null).ToList();
        if (rated.Count == 0)
        {
            return $"No points had been rated by the end of {view.Filter.To.DisplayName}.";
        }

        var best = rated.MaxBy(p => p.Rate)!;
        var worst = rated.MinBy(p => p.Rate)!;
        var passing = rated.Sum(p => p.Passing);
        var ratings = rated.Sum(p => p.Rated);
        return $"{Count(passing)} of {Count(ratings)} ratings were met or green at the end of {view.Filter.To.DisplayName}. "
            + $"Highest: {best.Label} ({DashboardFormat.Percent(best.Rate)}). Lowest: {worst.Label} ({DashboardFormat.Percent(worst.Rate)}).";
    }

    public static string PeerGroupsCaption(DashboardView view)
    {
        var signedUp = view.PeerGroups.Sum(g => g.Totals.SignedUp);
        var councils = view.PeerGroups.Sum(g => g.Totals.Councils);
        var most = view.PeerGroups.MaxBy(g => g.Totals.SignedUp);
        var lead = most is null || most.Totals.SignedUp == 0
            ? "No peer group has a council signed up yet."
            : $"{most.Group.Name} has the most ({Count(most.Totals.SignedUp)} of {Count(most.Totals.Councils)}).";
        return $"{Count(signedUp)} of {Count(councils)} councils in the peer groups had signed up by the end of {view.Filter.To.DisplayName}. {lead} Bars are drawn against the largest count shown, {Count(MaxSignedUp(view))}.";
    }

    public static string HeatMapCaption(DashboardView view)
    {
        var cells = view.PeerGroups
            .SelectMany(g => g.PointRates.Select((rate, i) => (Group: g.Group.Name, Point: view.Points[i], Rate: rate)))
            .Where(c => c.Rate is not null)
            .ToList();
        if (cells.Count == 0)
        {
            return $"No peer group had rated a point by the end of {view.Filter.To.DisplayName}.";
        }

        var low = cells.MinBy(c => c.Rate)!;
        return $"{cells.Count} of {view.PeerGroups.Count * view.Points.Count} cells have ratings. Lowest share met or green: {low.Group}, {low.Point.Label} ({DashboardFormat.Percent(low.Rate)}).";
    }

    public static int MaxSignedUp(DashboardView view) =>
        Math.Max(1, view.PeerGroups.Select(g => Math.Max(g.Totals.SignedUp, g.Before?.SignedUp ?? 0)).DefaultIfEmpty(0).Max());

    private static ExportTable SignupsTable(DashboardView view)
    {
        var baseline = SignedUpAtBaseline(view);
        return new(Signups, ["Month", "Councils signed up", "Councils", ChangeColumn(view)],
            view.SignupsOverTime.Select(m => new object?[] { m.Month, m.SignedUp, m.Councils, m.SignedUp - baseline }).ToList());
    }

    private static ExportTable PointsTable(DashboardView view) =>
        new(Points, ["Standard", "Point", "Title", "Ratings", "Met or green", "Share", $"Share at the end of {view.Baseline.DisplayName}", ChangeColumn(view)],
            view.Points.Select(p => new object?[] { p.Standard.Id, p.Point.Number, p.Point.Title, p.Rated, p.Passing, Percentage.Of(p.Rate), Percentage.Of(p.RateBefore), Percentage.Of(p.Rate - p.RateBefore) }).ToList());

    private static ExportTable PeerGroupsTable(DashboardView view) =>
        new(PeerGroups, ["Peer group", "Councils", "Signed up", $"Signed up at the end of {view.Baseline.DisplayName}", ChangeColumn(view)],
            view.PeerGroups.Select(g => new object?[] { g.Group.Name, g.Totals.Councils, g.Totals.SignedUp, g.Before?.SignedUp, g.Totals.SignedUp - (g.Before?.SignedUp ?? 0) }).ToList());

    private static ExportTable HeatMapTable(DashboardView view) =>
        new(HeatMap, ["Peer group", "Standard", "Point", "Share", $"Share at the end of {view.Baseline.DisplayName}", ChangeColumn(view)],
            view.PeerGroups.SelectMany(g => view.Points.Select((p, i) =>
            {
                var now = g.PointRates[i];
                var before = i < g.PointRatesBefore.Count ? g.PointRatesBefore[i] : null;
                return new object?[] { g.Group.Name, p.Standard.Id, p.Point.Number, Percentage.Of(now), Percentage.Of(before), Percentage.Of(now - before) };
            })).ToList());

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
