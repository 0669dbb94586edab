using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>A council asks its peer group for a peer assessment: what is refused and why, who is emailed (once), and who sees it.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PeerAssessmentRequestTests(PeerAssessmentFixture fixture) : IClassFixture<PeerAssessmentFixture>
{
    private static readonly string[] OwnAndUnknownCouncils = ["E09000033", "NOT-A-COUNCIL"];

    private DateOnly Today => UkTime.Today(fixture.Clock);

    [Fact]
    public async Task ARequest_IsStoredForTheSessionsCouncil_AndTheCouncilSeesItAndItsStatus_ButNoOtherCouncilDoes()
    {
        var asker = await AccessSteps.BearerClientAsync(fixture, PeerAssessmentFixture.Asker);
        var created = await asker.PostAsJsonAsync("/api/peer-assessments", Body("Parking permits"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var view = (await created.Content.ReadFromJsonAsync<JsonNode>())!;
        var reference = view["reference"]!.GetValue<string>();
        Assert.Equal("City of Westminster", view["councilName"]!.GetValue<string>());
        Assert.Equal("requested", view["status"]!.GetValue<string>());
        Assert.Equal([Iso(Today.AddDays(21)), Iso(Today.AddDays(30))], view["preferredDates"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("London Borough of Camden", view["conflicts"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Ada Lovelace", view["contactName"]!.GetValue<string>());

        var list = await asker.GetFromJsonAsync<JsonArray>("/api/peer-assessments");
        Assert.Contains(list!, r => r!["reference"]!.GetValue<string>() == reference && r["status"]!.GetValue<string>() == "requested");

        var camden = await AccessSteps.BearerClientAsync(fixture, PeerAssessmentFixture.LondonLead);
        Assert.Equal(HttpStatusCode.NotFound, (await camden.GetAsync(new Uri($"/api/peer-assessments/{reference}", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain((await camden.GetFromJsonAsync<JsonArray>("/api/peer-assessments"))!, r => r!["reference"]!.GetValue<string>() == reference);
    }

    [Fact]
    public async Task EveryMissingOrWrongField_IsNamed_AndNothingIsStored()
    {
        var asker = await AccessSteps.BearerClientAsync(fixture, PeerAssessmentFixture.Asker);
        var before = (await asker.GetFromJsonAsync<JsonArray>("/api/peer-assessments"))!.Count;

        var empty = await ErrorsAsync(asker, new { });
        var wrong = await ErrorsAsync(asker, new
        {
            serviceName = "Bins\nand more", serviceUrl = "ftp://example.gov.uk", phase = "gamma", standardId = "iso-9001",
            preferredDates = new[] { Iso(Today.AddDays(40)), "31/12/2031" },
            contactReference = fixture.CamdenLeadReference,
            conflicts = OwnAndUnknownCouncils,
        });

        Assert.Equal(["contactReference", "phase", "preferredDates", "serviceName", "standardId"], empty.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["conflicts[0]", "conflicts[1]", "contactReference", "phase", "preferredDates[1]", "serviceName", "serviceUrl", "standardId"],
            wrong.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Select one of the council's approved contacts", wrong["contactReference"]);
        Assert.Equal((await asker.GetFromJsonAsync<JsonArray>("/api/peer-assessments"))!.Count, before);
    }

    [Fact]
    public async Task DatesLessThanThreeWeeksAhead_FewerThanTwo_MoreThanFive_OrTwiceTheSame_AreRefused()
    {
        var asker = await AccessSteps.BearerClientAsync(fixture, PeerAssessmentFixture.Asker);

        var soon = await ErrorsAsync(asker, Body("Soon", Today.AddDays(20), Today.AddDays(21)));
        var one = await ErrorsAsync(asker, Body("One", Today.AddDays(30)));
        var six = await ErrorsAsync(asker, Body("Six", Enumerable.Range(0, 6).Select(i => Today.AddDays(30 + i)).ToArray()));
        var twice = await ErrorsAsync(asker, Body("Twice", Today.AddDays(30), Today.AddDays(30)));

        Assert.Equal(["preferredDates[0]"], soon.Keys);
        Assert.StartsWith("Preferred date 1 must be at least 3 weeks ahead", soon["preferredDates[0]"], StringComparison.Ordinal);
        Assert.Equal("Enter at least 2 preferred dates", one["preferredDates"]);
        Assert.Equal("Enter up to 5 preferred dates", six["preferredDates"]);
        Assert.Equal("Preferred date 2 is the same as an earlier one", twice["preferredDates[1]"]);
    }

    [Fact]
    public async Task EachLeadOfThePeerGroup_IsEmailedTheRequestOnce_EvenWhenTheLeadsAreNotifiedAgain()
    {
        var asker = await AccessSteps.BearerClientAsync(fixture, PeerAssessmentFixture.Asker);
        var created = await asker.PostAsJsonAsync("/api/peer-assessments", Body("Library loans"));
        var reference = (await created.Content.ReadFromJsonAsync<JsonNode>())!["reference"]!.GetValue<string>();
        await EmailQueueSteps.DrainedAsync(fixture);

        var requests = fixture.App.Services.GetRequiredService<PeerAssessmentRequests>();
        var store = fixture.App.Services.GetRequiredService<PeerAssessmentRequestStore>();
        var stored = (await store.FindAsync("london", reference, CancellationToken.None))!;
        Assert.Equal(2, await requests.NotifyLeadsAsync(stored, CancellationToken.None));
        await EmailQueueSteps.DrainedAsync(fixture);

        var sent = fixture.SendGrid.Accepted.Where(m => m.MessageId.StartsWith($"peer-request-{reference}-", StringComparison.Ordinal)).ToList();
        Assert.Equal([PeerAssessmentFixture.LondonLead, PeerAssessmentFixture.OtherLondonLead], sent.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(sent, m => Assert.Equal("City of Westminster asks for a peer assessment of Library loans", m.Subject));
        Assert.All(sent, m => Assert.Contains($"/assessments/peer-groups/london/requests/{reference}", m.PlainText, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.SendGrid.Accepted, m => m.To == PeerAssessmentFixture.MidlandsLead && m.MessageId.Contains(reference, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheGroupsLead_SeesTheRequest_ALeadOfAnotherGroupOrAnyoneElseGets404()
    {
        var asker = await AccessSteps.BearerClientAsync(fixture, PeerAssessmentFixture.Asker);
        var created = await asker.PostAsJsonAsync("/api/peer-assessments", Body("Council tax"));
        var reference = (await created.Content.ReadFromJsonAsync<JsonNode>())!["reference"]!.GetValue<string>();
        var london = await PageSession.SignInAsync(fixture, PeerAssessmentFixture.LondonLead);
        var midlands = await PageSession.SignInAsync(fixture, PeerAssessmentFixture.MidlandsLead);
        var colleague = await PageSession.SignInAsync(fixture, PeerAssessmentFixture.Colleague);

        var list = await london.GetAsync("/assessments/peer-groups/london/requests");
        var page = await london.GetAsync($"/assessments/peer-groups/london/requests/{reference}");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("Council tax", list.Document.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Peer assessment of Council tax", page.Heading);
        Assert.Contains(PeerAssessmentFixture.Colleague, page.Element("main .govuk-summary-list")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await midlands.GetAsync("/assessments/peer-groups/london/requests")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await midlands.GetAsync($"/assessments/peer-groups/london/requests/{reference}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await midlands.GetAsync($"/assessments/peer-groups/midlands/requests/{reference}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/assessments/peer-groups/london/requests/{reference}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync($"/assessments/peer-requests/{reference}")).Status);
    }

    [Fact]
    public async Task ThePageForm_NamesEachProblemInTheErrorSummary_ThenSendsTheRequest_WhichTheConsoleLists()
    {
        var session = await PageSession.SignInAsync(fixture, PeerAssessmentFixture.Asker);
        var form = await session.GetAsync("/assessments/peer-requests/new");
        var soon = Today.AddDays(7);

        var refused = await session.SubmitAsync(form, new Dictionary<string, string>
        {
            ["preferredDate1-day"] = soon.Day.ToString(CultureInfo.InvariantCulture), ["preferredDate1-month"] = soon.Month.ToString(CultureInfo.InvariantCulture),
            ["preferredDate1-year"] = soon.Year.ToString(CultureInfo.InvariantCulture), ["preferredDate2-day"] = "12",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["#serviceName", "#phase", "#standardId", "#preferredDate1-day", "#preferredDate2-month", "#contactReference"], refused.ErrorLinks);
        Assert.Equal("Preferred date 2 must include a month and year", refused.ErrorMessages[4]);

        var answers = new Dictionary<string, string>
        {
            ["serviceName"] = "Report a pothole", ["phase"] = "beta", ["standardId"] = "service-standard-2019",
            ["contactReference"] = fixture.ColleagueReference, ["conflict1"] = "E09000007",
        };
        foreach (var (n, date) in new[] { (1, Today.AddDays(22)), (2, Today.AddDays(29)) })
        {
            answers[$"preferredDate{n}-day"] = date.Day.ToString(CultureInfo.InvariantCulture);
            answers[$"preferredDate{n}-month"] = date.Month.ToString(CultureInfo.InvariantCulture);
            answers[$"preferredDate{n}-year"] = date.Year.ToString(CultureInfo.InvariantCulture);
        }

        var sent = await session.SubmitAndFollowAsync(refused, answers);
        Assert.Equal("Request sent", sent.Element(".govuk-panel__title")!.TextContent.Trim());
        var reference = sent.Element(".govuk-panel__body strong")!.TextContent.Trim();

        var console = await Organiser.ConsoleSteps.SignInAsync(fixture);
        var listed = await console.GetAsync("/organiser/peer-assessments");
        var shown = await console.GetAsync($"/organiser/peer-assessments/{reference}");
        Assert.Contains(reference, listed.Document.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Peer assessment of Report a pothole", shown.Heading);
        Assert.Contains("London Borough of Camden", shown.Element("main .govuk-summary-list")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheProposal_ForAStoredRequest_TakesItsCouncilConflictsPeerGroupStandardAndDates()
    {
        var asker = await AccessSteps.BearerClientAsync(fixture, PeerAssessmentFixture.Asker);
        var created = await asker.PostAsJsonAsync("/api/peer-assessments", Body("Housing repairs", Today.AddDays(40), Today.AddDays(33)));
        var reference = (await created.Content.ReadFromJsonAsync<JsonNode>())!["reference"]!.GetValue<string>();
        var roles = new[] { "lead-assessor", "user-research", "design", "technology", "delivery", "content" };
        var pool = roles.Select((role, i) => Assessor($"far-{role}", $"Far {role}", $"S1200004{i}", "scotland", role))
            .Concat(roles.Select((role, i) => Assessor($"near-{role}", $"Near {role}", $"E0900010{i}", "london", role)))
            .Append(Assessor("own", "Olu Own", "E09000033", "london", "lead-assessor"))
            .Append(Assessor("conflict", "Cam Conflict", "E09000007", "london", "lead-assessor"))
            .ToList();

        var proposals = fixture.App.Services.GetRequiredService<LocalGovStandard.PeerAssessments.Proposals.PanelProposals>();
        var proposal = (await proposals.ProposeAsync(reference, pool, CancellationToken.None))!;

        Assert.True(proposal.IsComplete, string.Join("; ", proposal.Gaps));
        Assert.Equal(roles, proposal.Members.Select(m => m.RoleId));
        Assert.All(proposal.Members, m => Assert.StartsWith("near-", m.AssessorId, StringComparison.Ordinal));
        Assert.Equal(Today.AddDays(33), proposal.Date);
        Assert.Null(await proposals.ProposeAsync("PAR-2222-3333", pool, CancellationToken.None));
    }

    private static LocalGovStandard.PeerAssessments.ApprovedAssessor Assessor(string id, string name, string council, string region, string role) =>
        new(id, name, council, council, region, [role], ["service-standard-2019"], [], 2, new DateOnly(2029, 1, 1));

    private object Body(string serviceName, params DateOnly[] dates) => new
    {
        serviceName,
        serviceUrl = "https://www.westminster.gov.uk/" + serviceName.ToLowerInvariant().Replace(' ', '-'),
        phase = "beta",
        standardId = "service-standard-2019",
        preferredDates = (dates.Length == 0 ? [Today.AddDays(30), Today.AddDays(21)] : dates).Select(Iso).ToArray(),
        contactReference = fixture.ColleagueReference,
        conflicts = new[] { "E09000007" },
    };

    private static async Task<Dictionary<string, string>> ErrorsAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/peer-assessments", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject();
        return errors.ToDictionary(e => e.Key, e => e.Value![0]!.GetValue<string>());
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
