using LocalGovStandard.PeerGroups;
using LocalGovStandard.Register;

namespace LocalGovStandard.Dashboard;

/// <summary>One level of the drill-down breadcrumb; the level being shown has no link.</summary>
public sealed record Crumb(string Text, string? Href);

/// <summary>
/// The drill-down: all councils → peer group → region → one council. Each level is the dashboard with one more
/// filter; the standard and the months chosen travel with every link.
/// </summary>
public static class DrillPath
{
    /// <summary>The peer group a region is drilled into from: the filter's, or the first group that holds the region.</summary>
    public static PeerGroup? GroupOf(string? peerGroup, string? region, IReadOnlyList<PeerGroup> groups) =>
        peerGroup is not null ? groups.FirstOrDefault(g => g.Slug == peerGroup)
        : region is not null ? groups.FirstOrDefault(g => g.Regions.Any(r => r.Slug == region))
        : null;

    public static IReadOnlyList<Crumb> Of(string action, DashboardFilter filter, IReadOnlyList<PeerGroup> groups, string? council = null)
    {
        var group = GroupOf(filter.PeerGroup, filter.Region, groups);
        var region = filter.Region is null ? null : Regions.FromSlug(filter.Region);
        var levels = new List<(string Text, DashboardFilter Filter)> { ("All councils", filter with { PeerGroup = null, Region = null }) };
        if (group is not null)
        {
            levels.Add((group.Name, filter with { PeerGroup = group.Slug, Region = null }));
        }

        if (region is not null)
        {
            levels.Add((RegionText(region, group), filter with { PeerGroup = group?.Slug, Region = region.Slug }));
        }

        var crumbs = levels.Select(l => new Crumb(l.Text, action + l.Filter.ToQueryString())).ToList();
        if (council is not null)
        {
            crumbs.Add(new Crumb(council, null));
        }
        else
        {
            crumbs[^1] = crumbs[^1] with { Href = null };
        }

        return crumbs;
    }

    /// <summary>A council page's path: all councils, its peer group, its region, and the council. The filters start afresh.</summary>
    public static IReadOnlyList<Crumb> OfCouncil(CouncilView view)
    {
        var path = DashboardPages.PublicPath;
        var crumbs = new List<Crumb> { new("All councils", path) };
        var group = view.PeerGroup is null ? "" : $"peerGroup={Uri.EscapeDataString(view.PeerGroup.Slug)}&";
        if (view.PeerGroup is not null)
        {
            crumbs.Add(new(view.PeerGroup.Name, $"{path}?peerGroup={Uri.EscapeDataString(view.PeerGroup.Slug)}"));
        }

        crumbs.Add(new(RegionText(view.Region, view.PeerGroup), $"{path}?{group}region={Uri.EscapeDataString(view.Region.Slug)}"));
        crumbs.Add(new(view.Name, null));
        return crumbs;
    }

    /// <summary>A region named like its peer group (London in London) says which it is, so the path never reads "London › London".</summary>
    private static string RegionText(Region region, PeerGroup? group) =>
        group is not null && string.Equals(group.Name, region.Name, StringComparison.OrdinalIgnoreCase) ? $"{region.Name} region" : region.Name;

    /// <summary>The next level down from the view: its peer groups, a group's regions, or the published councils of a region or a council-list group.</summary>
    public static IReadOnlyList<Crumb> Below(string action, DashboardFilter filter, IReadOnlyList<PeerGroup> groups, CouncilMap map)
    {
        if (CouncilsBelow(filter, groups))
        {
            return map.Named.Where(c => c.Published).Select(c => new Crumb(c.Name!, CouncilPage(c.Code!))).ToList();
        }

        if (GroupOf(filter.PeerGroup, null, groups) is { } group)
        {
            return group.Regions.Select(r => new Crumb(r.Name, action + (filter with { Region = r.Slug }).ToQueryString())).ToList();
        }

        return groups.Select(g => new Crumb(g.Name, action + (filter with { PeerGroup = g.Slug, Region = null }).ToQueryString())).ToList();
    }

    public static bool CouncilsBelow(DashboardFilter filter, IReadOnlyList<PeerGroup> groups) =>
        filter.Region is not null || GroupOf(filter.PeerGroup, null, groups) is { Kind: PeerGroup.CouncilsKind };

    public static string CouncilPage(string code) => $"{DashboardPages.PublicPath}/councils/{Uri.EscapeDataString(code)}";
}
