using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;
using static LocalGovStandard.Tests.Dashboard.DashboardReading;

namespace LocalGovStandard.Tests.PeerGroups;

/// <summary>
/// Workbooks, the dashboard and the feed treat a council-list group exactly as a region group: a list of the same
/// councils as a region group gives the same figures, read back from real storage.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CouncilListGroupDataTests(CouncilListGroupFixture fixture) : IClassFixture<CouncilListGroupFixture>
{
    private static readonly string[] Cards = ["signed-up", "verified-contact", "assessed", "points-passing", "actions-open", "actions-overdue"];

    public static TheoryData<string, string> Pairs => new()
    {
        { "london", CouncilListGroupFixture.LondonList },
        { "midlands", CouncilListGroupFixture.MidlandsList },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Workbook_OfACouncilList_HasTheSameFiguresAndRows_AsItsRegionGroup(string regionGroup, string councilList)
    {
        var admin = fixture.CreateAdminClient();
        var month = fixture.Seed.Month(-1);
        await ReportSteps.RunOkAsync(admin, month, regionGroup);
        await ReportSteps.RunOkAsync(admin, month, councilList);

        using var region = new WorkbookReader(await ReportSteps.DownloadAsync(admin, month, regionGroup));
        using var list = new WorkbookReader(await ReportSteps.DownloadAsync(admin, month, councilList));

        Assert.Equal(region.Headlines(), list.Headlines());
        foreach (var table in new[] { "Councils", "Assessments", "Actions" })
        {
            Assert.Equal(Texts(region, table), Texts(list, table));
        }

        Assert.NotEmpty(Texts(list, "Councils"));
        var about = list.Workbook.Worksheet("About").Column(1).CellsUsed().First(c => c.GetString() == "Councils").CellRight().GetString();
        Assert.Contains(councilList == CouncilListGroupFixture.LondonList ? TestRegister.Camden.OfficialName : TestRegister.Leicester.OfficialName, about, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Dashboard_FilteredByACouncilList_ShowsTheSameFigures_AsItsRegionGroup(string regionGroup, string councilList)
    {
        var (regionResponse, regionPage) = await GetPageAsync(fixture.CreateClient(), $"/dashboard?peerGroup={regionGroup}");
        var (listResponse, listPage) = await GetPageAsync(fixture.CreateClient(), $"/dashboard?peerGroup={councilList}");

        Assert.Equal(System.Net.HttpStatusCode.OK, regionResponse.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, listResponse.StatusCode);
        var expected = fixture.Seed.At(0, Dashboard.DashboardSeed.PeerGroupRegions[regionGroup]);
        Assert.Equal(expected.SignedUp, Card(listPage, "signed-up"));
        foreach (var card in Cards)
        {
            Assert.Equal((card, Card(regionPage, card), PreviousCard(regionPage, card)), (card, Card(listPage, card), PreviousCard(listPage, card)));
        }

        Assert.Contains("choose a council", listPage.QuerySelector("#drill-down")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalGovStandard.Register.Regions.Unassigned.Name, listPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feed_NamesEveryGroupACouncilIsIn_ItsRegionGroupAndItsList()
    {
        var (rows, _) = await FeedPagesAsync(FeedClient(fixture), "/odata/Councils");
        string GroupsOf(TestCouncil council) =>
            string.Join(',', rows.Single(r => r["Code"]!.GetValue<string>() == council.GssCode)["PeerGroups"]!.GetValue<string>().Split(',').Order(StringComparer.Ordinal));

        Assert.Equal("london,london-boroughs", GroupsOf(TestRegister.Westminster));
        Assert.Equal("london,london-boroughs", GroupsOf(TestRegister.Camden));
        Assert.Equal("midlands,midlands-cities", GroupsOf(TestRegister.Birmingham));
        Assert.Equal("midlands,midlands-cities", GroupsOf(TestRegister.Leicester));
        Assert.Equal("wales", GroupsOf(TestRegister.Cardiff));
    }

    internal static List<string> Texts(WorkbookReader book, string table) =>
        book.Rows(table).Select(r => string.Join('|', r.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value.GetString()}"))).ToList();
}
