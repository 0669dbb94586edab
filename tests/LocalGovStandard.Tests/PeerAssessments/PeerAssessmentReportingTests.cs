using System.Net;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;
using static LocalGovStandard.Tests.Dashboard.DashboardReading;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>
/// Peer-assessment reporting from requests written into real storage: the monthly workbook (as at the month's end,
/// a region group and council lists alike), the OData feed's two sets and the public dashboard (as now), never a name.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PeerAssessmentReportingTests(PeerAssessmentReportingFixture fixture) : IClassFixture<PeerAssessmentReportingFixture>
{
    private static readonly string Westminster = TestRegister.Westminster.OfficialName;
    private static readonly string Camden = TestRegister.Camden.OfficialName;

    [Fact]
    public void Workbook_DashboardSheet_HasTheMonthEndFigures_OutcomesAndAssessorLoad_OfTheRegionGroup()
    {
        using var book = new WorkbookReader(fixture.Workbooks["london"]);

        // Camden's report came out after the month ended: held (its panel sat), but no outcome yet, and Westminster's
        // member on it gave nothing by then. Camden's member on Westminster's first panel was invited and never answered: nothing.
        Assert.Equal(
            [("Peer assessments requested to date", 3.0), ("Peer assessments held", 3.0), ("Peer assessments outstanding (not held yet)", 0.0),
             ("Median days from request to assessment", 35.0), ("Councils whose assessors sat on a panel", 0.0)],
            Figures(book));
        Assert.Equal([("Met", "LGDSS 2016", 1.0), ("Red", "SS 2019", 1.0)],
            book.Rows("PeerAssessmentOutcomes").Select(r => (r["Outcome"].GetString(), r["Standard"].GetString(), r["Reports"].GetDouble())).ToList());
        Assert.Equal([(Westminster, 0.0, 2.0, "No"), (Camden, 0.0, 1.0, "No")], Load(book));
        Assert.All(["PeerAssessmentFigures", "PeerAssessmentOutcomes", "AssessorLoad"], t => Assert.Equal("Dashboard", book.Table(t).Worksheet.Name));
    }

    [Fact]
    public void Workbook_PeerAssessmentsSheet_IsANamedTable_ARowPerRequestAsAtTheMonthsEnd()
    {
        using var book = new WorkbookReader(fixture.Workbooks["london"]);
        var seed = fixture.Requests;

        Assert.Equal("PeerAssessments", book.Table("PeerAssessments").Worksheet.Name);
        Assert.Equal(
            ["Reference", "Council", "GSS code", "Service", "Phase", "Standard", "Status", "Requested on", "Panel date", "Held", "Outcome", "Days to assessment", "Reassessment of"],
            book.Columns("PeerAssessments"));
        var rows = book.Rows("PeerAssessments").Select(r => (
            r["Reference"].GetString(), r["Council"].GetString(), r["Standard"].GetString(), r["Status"].GetString(), r["Held"].GetString(),
            r["Outcome"].GetString(), r["Days to assessment"].GetDouble())).ToList();
        Assert.Equal(
            [(seed.WestminsterSecond, Westminster, "SS 2019", "Report published", "Yes", "Red", 28.0),
             (seed.WestminsterFirst, Westminster, "LGDSS 2016", "Report published", "Yes", "Met", 40.0),
             (seed.Camden, Camden, "SS 2019", "Panel confirmed", "Yes", "", 35.0)],
            rows);
        var panelDate = book.Rows("PeerAssessments")[2]["Panel date"];
        Assert.Equal(DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime.AddDays(-10)), DateOnly.FromDateTime(panelDate.GetDateTime()));
        using var package = book.OpenXml();
        Assert.Empty(package.Validate());
        var folder = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts", "workbooks"));
        File.WriteAllBytes(Path.Combine(folder.FullName, "peer-assessments-london.xlsx"), fixture.Workbooks["london"]);
    }

    [Fact]
    public void Workbook_OfACouncilList_CountsItsCouncilsOnly_AndTheSameCouncilsAsARegionGroupGiveTheSameTables()
    {
        using var region = new WorkbookReader(fixture.Workbooks["london"]);
        using var list = new WorkbookReader(fixture.Workbooks[PeerAssessmentReportingFixture.LondonList]);
        using var mixed = new WorkbookReader(fixture.Workbooks[PeerAssessmentReportingFixture.LeicesterAndCardiff]);
        using var midlands = new WorkbookReader(fixture.Workbooks["midlands"]);

        Assert.Equal(Figures(region), Figures(list));
        Assert.Equal(Load(region), Load(list));
        Assert.Equal(PeerGroups.CouncilListGroupDataTests.Texts(region, "PeerAssessments"), PeerGroups.CouncilListGroupDataTests.Texts(list, "PeerAssessments"));

        // Leicester's request only (Cardiff asked after the month ended; Birmingham, in the Midlands too, is not on the list); Leicester sat on a held panel.
        Assert.Equal([1.0, 0.0, 1.0, double.NaN, 1.0], Figures(mixed).Select(f => f.Value));
        Assert.Equal([(TestRegister.Leicester.OfficialName, 1.0, 0.0, "Yes")], Load(mixed));
        Assert.Equal([fixture.Requests.Leicester], mixed.Rows("PeerAssessments").Select(r => r["Reference"].GetString()));

        // Nothing held in the Midlands, so no median; Birmingham's and Leicester's assessors gave back all the same.
        Assert.Equal([2.0, 0.0, 2.0, double.NaN, 2.0], Figures(midlands).Select(f => f.Value));
        Assert.Equal("None held yet", midlands.Rows("PeerAssessmentFigures")[3]["At the month's end"].GetString());
        Assert.Empty(midlands.Rows("PeerAssessmentOutcomes"));
    }

    [Fact]
    public void Workbook_AboutSheet_DefinesHeldAndEveryPeerAssessmentFigure_AndNoOneIsNamed()
    {
        using var book = new WorkbookReader(fixture.Workbooks["london"]);
        var about = book.Workbook.Worksheet("About").CellsUsed().Select(c => c.GetString()).ToList();

        Assert.All(Figures(book), f => Assert.Contains(f.Label, about));
        Assert.Contains(about, text => text.Contains("confirmed the panel for a day on or before the month's last day", StringComparison.Ordinal));
        Assert.Contains("PeerAssessments", about);
        AssertNoPerson(string.Join('\n', book.AllCells().Select(c => c.GetString())));
    }

    [Fact]
    public async Task Feed_PeerAssessments_IsEveryRequestAsItStandsNow_WithFiltersCountAndKeys()
    {
        var client = FeedClient(fixture);
        var seed = fixture.Requests;
        var (rows, _) = await FeedPagesAsync(client, "/odata/PeerAssessments");

        Assert.Equal(6, rows.Count);
        var camden = rows.Single(r => r["Reference"]!.GetValue<string>() == seed.Camden);
        Assert.Equal(("report-published", "amber", true, 35, 1, "london"),
            (camden["Status"]!.GetValue<string>(), camden["Outcome"]!.GetValue<string>(), camden["Held"]!.GetValue<bool>(),
             camden["DaysToAssessment"]!.GetValue<int>(), camden["PanelSeats"]!.GetValue<int>(), camden["Region"]!.GetValue<string>()));
        var birmingham = rows.Single(r => r["Reference"]!.GetValue<string>() == seed.Birmingham);
        Assert.Equal(("panel-confirmed", false), (birmingham["Status"]!.GetValue<string>(), birmingham["Held"]!.GetValue<bool>()));
        Assert.Null(birmingham["DaysToAssessment"]);

        var (london, _) = await FeedPagesAsync(client, "/odata/PeerAssessments?$filter=Region eq 'london' and Held eq true&$select=Reference,DaysToAssessment");
        Assert.Equal(new[] { seed.Camden, seed.WestminsterFirst, seed.WestminsterSecond }.Order(StringComparer.Ordinal), london.Select(r => r["Reference"]!.GetValue<string>()));
        Assert.All(london, r => Assert.Equal(["DaysToAssessment", "Reference"], r.AsObject().Select(p => p.Key).Where(k => !k.StartsWith('@')).Order(StringComparer.Ordinal)));
        Assert.Equal("2", await client.GetStringAsync(new Uri("/odata/PeerAssessments/$count?$filter=Status eq 'requested'", UriKind.Relative)));
        var one = await client.GetAsync(new Uri($"/odata/PeerAssessments('{seed.Leicester}')", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(TestRegister.Leicester.GssCode, JsonNode.Parse(await one.Content.ReadAsStringAsync())!["GssCode"]!.GetValue<string>());
        AssertNoPerson(string.Join('\n', rows.Select(r => r.ToJsonString())));
    }

    [Fact]
    public async Task Feed_AssessorLoad_IsEachCouncilsSeatsOnHeldPanels_AgainstItsAssessmentsHeld_AndBothSetsAreInTheMetadata()
    {
        var client = FeedClient(fixture);
        var (rows, _) = await FeedPagesAsync(client, "/odata/AssessorLoad");

        Assert.Equal(
            [(TestRegister.Leicester.GssCode, 1, 0, true), (TestRegister.Birmingham.GssCode, 1, 0, true), (TestRegister.Camden.GssCode, 0, 1, false), (TestRegister.Westminster.GssCode, 1, 2, true)],
            rows.Select(r => (r["GssCode"]!.GetValue<string>(), r["AssessmentsGiven"]!.GetValue<int>(), r["AssessmentsReceived"]!.GetValue<int>(), r["GivesBack"]!.GetValue<bool>())).ToList());

        var metadata = await client.GetStringAsync(new Uri("/odata/$metadata", UriKind.Relative));
        Assert.Contains("<EntitySet Name=\"PeerAssessments\" EntityType=\"LocalGovStandard.PeerAssessment\"", metadata, StringComparison.Ordinal);
        Assert.Contains("<EntitySet Name=\"AssessorLoad\" EntityType=\"LocalGovStandard.AssessorLoad\"", metadata, StringComparison.Ordinal);
        var service = JsonNode.Parse(await client.GetStringAsync(new Uri("/odata", UriKind.Relative)))!["value"]!.AsArray().Select(s => s!["name"]!.GetValue<string>());
        Assert.Contains("PeerAssessments", service);
        Assert.Contains("AssessorLoad", service);
        Assert.Equal(
            ["Reference", "GssCode", "CouncilName", "Region", "ServiceName", "Phase", "StandardId", "Status", "RequestedAt", "RequestedMonth", "PanelDate",
             "ReportPublishedAt", "Held", "Outcome", "DaysToAssessment", "ReassessmentOf", "PanelSeats"],
            Properties(metadata, "PeerAssessment"));
        Assert.Equal(["GssCode", "CouncilName", "Region", "AssessmentsGiven", "AssessmentsReceived", "GivesBack"], Properties(metadata, "AssessorLoad"));
    }

    [Fact]
    public async Task Dashboard_ShowsTheFiguresNow_InWordsAndATable_AndMarksListedCouncilsThatGiveBack_WithoutNames()
    {
        var (response, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [["Requested", "6"], ["Held", "3"], ["Still to be held", "3"], ["Median days from request to assessment", "35"], ["Councils giving back (their assessors sat on a panel)", "3"]],
            TableRows(page, "peer-assessments"));
        Assert.Equal([["Local Government Digital Service Standard", "Met", "1"], ["Service Standard", "Amber", "1"], ["Service Standard", "Red", "1"]],
            TableRows(page, "peer-assessment-outcomes"));
        Assert.Equal("So far, councils have asked for 6 peer assessments: 3 held and 3 still to be held. From request to assessment took a median of 35 days. 3 councils give back: their assessors sat on other councils' panels.",
            page.QuerySelector("[data-caption='peer-assessments']")!.TextContent);
        Assert.Null(page.QuerySelector("table[data-table='assessor-load']"));

        var adopters = page.QuerySelectorAll("[data-list='adopters'] li").ToDictionary(li => li.QuerySelector("a")!.TextContent.Trim(), li => li.QuerySelector("[data-gives-back]") is not null);
        Assert.Equal(new Dictionary<string, bool> { [Westminster] = true, [TestRegister.Birmingham.OfficialName] = true, [TestRegister.Cardiff.OfficialName] = false }, adopters);
        AssertNoPerson(page.Body!.TextContent);
        Assert.DoesNotContain(TestRegister.Leicester.OfficialName, page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_OfAPeerGroupOrAStandard_CountsTheirAssessments_AndTheOrganisersViewAddsEachCouncilsLoad()
    {
        var (_, midlands) = await GetPageAsync(fixture.CreateClient(), "/dashboard?peerGroup=midlands");
        Assert.Equal(["2", "0", "2", "None held yet", "2"], TableRows(midlands, "peer-assessments").Select(r => r[1]));
        Assert.Null(midlands.QuerySelector("table[data-table='peer-assessment-outcomes']"));
        Assert.Equal("So far, councils in Midlands have asked for 2 peer assessments: 0 held and 2 still to be held. 2 councils give back: their assessors sat on other councils' panels.",
            midlands.QuerySelector("[data-caption='peer-assessments']")!.TextContent);

        // One standard: the LGDSS requests only (Westminster's first, held; Birmingham's, Leicester's and Cardiff's, not yet), and the one
        // council on Westminster's panel whose member accepted (Camden's never answered, Cardiff's declined).
        var (_, lgdss) = await GetPageAsync(fixture.CreateClient(), "/dashboard?standard=lgdss-2016");
        Assert.Equal(["4", "1", "3", "40", "1"], TableRows(lgdss, "peer-assessments").Select(r => r[1]));
        Assert.Equal([["Local Government Digital Service Standard", "Met", "1"]], TableRows(lgdss, "peer-assessment-outcomes"));

        var (response, organiser) = await GetPageAsync(fixture.CreateAdminClient(), "/api/admin/dashboard?peerGroup=london");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([[Westminster, "1", "2", "Yes"], [Camden, "0", "1", "No"]], TableRows(organiser, "assessor-load"));
        AssertNoPerson(organiser.Body!.TextContent);
    }

    [Fact]
    public async Task CouncilPage_SaysWhetherTheCouncilGivesBack_AndHowManyOfItsAssessmentsWereHeld()
    {
        var (_, westminster) = await GetPageAsync(fixture.CreateClient(), $"/dashboard/councils/{TestRegister.Westminster.GssCode}");
        var (_, cardiff) = await GetPageAsync(fixture.CreateClient(), $"/dashboard/councils/{TestRegister.Cardiff.GssCode}");

        Assert.Equal("Yes: its assessors took 1 seat on other councils' peer-assessment panels", Fact(westminster, "gives-back"));
        Assert.Equal("2", Fact(westminster, "peer-assessments-received"));
        Assert.StartsWith("Not yet", Fact(cardiff, "gives-back"), StringComparison.Ordinal);
        Assert.Equal("0", Fact(cardiff, "peer-assessments-received"));
    }

    private static List<string> Properties(string metadata, string entityType)
    {
        var start = metadata.IndexOf($"<EntityType Name=\"{entityType}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no entity type {entityType}");
        var block = metadata[start..metadata.IndexOf("</EntityType>", start, StringComparison.Ordinal)];
        return System.Text.RegularExpressions.Regex.Matches(block, "<Property Name=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
    }

    private static string Fact(AngleSharp.Dom.IDocument page, string fact) =>
        page.QuerySelector($"[data-fact='{fact}'] dd")!.TextContent.Trim();

    private static List<(string Label, double Value)> Figures(WorkbookReader book) =>
        book.Rows("PeerAssessmentFigures").Select(r => (r["Figure"].GetString(), r["At the month's end"].DataType == ClosedXML.Excel.XLDataType.Number ? r["At the month's end"].GetDouble() : double.NaN)).ToList();

    private static List<(string Council, double Given, double Received, string GivesBack)> Load(WorkbookReader book) =>
        book.Rows("AssessorLoad").Select(r => (r["Council"].GetString(), r["Assessments given"].GetDouble(), r["Assessments received"].GetDouble(), r["Gives back"].GetString())).ToList();

    private static void AssertNoPerson(string text)
    {
        Assert.DoesNotContain(PeerAssessmentReportingSeed.AssessorName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PeerAssessmentReportingSeed.DeclinedName, text, StringComparison.Ordinal);
        Assert.DoesNotContain(PeerAssessmentReportingSeed.ContactKey, text, StringComparison.Ordinal);
    }
}
