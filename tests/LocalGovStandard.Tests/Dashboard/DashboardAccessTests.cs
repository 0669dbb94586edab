using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Organiser;
using static LocalGovStandard.Tests.Dashboard.DashboardReading;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>Who sees what (public aggregates and adopters, the organiser's councils) and clear answers to bad filters.</summary>
[Collection(DashboardData.Name)]
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class DashboardAccessTests(DashboardFixture fixture)
{
    private static readonly string[] PublicViews =
    [
        "/dashboard", "/dashboard?peerGroup=london", "/dashboard/export.csv", "/dashboard/export.csv?peerGroup=london&standard=lgdss-2016",
    ];

    [Fact]
    public async Task PublicPagesAndExports_ContainNoContactsNamesOrEmailAddresses()
    {
        var client = fixture.CreateClient();
        var texts = new List<string>();
        foreach (var path in PublicViews)
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            texts.Add(await response.Content.ReadAsStringAsync());
        }

        var workbookText = XlsxText(await client.GetByteArrayAsync(new Uri("/dashboard/export.xlsx", UriKind.Relative)));
        Assert.Contains("Westminster", workbookText, StringComparison.Ordinal);
        texts.Add(workbookText);
        Assert.All(texts, text => Assert.All(DashboardSeed.PersonalData, person => Assert.DoesNotContain(person, text, StringComparison.OrdinalIgnoreCase)));
        Assert.All(texts, text => Assert.DoesNotContain("gov.uk", text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheAdoptersList_HoldsOnlySignedUpCouncilsWhoseVerifiedContactsAgreedToBeListed()
    {
        var (_, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard");
        var listed = page.QuerySelectorAll("[data-list='adopters'] li").Select(li => li.TextContent.Trim()).ToList();

        var expected = fixture.Seed.ListedCouncilsAt(0).Select(gss => TestRegister.All.Single(c => c.GssCode == gss).OfficialName).Order(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expected, listed);
        Assert.DoesNotContain(TestRegister.Camden.OfficialName, listed); // its pending contact agreed; its verified one did not
    }

    [Fact]
    public async Task TheOrganiserView_NeedsTheAdminKey_AndAddsEachCouncil()
    {
        var anonymous = await fixture.CreateClient().GetAsync(new Uri("/api/admin/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var (publicResponse, publicPage) = await GetPageAsync(fixture.CreateClient(), "/dashboard");
        Assert.Equal(HttpStatusCode.OK, publicResponse.StatusCode);
        Assert.Empty(TableRows(publicPage, "councils"));

        var (response, page) = await GetPageAsync(fixture.CreateClient(), $"/api/admin/dashboard?code={ServiceFixture.AdminKey}&peerGroup=london");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = TableRows(page, "councils");
        Assert.Equal([TestRegister.Westminster.OfficialName, TestRegister.Camden.OfficialName], rows.Select(r => r[0]));
        var camden = rows.Single(r => r[0] == TestRegister.Camden.OfficialName);
        Assert.Equal(["1", "1", "No"], camden[3..]); // one verified contact (the pending one is not counted), one assessment, not listed

        var csv = ParseCsv(await fixture.CreateAdminClient().GetByteArrayAsync(new Uri("/api/admin/dashboard/export.csv?peerGroup=london", UriKind.Relative)));
        Assert.Equal(2, CsvTable(csv, "Councils").Count);
    }

    [Fact]
    public async Task TheOrganiserView_InTheConsole_AddsEachCouncil_AndNoLinkOrFormCarriesTheKey()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);

        var page = await session.GetAsync("/organiser/dashboard?peerGroup=london");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal([TestRegister.Westminster.OfficialName, TestRegister.Camden.OfficialName], TableRows(page.Document, "councils").Select(r => r[0]));
        Assert.Equal("page", page.Element("nav[aria-label='Organiser console'] a[href='/organiser/dashboard']")!.GetAttribute("aria-current"));
        Assert.Equal("/organiser/dashboard", page.Element("main form[method='get']")!.GetAttribute("action"));
        Assert.DoesNotContain(ServiceFixture.AdminKey, page.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var exportLink = page.Element("a[href^='/organiser/dashboard/export.csv']")!.GetAttribute("href")!;
        Assert.Contains("peerGroup=london", exportLink, StringComparison.Ordinal);
        var csv = ParseCsv(await session.Client.GetByteArrayAsync(new Uri(exportLink, UriKind.Relative)));
        Assert.Equal(2, CsvTable(csv, "Councils").Count);
    }

    [Fact]
    public async Task EachChartsCsv_UnderTheOrganiserRoutes_NeedsTheKeyOrTheConsoleSession_AndHoldsTheSameFigures()
    {
        const string chart = "/dashboard/charts/peer-groups.csv?peerGroup=london";
        var anonymous = await fixture.CreateClient().GetAsync(new Uri("/api/admin" + chart, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var publicCsv = await fixture.CreateClient().GetStringAsync(new Uri(chart, UriKind.Relative));
        var adminCsv = await fixture.CreateAdminClient().GetStringAsync(new Uri("/api/admin" + chart, UriKind.Relative));
        var session = await ConsoleSteps.SignInAsync(fixture);
        var consoleCsv = await session.Client.GetStringAsync(new Uri("/organiser" + chart, UriKind.Relative));

        Assert.Contains("London", publicCsv, StringComparison.Ordinal);
        Assert.Equal(publicCsv, adminCsv);
        Assert.Equal(publicCsv, consoleCsv);
    }

    public static TheoryData<string, string, string> BadFilters => new()
    {
        { "?peerGroup=atlantis", "peerGroup", "Choose a peer group from the list" },
        { "?region=narnia", "region", "Choose a region from the list" },
        { "?peerGroup=london&region=wales", "region", "Choose a region in the London peer group, or no region" },
        { "?standard=iso-9001", "standard", "Choose a standard from the list" },
        { "?from=2026-13", "from", "From month must be a month in the form 2026-01" },
        { "?to=2001-01", "to", "To month must be between" },
    };

    [Theory]
    [MemberData(nameof(BadFilters))]
    public async Task ABadFilter_GetsTheErrorSummaryOnThePage_AndAProblemNamingTheFieldFromTheExport(string query, string field, string message)
    {
        var (response, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var link = Assert.Single(page.QuerySelectorAll(".govuk-error-summary__list a"));
        Assert.Equal("#" + field, link.GetAttribute("href"));
        Assert.Contains(message, link.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#{field}-error"));
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);

        var export = await fixture.CreateClient().GetAsync(new Uri("/dashboard/export.csv" + query, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        var problem = (await export.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Contains(message, problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFirstMonthAfterTheLastMonth_IsAnError_NotAnEmptyView()
    {
        var (response, page) = await GetPageAsync(fixture.CreateClient(), $"/dashboard?from={fixture.Seed.Month(0)}&to={fixture.Seed.Month(-1)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("#from", page.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AnUnknownExportFormat_IsNotFound()
    {
        var response = await fixture.CreateClient().GetAsync(new Uri("/dashboard/export.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Every text part of the workbook package (shared strings, inline strings, sheet names).</summary>
    private static string XlsxText(byte[] bytes)
    {
        using var zip = new ZipArchive(new MemoryStream(bytes));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }
}
