using System.Globalization;
using System.Text.Json.Nodes;
using LocalGovStandard.Feed;
using LocalGovStandard.Progress;
using LocalGovStandard.Tests.Dashboard;
using LocalGovStandard.Tests.Infrastructure;
using static LocalGovStandard.Tests.Dashboard.DashboardReading;

namespace LocalGovStandard.Tests.Progress;

/// <summary>
/// The dashboard and the feed take their headline figures from the one catalogue (the workbook's
/// Dashboard sheet is checked in <see cref="Reports.WorkbookContentTests"/>), and the feed's definitions,
/// applied to its own MonthlySnapshots rows, give the dashboard's figures.
/// </summary>
[Collection(DashboardData.Name)]
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class HeadlineCatalogueTests(DashboardFixture fixture)
{
    [Fact]
    public void EveryHeadline_HasOneId_AndEverySurfaceListsCatalogueEntries()
    {
        Assert.Equal(HeadlineCatalogue.All.Count, HeadlineCatalogue.All.Select(h => h.Id).Distinct().Count());
        Assert.Subset(HeadlineCatalogue.All.ToHashSet(), HeadlineCatalogue.Workbook.ToHashSet());
        Assert.Subset(HeadlineCatalogue.All.ToHashSet(), HeadlineCatalogue.Dashboard.ToHashSet());
        Assert.All(HeadlineCatalogue.All, h => Assert.Equal(h.Kind == FigureKind.Share, h.Denominator is not null));
    }

    [Fact]
    public async Task TheDashboardsHeadlineCards_AreTheCatalogueDashboardList_InOrder()
    {
        var (_, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard");
        var cards = page.QuerySelectorAll("[data-figure]").Select(c => c.GetAttribute("data-figure")).ToList();
        Assert.Equal(HeadlineCatalogue.Dashboard.Select(h => h.Id), cards);
    }

    [Fact]
    public async Task TheFeedsHeadlines_AreEveryCatalogueEntry_AsFormulasOverMonthlySnapshotsColumns()
    {
        var rows = await FeedAsync("/odata/Headlines");
        Assert.Equal(HeadlineCatalogue.All.Select(h => h.Id).Order(StringComparer.Ordinal), rows.Select(r => r["Id"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var columns = typeof(FeedMonthlySnapshot).GetProperties().Select(p => p.Name).ToHashSet();
        foreach (var definition in HeadlineCatalogue.All)
        {
            var row = rows.Single(r => r["Id"]!.GetValue<string>() == definition.Id);
            Assert.Equal(definition.Label, row["Label"]!.GetValue<string>());
            Assert.Equal(definition.Kind == FigureKind.Share ? "share" : "count", row["Kind"]!.GetValue<string>());
            Assert.Contains(row["Numerator"]!.GetValue<string>(), columns);
            if (definition.Denominator is not null)
            {
                Assert.Contains(row["Denominator"]!.GetValue<string>(), columns);
            }
        }
    }

    [Fact]
    public async Task TheFeedsDefinitions_AppliedToItsSnapshots_GiveTheDashboardsFigures()
    {
        var definitions = await FeedAsync("/odata/Headlines");
        var month = fixture.Seed.Month(0);
        var snapshots = await FeedAsync($"/odata/MonthlySnapshots?$filter=Month eq '{month}' and Standard eq 'all'");
        double Sum(string column) => snapshots.Sum(s => s[column]!.GetValue<int>());
        var (_, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard");

        foreach (var id in HeadlineCatalogue.Dashboard.Select(h => h.Id))
        {
            var definition = definitions.Single(d => d["Id"]!.GetValue<string>() == id);
            var numerator = Sum(definition["Numerator"]!.GetValue<string>());
            var value = definition["Denominator"]?.GetValue<string>() is { } denominator ? numerator / Sum(denominator) : numerator;
            Assert.True(Math.Abs(value - Card(page, id)) < 1e-9, $"{id}: the feed's definition gives {value.ToString(CultureInfo.InvariantCulture)}, the dashboard shows {Card(page, id).ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private async Task<List<JsonNode>> FeedAsync(string pathAndQuery) => (await FeedPagesAsync(FeedClient(fixture), pathAndQuery)).Rows;
}
