using System.Globalization;
using System.Net;
using LocalGovStandard.Tests.Infrastructure;
using static LocalGovStandard.Tests.Dashboard.DashboardReading;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>Every figure the dashboard shows equals the same figure worked out here from the seeded history.</summary>
[Collection(DashboardData.Name)]
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class DashboardFigureTests(DashboardFixture fixture)
{
    private static readonly string[] GroupColumns =
        ["Councils", "Signed up", "With a verified contact", "With a submitted assessment", "Points rated", "Points met or green", "Actions open", "Actions overdue"];

    private DashboardSeed Seed => fixture.Seed;

    public static TheoryData<string, string?, string?, string?> Filters => new()
    {
        { "all councils", null, null, null },
        { "London peer group", "london", null, null },
        { "Midlands peer group, West Midlands region", "midlands", "west-midlands", null },
        { "Wales region", null, "wales", null },
        { "Service Standard only", null, null, "service-standard-2019" },
        { "London, LGDSS only", "london", null, "lgdss-2016" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task HeadlineCards_AndTheirChange_EqualTheRecomputedFigures(string view, string? peerGroup, string? region, string? standard)
    {
        var regions = Scope(peerGroup, region);
        var (response, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard" + Query(peerGroup, region, standard));
        Assert.True(response.StatusCode == HttpStatusCode.OK, view);

        var now = Seed.At(0, regions, standard);
        var before = Seed.At(-1, regions, standard);
        Assert.Equal([now.SignedUp, before.SignedUp], [Card(page, "signed-up"), PreviousCard(page, "signed-up")]);
        Assert.Equal([now.WithVerifiedContact, before.WithVerifiedContact], [Card(page, "verified-contact"), PreviousCard(page, "verified-contact")]);
        Assert.Equal([now.Assessed, before.Assessed], [Card(page, "assessed"), PreviousCard(page, "assessed")]);
        Assert.Equal(now.PassShare, Card(page, "points-passing"), 9);
        Assert.Equal(before.PassShare, PreviousCard(page, "points-passing"), 9);
        Assert.Equal([now.ActionsOpen, before.ActionsOpen], [Card(page, "actions-open"), PreviousCard(page, "actions-open")]);
        Assert.Equal([now.ActionsOverdue, before.ActionsOverdue], [Card(page, "actions-overdue"), PreviousCard(page, "actions-overdue")]);
        Assert.Contains($"of {now.Councils} councils", page.QuerySelector("[data-figure='signed-up']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSeed_ChangesEveryHeadlineBetweenTheTwoMonths()
    {
        // Guards the test data: a figure that did not move could not show a wrong "previous month".
        var now = Seed.At(0, DashboardSeed.AllRegions);
        var before = Seed.At(-1, DashboardSeed.AllRegions);
        Assert.NotEqual(now.SignedUp, before.SignedUp);
        Assert.NotEqual(now.WithVerifiedContact, before.WithVerifiedContact);
        Assert.NotEqual(now.PassShare, before.PassShare);
        Assert.NotEqual(now.ActionsOpen, before.ActionsOpen);
        Assert.NotEqual(now.ActionsOverdue, before.ActionsOverdue);
        Assert.NotEqual(Seed.At(0, ["london"]).SignedUp, now.SignedUp);
    }

    [Fact]
    public async Task SignupsOverTime_OnThePageAndInTheCsv_CountCouncilsSignedUpByTheEndOfEachMonth()
    {
        var query = $"?from={Seed.Month(-3)}&to={Seed.Month(0)}";
        var (_, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard" + query);
        var expected = Enumerable.Range(-3, 4).Select(offset => Seed.At(offset, DashboardSeed.AllRegions).SignedUp.ToString(CultureInfo.InvariantCulture)).ToList();

        var rows = TableRows(page, "signups");
        Assert.Equal(expected, rows.Select(r => r[1]));
        Assert.Equal(Seed.T.AddMonths(-3).ToString("MMMM yyyy", CultureInfo.InvariantCulture), rows[0][0]);

        var csv = CsvTable(ParseCsv(await fixture.CreateClient().GetByteArrayAsync(new Uri("/dashboard/export.csv" + query, UriKind.Relative))), "SignUps");
        Assert.Equal(Enumerable.Range(-3, 4).Select(Seed.Month), csv.Select(r => r["Month"]));
        Assert.Equal(expected, csv.Select(r => r["Councils signed up"]));
    }

    [Fact]
    public async Task EachPointsRate_OnThePageAndInTheCsv_EqualsTheRecomputedRatings()
    {
        var expected = Seed.PointsAt(0, DashboardSeed.AllRegions);
        var csv = CsvTable(ParseCsv(await fixture.CreateClient().GetByteArrayAsync(new Uri("/dashboard/export.csv", UriKind.Relative))), "Points");
        Assert.Equal(15 + 14, csv.Count);
        foreach (var row in csv)
        {
            var (rated, passing) = expected.GetValueOrDefault((row["Standard"], int.Parse(row["Point"], CultureInfo.InvariantCulture)));
            Assert.Equal((rated, passing), ((int)Number(row["Ratings"]), (int)Number(row["Met or green"])));
        }

        var (_, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard");
        var pageRows = TableRows(page, "points");
        Assert.Equal(csv.Select(r => (r["Ratings"], r["Met or green"])), pageRows.Select(r => (r[1], r[2])));
    }

    [Fact]
    public async Task PeerGroupsCompared_AndTheHeatMap_EqualTheRecomputedFiguresPerGroup()
    {
        var cells = ParseCsv(await fixture.CreateClient().GetByteArrayAsync(new Uri("/dashboard/export.csv", UriKind.Relative)));
        var groups = CsvTable(cells, "PeerGroups");
        var points = CsvTable(cells, "Points");
        var heat = cells.Where(c => c.Table == "HeatMap").GroupBy(c => c.Row).Select(g => g.Select(c => c.Value).ToList()).ToList();
        var (_, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard");

        foreach (var (slug, regions) in DashboardSeed.PeerGroupRegions)
        {
            var expected = Seed.At(0, regions);
            var name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(slug);
            var row = groups.Single(g => g["Peer group"] == name);
            Assert.Equal(
                [expected.Councils, expected.SignedUp, expected.WithVerifiedContact, expected.Assessed, expected.Rated, expected.Passing, expected.ActionsOpen, expected.ActionsOverdue],
                GroupColumns.Select(column => (int)Number(row[column])));

            var pageRow = page.QuerySelector($"tr[data-group='{slug}']")!.Children.Select(c => c.TextContent.Trim()).ToArray();
            Assert.Equal(expected.SignedUp.ToString(CultureInfo.InvariantCulture), pageRow[2]);

            var expectedPoints = Seed.PointsAt(0, regions);
            var heatRow = heat.Single(h => h[0] == name);
            for (var i = 0; i < points.Count; i++)
            {
                var (rated, passing) = expectedPoints.GetValueOrDefault((points[i]["Standard"], int.Parse(points[i]["Point"], CultureInfo.InvariantCulture)));
                var value = heatRow[i + 1];
                if (rated == 0)
                {
                    Assert.Equal("", value);
                }
                else
                {
                    Assert.Equal((double)passing / rated, Number(value), 9);
                }
            }
        }
    }

    [Fact]
    public async Task TheXlsxExport_HoldsTheSameHeadlines_AsNumbers_AndNoFormulas()
    {
        var bytes = await fixture.CreateClient().GetByteArrayAsync(new Uri("/dashboard/export.xlsx?peerGroup=london", UriKind.Relative));
        using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet("Headlines");
        var expected = Seed.At(0, ["london"]);
        var values = sheet.RowsUsed().Skip(1).ToDictionary(r => r.Cell(2).GetString(), r => r.Cell(3).GetDouble());
        Assert.Equal(expected.SignedUp, values["signed-up"]);
        Assert.Equal(expected.Assessed, values["assessed"]);
        Assert.Equal(expected.PassShare, values["points-passing"], 9);
        Assert.Equal(expected.ActionsOverdue, values["actions-overdue"]);
        Assert.DoesNotContain(workbook.Worksheets.SelectMany(s => s.CellsUsed()), cell => cell.HasFormula);
        Assert.Equal(["Filters", "Headlines", "SignUps", "Points", "PeerGroups", "HeatMap", "Adopters"], workbook.Worksheets.Select(s => s.Name));
    }

    private static IReadOnlyCollection<string> Scope(string? peerGroup, string? region) =>
        region is not null ? [region] : peerGroup is not null ? DashboardSeed.PeerGroupRegions[peerGroup] : DashboardSeed.AllRegions;

    private static string Query(string? peerGroup, string? region, string? standard)
    {
        var parts = new[] { ("peerGroup", peerGroup), ("region", region), ("standard", standard) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}");
        var query = string.Join('&', parts);
        return query.Length == 0 ? "" : "?" + query;
    }
}
