using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Progress;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;
using Microsoft.AspNetCore.WebUtilities;

namespace LocalGovStandard.Dashboard;

/// <summary>What the dashboard shows, read from the query string so every view can be bookmarked and shared.</summary>
/// <param name="PeerGroup">A peer group's slug, or null for every council.</param>
/// <param name="Region">A region's slug, or null for every region (of the peer group, if one is chosen).</param>
/// <param name="Standard">A standard's id, or null for every standard.</param>
/// <remarks><see cref="Compare"/> is a month to compare <see cref="To"/> with; without it, the month before <see cref="To"/>.</remarks>
public sealed record DashboardFilter(string? PeerGroup, string? Region, string? Standard, ReportMonth From, ReportMonth To)
{
    /// <summary>The month every change is measured from: the chosen comparison month, or the month before <see cref="To"/>.</summary>
    public ReportMonth Baseline => Compare ?? To.Previous;

    public ReportMonth? Compare { get; init; }

    public static DashboardFilter Default(DateTimeOffset now)
    {
        var to = ReportMonth.Of(now);
        return new DashboardFilter(null, null, null, to.AddMonths(-11), to);
    }

    public static (DashboardFilter Filter, FormErrors Errors) Parse(
        IQueryCollection query, IReadOnlyList<PeerGroup> groups, StandardCatalogue catalogue, DateTimeOffset now)
    {
        var errors = new FormErrors();
        var defaults = Default(now);
        var window = SnapshotRefresher.Window(now);

        var group = Optional(query, "peerGroup");
        if (group is not null && groups.All(g => g.Slug != group))
        {
            errors.Add("peerGroup", "Choose a peer group from the list");
        }

        var region = Optional(query, "region");
        if (region is not null && Regions.All.All(r => r.Slug != region))
        {
            errors.Add("region", "Choose a region from the list");
        }
        else if (region is not null && group is not null && groups.FirstOrDefault(g => g.Slug == group) is { } chosen && chosen.Regions.All(r => r.Slug != region))
        {
            errors.Add("region", chosen.Kind == PeerGroups.PeerGroup.CouncilsKind
                ? $"The {chosen.Name} peer group is a list of councils, not regions. Choose no region"
                : $"Choose a region in the {chosen.Name} peer group, or no region");
        }

        var standard = Optional(query, "standard");
        if (standard is not null && catalogue.Find(standard) is null)
        {
            errors.Add("standard", "Choose a standard from the list");
        }

        var from = Month(query, "from", "From", defaults.From, window, errors);
        var to = Month(query, "to", "To", defaults.To, window, errors);
        if (from.Start > to.Start && errors.For("from") is null && errors.For("to") is null)
        {
            errors.Add("from", "The first month must be the same as or before the last month");
        }

        var compare = Optional(query, "compare") is null ? (ReportMonth?)null : Month(query, "compare", "Comparison", to.Previous, window, errors);
        if (compare is { } earlier && earlier.Start >= to.Start && errors.For("compare") is null && errors.For("to") is null)
        {
            errors.Add("compare", "The comparison month must be before the To month");
        }

        return (new DashboardFilter(group, region, standard, from, to) { Compare = compare }, errors);
    }

    /// <summary>The filter as a query string ("?peerGroup=london&amp;from=2026-01..."), for links and exports.</summary>
    public string ToQueryString()
    {
        var values = new Dictionary<string, string?>
        {
            ["peerGroup"] = PeerGroup,
            ["region"] = Region,
            ["standard"] = Standard,
            ["from"] = From.ToString(),
            ["to"] = To.ToString(),
            ["compare"] = Compare?.ToString(),
        };
        return QueryHelpers.AddQueryString("", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    private static string? Optional(IQueryCollection query, string name) =>
        query[name].FirstOrDefault() is { Length: > 0 } value ? value.Trim() : null;

    private static ReportMonth Month(IQueryCollection query, string name, string label, ReportMonth fallback, IReadOnlyList<ReportMonth> window, FormErrors errors)
    {
        var text = Optional(query, name);
        if (text is null)
        {
            return fallback;
        }

        if (!ReportMonth.TryParse(text, out var month))
        {
            errors.Add(name, $"{label} month must be a month in the form 2026-01");
            return fallback;
        }

        if (!window.Contains(month))
        {
            errors.Add(name, $"{label} month must be between {window[0].DisplayName} and {window[^1].DisplayName}");
            return fallback;
        }

        return month;
    }
}
