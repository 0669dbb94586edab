using LocalGovStandard.Progress;

namespace LocalGovStandard.Dashboard;

/// <summary>
/// What each bar, row and cell links to: the same view narrowed to what it stands for, as a relative address ("?peerGroup=london&amp;...")
/// that loads the page without JavaScript and that dashboard.mjs fetches in place with it.
/// </summary>
public static class DashboardLinks
{
    public static string ToGroup(DashboardFilter filter, string group) => (filter with { PeerGroup = group, Region = null }).ToQueryString();

    public static string ToStandard(DashboardFilter filter, string standard) => (filter with { Standard = standard }).ToQueryString();

    public static string ToGroupAndStandard(DashboardFilter filter, string group, string standard) =>
        (filter with { PeerGroup = group, Region = null, Standard = standard }).ToQueryString();

    /// <summary>The figures at the end of <paramref name="month"/>; a comparison month that would no longer be earlier is dropped.</summary>
    public static string ToMonth(DashboardFilter filter, ReportMonth month) =>
        (filter with
        {
            To = month,
            From = filter.From.Start <= month.Start ? filter.From : month,
            Compare = filter.Compare is { } compare && compare.Start < month.Start ? compare : null,
        }).ToQueryString();
}
