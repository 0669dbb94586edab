using LocalGovStandard.Dashboard;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Register;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>The drill-down's breadcrumb words, worked out without storage.</summary>
public sealed class DrillPathTests
{
    private static readonly PeerGroup London = new("london", "London", [Regions.FromSlug("london")!], []);
    private static readonly PeerGroup Midlands = new("midlands", "Midlands", [Regions.FromSlug("west-midlands")!, Regions.FromSlug("east-midlands")!], []);

    [Fact]
    public void ARegionNamedLikeItsPeerGroup_SaysItIsTheRegion()
    {
        var filter = DashboardFilter.Default(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero)) with { PeerGroup = "london", Region = "london" };

        var crumbs = DrillPath.Of("/dashboard", filter, [London, Midlands]);

        Assert.Equal(["All councils", "London", "London region"], crumbs.Select(c => c.Text));
        Assert.Null(crumbs[^1].Href);
    }

    [Fact]
    public void ARegionWithItsOwnName_KeepsIt()
    {
        var filter = DashboardFilter.Default(new DateTimeOffset(2026, 11, 10, 9, 0, 0, TimeSpan.Zero)) with { PeerGroup = "midlands", Region = "west-midlands" };

        var crumbs = DrillPath.Of("/dashboard", filter, [London, Midlands]);

        Assert.Equal(["All councils", "Midlands", "West Midlands"], crumbs.Select(c => c.Text));
    }
}
