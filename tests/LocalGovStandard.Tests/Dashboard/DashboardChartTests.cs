using System.Globalization;
using System.Net;
using System.Text.Json;
using LocalGovStandard.Tests.Infrastructure;
using static LocalGovStandard.Tests.Dashboard.DashboardReading;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>Compare periods, each chart's CSV and caption, and the links behind the bars, against the seeded history worked out again here.</summary>
[Collection(DashboardData.Name)]
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class DashboardChartTests(DashboardFixture fixture)
{
    private DashboardSeed Seed => fixture.Seed;

    [Fact]
    public async Task ComparingWithAnEarlierMonth_MovesEveryHeadlineChange_AndTheTablesChangeColumns()
    {
        var (response, page) = await GetPageAsync(fixture.CreateClient(), $"/dashboard?compare={Seed.Month(-2)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var now = Seed.At(0, DashboardSeed.AllRegions);
        var before = Seed.At(-2, DashboardSeed.AllRegions);
        Assert.Equal([now.SignedUp, before.SignedUp], [Card(page, "signed-up"), PreviousCard(page, "signed-up")]);
        Assert.Equal([now.Assessed, before.Assessed], [Card(page, "assessed"), PreviousCard(page, "assessed")]);
        Assert.Equal(before.PassShare, PreviousCard(page, "points-passing"), 9);
        Assert.Equal([now.ActionsOpen, before.ActionsOpen], [Card(page, "actions-open"), PreviousCard(page, "actions-open")]);
        var since = Seed.T.AddMonths(-2).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        Assert.Contains($"Up {now.SignedUp - before.SignedUp} since the end of {since}", page.QuerySelector("[data-figure='signed-up']")!.TextContent, StringComparison.Ordinal);

        // The sign-ups table's change column counts from the comparison month.
        var signups = TableRows(page, "signups");
        Assert.Equal($"+{now.SignedUp - before.SignedUp}", signups[^1][3]);

        // Each peer group's row ends with its change in sign-ups.
        foreach (var (slug, regions) in DashboardSeed.PeerGroupRegions)
        {
            var cells = page.QuerySelector($"tr[data-group='{slug}']")!.Children.Select(c => c.TextContent.Trim()).ToArray();
            var change = Seed.At(0, regions).SignedUp - Seed.At(-2, regions).SignedUp;
            Assert.Equal(change > 0 ? $"+{change}" : "0", cells[^1]);
        }

        // The caption says it in words.
        Assert.Equal(
            $"{now.SignedUp} of {now.Councils} councils had signed up by the end of {Seed.T.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}, {now.SignedUp - before.SignedUp} more than at the end of {since}. The line is drawn against the largest monthly figure shown.",
            page.QuerySelector("[data-caption='signups']")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("compare=2026-13", "Comparison month must be a month in the form 2026-01")]
    [InlineData("compare=2001-01", "Comparison month must be between")]
    [InlineData("SAME", "The comparison month must be before the To month")]
    public async Task ABadComparisonMonth_GetsTheErrorSummary_LinkedToTheField(string query, string message)
    {
        query = query == "SAME" ? $"compare={Seed.Month(0)}&to={Seed.Month(0)}" : query;
        var (response, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var link = page.QuerySelector(".govuk-error-summary a[href='#compare']");
        Assert.NotNull(link);
        Assert.StartsWith(message, link!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#compare-error"));
    }

    [Fact]
    public async Task EachChartsCsv_HoldsTheRecomputedFigures_ForTheSameFilter()
    {
        var client = fixture.CreateClient();
        var query = $"?peerGroup=london&from={Seed.Month(-2)}&to={Seed.Month(0)}&compare={Seed.Month(-1)}";
        var london = DashboardSeed.PeerGroupRegions["london"];

        var signups = ChartCsv(await client.GetByteArrayAsync(new Uri("/dashboard/charts/signups.csv" + query, UriKind.Relative)));
        Assert.Equal(Enumerable.Range(-2, 3).Select(Seed.Month), signups.Select(r => r["Month"]));
        Assert.Equal(Enumerable.Range(-2, 3).Select(o => Seed.At(o, london).SignedUp.ToString(CultureInfo.InvariantCulture)), signups.Select(r => r["Councils signed up"]));
        var changeColumn = $"Change since {Seed.T.AddMonths(-1).ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";
        Assert.Equal(Enumerable.Range(-2, 3).Select(o => (Seed.At(o, london).SignedUp - Seed.At(-1, london).SignedUp).ToString(CultureInfo.InvariantCulture)), signups.Select(r => r[changeColumn]));

        var points = ChartCsv(await client.GetByteArrayAsync(new Uri("/dashboard/charts/points.csv" + query, UriKind.Relative)));
        var now = Seed.PointsAt(0, london);
        var before = Seed.PointsAt(-1, london);
        Assert.Equal(15 + 14, points.Count);
        foreach (var row in points)
        {
            var key = (row["Standard"], int.Parse(row["Point"], CultureInfo.InvariantCulture));
            var (rated, passing) = now.GetValueOrDefault(key);
            Assert.Equal((rated, passing), ((int)Number(row["Ratings"]), (int)Number(row["Met or green"])));
            var (ratedBefore, passingBefore) = before.GetValueOrDefault(key);
            var shareBefore = row.Single(c => c.Key.StartsWith("Share at the end of", StringComparison.Ordinal)).Value;
            if (ratedBefore == 0)
            {
                Assert.Equal("", shareBefore);
            }
            else
            {
                Assert.Equal((double)passingBefore / ratedBefore, Number(shareBefore), 9);
            }
        }

        var groups = ChartCsv(await client.GetByteArrayAsync(new Uri("/dashboard/charts/peer-groups.csv" + query, UriKind.Relative)));
        foreach (var (slug, regions) in DashboardSeed.PeerGroupRegions)
        {
            var row = groups.Single(g => g["Peer group"] == CultureInfo.InvariantCulture.TextInfo.ToTitleCase(slug));
            Assert.Equal(
                [Seed.At(0, regions).Councils, Seed.At(0, regions).SignedUp, Seed.At(-1, regions).SignedUp],
                new[] { row["Councils"], row["Signed up"], row.Single(c => c.Key.StartsWith("Signed up at the end of", StringComparison.Ordinal)).Value }.Select(v => (int)Number(v)));
        }

        var heat = ChartCsv(await client.GetByteArrayAsync(new Uri("/dashboard/charts/heat-map.csv" + query, UriKind.Relative)));
        foreach (var (slug, regions) in DashboardSeed.PeerGroupRegions)
        {
            var expected = Seed.PointsAt(0, regions);
            foreach (var row in heat.Where(h => h["Peer group"] == CultureInfo.InvariantCulture.TextInfo.ToTitleCase(slug)))
            {
                var (rated, passing) = expected.GetValueOrDefault((row["Standard"], int.Parse(row["Point"], CultureInfo.InvariantCulture)));
                if (rated == 0)
                {
                    Assert.Equal("", row["Share"]);
                }
                else
                {
                    Assert.Equal((double)passing / rated, Number(row["Share"]), 9);
                }
            }
        }
    }

    [Fact]
    public async Task AnUnknownChart_Gets400ProblemDetails_NamingTheChartField()
    {
        var response = await fixture.CreateClient().GetAsync(new Uri("/dashboard/charts/pie.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("pie", problem.RootElement.GetProperty("errors").GetProperty("chart")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBarRowAndCell_IsALink_ToTheFilterItStandsFor()
    {
        var (_, page) = await GetPageAsync(fixture.CreateClient(), $"/dashboard?standard=lgdss-2016&to={Seed.Month(0)}&from={Seed.Month(-11)}");
        var from = Seed.Month(-11);
        var to = Seed.Month(0);

        var groupBars = page.QuerySelectorAll("[data-chart='peer-groups'] a[data-dashboard-link]").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"?peerGroup=london&standard=lgdss-2016&from={from}&to={to}", groupBars);
        Assert.Equal(page.QuerySelectorAll("tr[data-group]").Length, groupBars.Count);
        Assert.All(page.QuerySelectorAll("tr[data-group]"), row =>
            Assert.Equal($"?peerGroup={row.GetAttribute("data-group")}&standard=lgdss-2016&from={from}&to={to}", row.QuerySelector("a[data-dashboard-link]")!.GetAttribute("href")));

        var pointBars = page.QuerySelectorAll("[data-chart='points'] a[data-dashboard-link]");
        Assert.Equal(15, pointBars.Length);
        Assert.All(pointBars, a => Assert.Equal($"?standard=lgdss-2016&from={from}&to={to}", a.GetAttribute("href")));

        var cells = page.QuerySelectorAll("table[data-table='heat-map'] tbody td");
        Assert.All(cells, cell => Assert.Matches("^\\?peerGroup=[a-z-]+&standard=lgdss-2016&from=", cell.QuerySelector("a[data-dashboard-link]")!.GetAttribute("href")!));
        Assert.Equal(15 * groupBars.Count, cells.Length);
    }
}
