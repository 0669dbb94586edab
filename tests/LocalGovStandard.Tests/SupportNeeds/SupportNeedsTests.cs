using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Privacy;

namespace LocalGovStandard.Tests.SupportNeeds;

/// <summary>
/// Support needs on real Azurite, through the API and the pages: every answer set is kept and the latest counts; a bad
/// set is refused whole; a lead sees their own group's councils and no other group; erasure forgets who answered, not the answers.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SupportNeedsTests(SupportNeedsFixture fixture) : IClassFixture<SupportNeedsFixture>
{
    [Fact]
    public async Task AnsweringAgain_KeepsEveryVersion_AndTheLatestCounts()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, SupportNeedsFixture.Cardiff);
        var before = await VersionAsync(client);

        await SupportNeedSteps.PutOkAsync(client, (4, "a-little", "a-lot"));
        await SupportNeedSteps.PutOkAsync(client, (9, "partly", "some"));

        var current = (await client.GetFromJsonAsync<JsonNode>("/api/support-needs"))!;
        Assert.Equal(before + 2, current["version"]!.GetValue<int>());
        Assert.Equal("some", Point(current, 9)["support"]!.GetValue<string>());
        Assert.Equal("none", Point(current, 4)["support"]!.GetValue<string>());
        Assert.Equal("Make a plan for being offline", Point(current, 9)["title"]!.GetValue<string>());

        var versions = await VersionRowsAsync(TestRegister.Cardiff.GssCode);
        Assert.Equal(Enumerable.Range(1, before + 2), versions.Select(v => v.GetInt32("Version")!.Value));
        Assert.Contains("\"point\":4,\"understanding\":\"a-little\",\"support\":\"a-lot\"", versions[^2].GetString("AnswersJson"), StringComparison.Ordinal);
        Assert.Contains("\"point\":9,\"understanding\":\"partly\",\"support\":\"some\"", versions[^1].GetString("AnswersJson"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadAnswerSet_IsRefusedWhole_NamingTheField_AndNothingIsStored()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, SupportNeedsFixture.Leicester);
        var missing = new { points = new[] { new { point = 1, understanding = "well", support = "none" } } };
        var badValue = SupportNeedSteps.Body((3, "well", "loads"));

        using var missingResponse = await client.PutAsJsonAsync("/api/support-needs", missing);
        using var badResponse = await client.PutAsJsonAsync("/api/support-needs", badValue);
        using var current = await client.GetAsync(new Uri("/api/support-needs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, missingResponse.StatusCode);
        Assert.Contains("Missing: 2, 3", (await missingResponse.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["points"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badResponse.StatusCode);
        Assert.Contains("none, some, a-lot", (await badResponse.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["points[2].support"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, current.StatusCode);
        Assert.Empty(await VersionRowsAsync(TestRegister.Leicester.GssCode));
    }

    [Fact]
    public async Task ALead_SeesTheirGroupsCouncils_WithSuggestedTopics_AndNoOtherGroup()
    {
        await SupportNeedSteps.PutOkAsync(await AccessSteps.BearerClientAsync(fixture, SupportNeedsFixture.Westminster), (3, "not-at-all", "a-lot"), (8, "partly", "some"));
        await SupportNeedSteps.PutOkAsync(await AccessSteps.BearerClientAsync(fixture, SupportNeedsFixture.Camden), (3, "partly", "some"), (8, "a-little", "a-lot"), (12, "well", "some"));
        await SupportNeedSteps.PutOkAsync(await AccessSteps.BearerClientAsync(fixture, SupportNeedsFixture.Birmingham), (14, "not-at-all", "a-lot"));
        var admin = fixture.CreateAdminClient();
        var published = (await Packs.PackSteps.CreateAsync(admin, "midlands", "Agile in a week", 3))["id"]!.GetValue<string>();
        await Packs.PackSteps.PublishAsync(admin, published);
        await Packs.PackSteps.CreateAsync(admin, "london", "Agile draft", 3);
        var lead = await PageSession.SignInAsync(fixture, SupportNeedsFixture.LondonLead);
        var colleague = await PageSession.SignInAsync(fixture, SupportNeedsFixture.Camden);

        var page = await lead.GetAsync("/assessments/peer-groups/london/support-needs");

        Assert.True(page.Status == HttpStatusCode.OK, Failure(page));
        var rows = page.Document.QuerySelectorAll("table[data-table=support-needs] tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains(TestRegister.Camden.OfficialName, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(TestRegister.Westminster.OfficialName, StringComparison.Ordinal));
        Assert.DoesNotContain(TestRegister.Birmingham.OfficialName, page.Document.Body!.TextContent, StringComparison.Ordinal);

        // Points 3 and 8 both need 3 (a lot counts twice some); 3 is understood less (not at all + partly), so it comes first.
        var suggested = page.Document.QuerySelector("main > ol, main ol")!.QuerySelectorAll("li").Select(li => li.TextContent.Trim()).ToList();
        Assert.StartsWith("Point 3, Use agile methods", suggested[0], StringComparison.Ordinal);
        Assert.StartsWith("Point 8, Test the end-to-end service", suggested[1], StringComparison.Ordinal);
        Assert.StartsWith("Point 12,", suggested[2], StringComparison.Ordinal);
        var packLinks = page.Document.QuerySelector("main > ol, main ol")!.QuerySelectorAll("li")[0].QuerySelectorAll("a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([("Agile in a week (Midlands)", $"/peer-groups/packs/{published}")], packLinks);
        var westminsterCell = page.Document.QuerySelectorAll("table[data-table=support-needs] tbody tr")
            .Single(r => r.QuerySelector("th")!.TextContent.Contains(TestRegister.Westminster.OfficialName, StringComparison.Ordinal))
            .QuerySelectorAll("td")[2].TextContent;
        Assert.Contains("Support: A lot", westminsterCell, StringComparison.Ordinal);
        Assert.Contains("Understanding: Not at all", westminsterCell, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync("/assessments/peer-groups/midlands/support-needs")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync("/assessments/peer-groups/no-such-group/support-needs")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync("/assessments/peer-groups/london/support-needs")).Status);
        var anonymous = await PageSession.Anonymous(fixture).GetAsync("/assessments/peer-groups/london/support-needs");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Status);
    }

    [Fact]
    public async Task TheOrganiserSeesEveryGroup_WithHowManyCouncilsNeedSupport()
    {
        await SupportNeedSteps.PutOkAsync(await AccessSteps.BearerClientAsync(fixture, SupportNeedsFixture.Birmingham), (14, "not-at-all", "a-lot"), (2, "partly", "some"));
        var console = await Organiser.ConsoleSteps.SignInAsync(fixture);

        var page = await console.GetAsync("/organiser/support-needs");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var midlands = page.Document.QuerySelectorAll("table[data-table=support-needs] tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Midlands");
        var cells = midlands.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("1", cells[0]);
        Assert.EndsWith("1 of 1", cells[14], StringComparison.Ordinal);
        Assert.EndsWith("0 of 1", cells[1], StringComparison.Ordinal);
        Assert.StartsWith("Point 14, Keep researching", cells[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(TestRegister.Birmingham.OfficialName, page.Document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAnswerPage_RefusesAHalfAnsweredForm_ThenSavesTheWholeSet_AndShowsItAgain()
    {
        var session = await PageSession.SignInAsync(fixture, SupportNeedsFixture.Fife);
        var form = await session.GetAsync("/assessments/support-needs");
        var half = SupportNeedSteps.Form((1, "partly", "a-lot"));
        half.Remove("support-2");
        half.Remove("understanding-15");

        var refused = await session.SubmitAsync(form, half);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["#support-2", "#understanding-15"], refused.ErrorLinks);
        Assert.Equal("Select how much support you need with point 2, Have a multidisciplinary team", refused.ErrorMessages[0]);
        Assert.StartsWith("Error: ", refused.Document.Title, StringComparison.Ordinal);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)refused.Element("#support-1-3")!).IsChecked, "the posted answers are kept");
        Assert.Empty(await VersionRowsAsync(TestRegister.Fife.GssCode));

        var saved = await session.SubmitAndFollowAsync(refused, SupportNeedSteps.Form((1, "partly", "a-lot")));

        Assert.Equal("Your council's support needs", saved.Heading);
        Assert.Contains("Your answers were saved", saved.Element(".govuk-notification-banner--success")!.TextContent, StringComparison.Ordinal);
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)saved.Element("#understanding-1-2")!).IsChecked, "the page shows the answers that count");
        Assert.Single(await VersionRowsAsync(TestRegister.Fife.GssCode));
    }

    [Fact]
    public async Task Erasure_ForgetsWhoAnswered_AndKeepsTheCouncilsAnswers()
    {
        const string email = "erase.me@cardiff.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Cardiff, email);
        var reference = SignupSteps.ReferenceFor(fixture.SendGrid, email);
        await SupportNeedSteps.PutOkAsync(await AccessSteps.BearerClientAsync(fixture, email), (7, "a-little", "a-lot"));
        var contactKey = SignupService.ContactKey(email);
        var admin = fixture.CreateAdminClient();
        var contactPath = $"/api/admin/contacts/{TestRegister.Cardiff.GssCode}/{reference}";
        var export = (await admin.GetFromJsonAsync<JsonNode>(contactPath + "/personal-data"))!;
        Assert.Single(export["supportNeedsAnswered"]!.AsArray());

        using var erased = await admin.DeleteAsync(contactPath);

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(1, (await erased.Content.ReadFromJsonAsync<JsonNode>())!["supportNeedsAnswered"]!.GetValue<int>());
        Assert.DoesNotContain(await StorageScan.FindAsync(fixture, [email, reference, contactKey]), f => f.Store == "table SupportNeeds");
        var versions = await VersionRowsAsync(TestRegister.Cardiff.GssCode);
        Assert.Contains(versions, v => v.GetString("AnswersJson").Contains("\"point\":7,\"understanding\":\"a-little\",\"support\":\"a-lot\"", StringComparison.Ordinal) && v.GetString("AnsweredByName") is null);
    }

    private string Failure(HtmlPage page) =>
        $"{(int)page.Status}: " + string.Join("\n", fixture.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).TakeLast(3));

    private static JsonNode Point(JsonNode current, int number) => current["points"]!.AsArray().Single(p => p!["point"]!.GetValue<int>() == number)!;

    private static async Task<int> VersionAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/api/support-needs", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.NotFound ? 0 : (await response.Content.ReadFromJsonAsync<JsonNode>())!["version"]!.GetValue<int>();
    }

    private async Task<List<TableEntity>> VersionRowsAsync(string gssCode)
    {
        var table = new TableServiceClient(fixture.Storage.ConnectionString).GetTableClient("SupportNeeds");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"GssCode eq {gssCode}")))
        {
            if (row.RowKey.StartsWith("version|", StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        return [.. rows.OrderBy(r => r.GetInt32("Version"))];
    }
}
