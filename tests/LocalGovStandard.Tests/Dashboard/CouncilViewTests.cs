using System.Globalization;
using System.Net;
using LocalGovStandard.Tests.Infrastructure;
using static LocalGovStandard.Tests.Dashboard.DashboardReading;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>The public page of a listed council: its figures equal the seeded history's, and no other council has one or is named.</summary>
[Collection(DashboardData.Name)]
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CouncilViewTests(DashboardFixture fixture)
{
    private static readonly TestCouncil Camden = TestRegister.Camden;

    public static TheoryData<string, string, string> ListedCouncils => new()
    {
        { TestRegister.Westminster.GssCode, "London", "London" },
        { TestRegister.Birmingham.GssCode, "West Midlands", "Midlands" },
        { TestRegister.Cardiff.GssCode, "Wales", "Wales" },
    };

    [Theory]
    [MemberData(nameof(ListedCouncils))]
    public async Task AListedCouncilsPage_ShowsItsFacts_AndEachPoint_AsRecomputedFromTheSeededHistory(string gss, string region, string peerGroup)
    {
        var council = TestRegister.All.Single(c => c.GssCode == gss);
        var expected = fixture.Seed.CouncilAt(gss, 0);

        var (response, page) = await GetPageAsync(fixture.CreateClient(), $"/dashboard/councils/{gss}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(council.OfficialName, page.QuerySelector("h1")!.TextContent.Trim());
        string Fact(string key) => page.QuerySelector($"[data-fact='{key}'] dd")!.TextContent.Trim();
        Assert.Equal(region, Fact("region"));
        Assert.Equal(peerGroup, Fact("peer-group"));
        Assert.Equal(expected.SignedUpAt!.Value.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), Fact("signed-up"));
        Assert.Equal(expected.AssessmentsSubmitted.ToString(CultureInfo.InvariantCulture), Fact("assessments"));
        Assert.Equal(expected.ActionsOpen.ToString(CultureInfo.InvariantCulture), Fact("actions-open"));
        Assert.Equal(expected.ActionsOverdue.ToString(CultureInfo.InvariantCulture), Fact("actions-overdue"));
        // The seed's snapshot is of the month still running, so the page gives the refresh time rather than a month end.
        Assert.Contains("when they were last worked out", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var shown = new Dictionary<(string, int), (int, int, int, int)>();
        foreach (var table in page.QuerySelectorAll("table[data-table='council-points']"))
        {
            foreach (var row in table.QuerySelectorAll("tbody tr"))
            {
                var cells = row.QuerySelectorAll("td").Select(c => int.Parse(c.TextContent.Trim(), CultureInfo.InvariantCulture)).ToArray();
                if (cells.Any(c => c != 0))
                {
                    shown[(table.GetAttribute("data-standard")!, int.Parse(row.GetAttribute("data-point")!, CultureInfo.InvariantCulture))] = (cells[0], cells[1], cells[2], cells[3]);
                }
            }
        }

        Assert.Equal(expected.Points.OrderBy(p => p.Key), shown.OrderBy(p => p.Key));
        Assert.Equal(expected.Points.Keys.Select(k => k.Standard).Distinct().Count(), page.QuerySelectorAll("table[data-table='council-points']").Length);
    }

    [Fact]
    public void TheSeed_GivesWestminsterAReplacedAssessment_AndAnOverdueAndAnOnTimeAction()
    {
        // Guards the data the page test relies on: a reassessment replaces ratings, and the two kinds of open action differ.
        var westminster = fixture.Seed.CouncilAt(TestRegister.Westminster.GssCode, 0);
        Assert.Equal((14, 1, 2, 1), westminster.Points.Values.Aggregate((0, 0, 0, 0), (sum, p) => (sum.Item1 + p.Passing, sum.Item2 + p.NotPassing, sum.Item3 + p.Open, sum.Item4 + p.Overdue)));
        Assert.Equal(2, westminster.AssessmentsSubmitted);
    }

    public static TheoryData<string> NoPage => new()
    {
        Camden.GssCode,                           // signed up, but its verified contact did not agree to be listed
        TestRegister.Leicester.GssCode,           // never signed up
        TestRegister.Kettering.GssCode,           // no longer a council
        "E99999999",                              // not in the register
        "NIR-A",                                  // a historic council without a GSS code
        new string('E', 200),
    };

    [Theory]
    [MemberData(nameof(NoPage))]
    public async Task AnyOtherCouncilsPage_IsTheSamePageNotFound_AsAnUnknownAddress(string code)
    {
        var browser = fixture.CreateClient();
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var (unknownResponse, unknown) = await GetPageAsync(browser, "/dashboard/no-such-page");
        var (response, page) = await GetPageAsync(browser, $"/dashboard/councils/{Uri.EscapeDataString(code)}");

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], [unknownResponse.StatusCode, response.StatusCode]);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(unknown.QuerySelector("main")!.TextContent, page.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain(Camden.NiceName, page.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string> PublicViews => new()
    {
        "/dashboard", "/dashboard?peerGroup=london", "/dashboard?region=london", "/dashboard?peerGroup=london&region=london",
        "/dashboard?peerGroup=london&region=london&standard=service-standard-2019", "/dashboard/export.csv?region=london",
        $"/dashboard/councils/{TestRegister.Westminster.GssCode}",
    };

    [Theory]
    [MemberData(nameof(PublicViews))]
    public async Task AnUnlistedCouncil_IsNamedNowhereInThePublicViews_NorAnyContact(string path)
    {
        var response = await fixture.CreateClient().GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Camden.NiceName, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Camden.GssCode, text, StringComparison.OrdinalIgnoreCase);
        Assert.All(DashboardSeed.PersonalData, person => Assert.DoesNotContain(person, text, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("gov.uk", text, StringComparison.OrdinalIgnoreCase);
    }
}
