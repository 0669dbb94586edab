using LocalGovStandard.Dashboard;
using LocalGovStandard.Progress;
using LocalGovStandard.Tests.Infrastructure;
using static LocalGovStandard.Tests.Dashboard.DashboardReading;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>The map and its table: every council with its status, recomputed from the seeded history; published ones linked, others unnamed in public.</summary>
[Collection(DashboardData.Name)]
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CouncilMapTests(DashboardFixture fixture)
{
    private static readonly TestCouncil[] Councils = DashboardSeed.RegionOf.Keys.Select(gss => TestRegister.All.Single(c => c.GssCode == gss)).ToArray();

    [Fact]
    public async Task TheOrganisersMapTable_ListsEveryCouncil_WithItsStatus()
    {
        var (_, page) = await GetPageAsync(fixture.CreateAdminClient(), "/api/admin/dashboard");

        var rows = page.QuerySelectorAll("table[data-table='map'] tbody tr")
            .ToDictionary(r => r.GetAttribute("data-council")!, r => r.QuerySelector("[data-status]")!.TextContent.Trim());
        var expected = Councils.ToDictionary(c => c.GssCode, c => fixture.Seed.StatusAt(c.GssCode, 0));
        Assert.Equal(expected.OrderBy(e => e.Key), rows.OrderBy(r => r.Key));
        Assert.Equal(4, expected.Values.Distinct().Count()); // the seed gives every status at least once
    }

    [Fact]
    public async Task ThePublicMapTable_NamesEachListedCouncilWithItsStatus_AndCountsTheOthersUnnamed()
    {
        var (_, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard");

        var rows = page.QuerySelectorAll("table[data-table='map'] tbody tr").ToList();
        var listed = fixture.Seed.ListedCouncilsAt(0);
        var named = rows.Where(r => r.GetAttribute("data-council") != "others")
            .ToDictionary(r => r.GetAttribute("data-council")!, r => (Name: r.QuerySelector("th")!.TextContent.Trim(), Status: r.QuerySelector("[data-status]")!.TextContent.Trim(), Link: r.QuerySelector("th a")?.GetAttribute("href")));
        Assert.Equal(listed.Order(), named.Keys.Order());
        foreach (var gss in listed)
        {
            Assert.Equal((TestRegister.All.Single(c => c.GssCode == gss).OfficialName, fixture.Seed.StatusAt(gss, 0), $"/dashboard/councils/{gss}"), named[gss]);
        }

        var others = rows.Single(r => r.GetAttribute("data-council") == "others");
        Assert.StartsWith($"{Councils.Length - listed.Count} other councils", others.QuerySelector("th")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Not signed up, or not listed", others.QuerySelector("[data-status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheMap_DrawsAHexagonForEachCouncilInScope_AndOnlyPublishedOnesAreLinks()
    {
        var (_, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard");
        var svg = page.QuerySelector("svg.app-map__svg")!;
        Assert.Equal(Councils.Length, svg.QuerySelectorAll("path[data-hex='council']").Length);
        Assert.Equal(361 - Councils.Length, svg.QuerySelectorAll("path[data-hex='outline']").Length); // the rest of the UK's districts, for the map's shape
        var links = svg.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Order().ToList();
        Assert.Equal(fixture.Seed.ListedCouncilsAt(0).Select(gss => $"/dashboard/councils/{gss}").Order(), links);
        Assert.Equal("group", svg.GetAttribute("role"));
        Assert.NotNull(svg.QuerySelector("title"));

        var key = page.QuerySelectorAll("[data-list='map-key'] li").Select(li => li.TextContent).ToList();
        Assert.Equal(5, key.Count); // four statuses and the districts with no council in the test register
        Assert.All(key, text => Assert.Matches(@"\(.+\): \d+ (council|district)", text)); // the key says each pattern and count in words

        var (_, london) = await GetPageAsync(fixture.CreateClient(), "/dashboard?peerGroup=london&region=london");
        Assert.Equal(2, london.QuerySelectorAll("svg.app-map__svg path[data-hex='council']").Length);
        Assert.Equal(33 - 2, london.QuerySelectorAll("svg.app-map__svg path[data-hex='outline']").Length); // London's other boroughs and the City
    }
}

/// <summary>The map's model without storage: councils the hexagon map lacks are still named in the table, and unnamed ones keep no name.</summary>
public sealed class CouncilMapModelTests
{
    [Fact]
    public void TheHexagonMap_HasEveryDistrict_AndTheTestRegistersCurrentCouncils()
    {
        var map = HexMap.LocalAuthorityDistricts;
        Assert.Equal(361, map.Count);
        Assert.All(DashboardSeed.RegionOf.Keys, gss => Assert.NotNull(map.Find(gss)));
    }

    [Fact]
    public void ACountyCouncil_IsNotOnTheMap_ButIsInTheTable_AndAnUnlistedCouncilHasNoNameOrCode()
    {
        var hampshire = new SnapshotCouncil("E10000014", "Hampshire County Council", DateTimeOffset.UnixEpoch, 1, 0, Listed: true);
        var quiet = new SnapshotCouncil("E07000084", "Basingstoke and Deane Borough Council", DateTimeOffset.UnixEpoch, 1, 2, Listed: false, ActionsOpen: 1, ActionsOverdue: 1);
        var row = MonthlySnapshotEntity.From("south-east", MonthlySnapshotEntity.AllStandards,
            new MonthCounts(new ReportMonth(2026, 1), 2, 2, 2, 1, 0, 2, 0, 0, 1, 1, [], []), DateTimeOffset.UnixEpoch);
        row.CouncilsJson = System.Text.Json.JsonSerializer.Serialize(new[] { hampshire, quiet }, System.Text.Json.JsonSerializerOptions.Web);

        var publicMap = CouncilMap.Of([row], organiser: false, HexMap.LocalAuthorityDistricts);
        var organiserMap = CouncilMap.Of([row], organiser: true, HexMap.LocalAuthorityDistricts);

        Assert.Equal(["Hampshire County Council"], publicMap.NamedOffTheMap.Select(c => c.Name));
        var unnamed = Assert.Single(publicMap.Councils, c => !c.Named);
        Assert.Equal((null, CouncilStatus.NotListed, "", ""), (unnamed.Code, unnamed.Status, unnamed.Hex!.Code, unnamed.Hex.Name));
        Assert.Equal(CouncilStatus.ActionsOverdue, organiserMap.Councils.Single(c => c.Code == "E07000084").Status);
        Assert.Equal(CouncilStatus.SignedUp, organiserMap.Councils.Single(c => c.Code == "E10000014").Status);
        Assert.DoesNotContain(publicMap.Background, h => h.Code.Length > 0 || h.Name.Length > 0);
        Assert.Equal(HexMap.LocalAuthorityDistricts.InRegions(["south-east"]).Count - 1, publicMap.Background.Count); // Basingstoke is drawn as a council
    }
}
