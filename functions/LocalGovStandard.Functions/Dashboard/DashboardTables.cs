using LocalGovStandard.Progress;

namespace LocalGovStandard.Dashboard;

/// <summary>One table of an exported view. A cell is a string, a number (double or int), a <see cref="Percentage"/>, a date, a <see cref="Progress.ReportMonth"/>, or null.</summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>A fraction (0.5 is half) that a workbook shows as a percentage; the CSV keeps the fraction.</summary>
public readonly record struct Percentage(double Value)
{
    public static Percentage? Of(double? value) => value is { } v ? new Percentage(v) : null;
}

/// <summary>The tables behind one dashboard view, the same as the page shows: what the CSV and xlsx exports hold.</summary>
public static class DashboardTables
{
    public static IReadOnlyList<ExportTable> Of(DashboardView view)
    {
        var tables = new List<ExportTable>
        {
            new("Filters", ["Filter", "Value"],
            [
                ["Scope", view.Scope],
                ["Standard", view.Filter.Standard ?? "All standards"],
                ["From", view.Filter.From],
                ["To", view.Filter.To],
                ["Compared with", view.Baseline],
                ["Worked out at", view.RefreshedAt],
            ]),
            new("Headlines", ["Figure", "Key", "Value", "Previous month", "Change"],
                view.Headlines.Select(h => h.Kind == FigureKind.Share
                    ? new object?[] { h.Label, h.Key, new Percentage(h.Value), new Percentage(h.Previous), new Percentage(h.Change) }
                    : new object?[] { h.Label, h.Key, h.Value, h.Previous, h.Change }).Prepend(["All councils", "councils", (double)view.Councils, (double)view.Councils, 0d]).ToList()),
            new("SignUps", ["Month", "Councils signed up", "Councils"],
                view.SignupsOverTime.Select(m => new object?[] { m.Month, m.SignedUp, m.Councils }).ToList()),
            new("Points", ["Standard", "Point", "Title", "Ratings", "Met or green", "Share"],
                view.Points.Select(p => new object?[] { p.Standard.Id, p.Point.Number, p.Point.Title, p.Rated, p.Passing, Percentage.Of(p.Rate) }).ToList()),
            new("PeerGroups", ["Peer group", "Councils", "Signed up", "With a verified contact", "With a submitted assessment", "Points rated", "Points met or green", "Actions open", "Actions overdue"],
                view.PeerGroups.Select(g => new object?[] { g.Group.Name, g.Totals.Councils, g.Totals.SignedUp, g.Totals.WithVerifiedContact, g.Totals.Assessed, g.Totals.PointsRated, g.Totals.PointsPassing, g.Totals.ActionsOpen, g.Totals.ActionsOverdue }).ToList()),
            new("HeatMap", ["Peer group", .. view.Points.Select(p => p.ShortLabel)],
                view.PeerGroups.Select(g => new object?[] { g.Group.Name }.Concat(g.PointRates.Select(r => (object?)Percentage.Of(r))).ToArray()).ToList()),
            new("Adopters", ["Council", "GSS code"], view.Adopters.Select(c => new object?[] { c.Name, c.GssCode }).ToList()),
        };
        if (view.Organiser)
        {
            tables.Add(new("Councils", ["Council", "GSS code", "Signed up at", "Verified contacts", "Assessments submitted", "Listed publicly"],
                view.CouncilDetail.Select(c => new object?[] { c.Name, c.GssCode, c.SignedUpAt, c.VerifiedContacts, c.AssessmentsSubmitted, c.Listed ? "Yes" : "No" }).ToList()));
        }

        return tables;
    }
}
