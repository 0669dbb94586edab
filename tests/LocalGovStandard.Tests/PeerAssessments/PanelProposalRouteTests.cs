using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Platform;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>
/// The proposal as leads and organisers get it: from the assessors who offered and were approved (the pool), for a
/// request a council made, never from the council itself or a declared conflict.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PanelProposalRouteTests(PeerAssessmentFixture fixture) : IClassFixture<PeerAssessmentFixture>
{
    private static readonly string[] Roles = ["lead-assessor", "user-research", "design", "technology", "delivery", "content"];

    private DateOnly Today => UkTime.Today(fixture.Clock);

    [Fact]
    public async Task ApprovedOffers_FromOtherCouncils_MakeAnExplainedPanel_AndAWithdrawnOrUnapprovedOneIsNeverProposed()
    {
        var reference = await RequestAsync();
        var admin = fixture.CreateAdminClient();

        var before = await admin.GetFromJsonAsync<JsonNode>($"/api/admin/peer-assessments/{reference}/proposal");
        Assert.Null(before!["date"]);
        Assert.Contains(before["gaps"]!.AsArray(), g => g!.GetValue<string>().Contains("lead assessor", StringComparison.OrdinalIgnoreCase));

        var offers = new (TestCouncil Council, string Email, string Role)[]
        {
            (TestRegister.Birmingham, "lead.assessor@birmingham.gov.uk", "lead-assessor"),
            (TestRegister.Birmingham, "researcher@birmingham.gov.uk", "user-research"),
            (TestRegister.Leicester, "designer@leicester.gov.uk", "design"),
            (TestRegister.Leicester, "technologist@leicester.gov.uk", "technology"),
            (TestRegister.Cardiff, "delivery@cardiff.gov.wales", "delivery"),
            (TestRegister.Fife, "content@fife.gov.scot", "content"),
        };
        foreach (var (council, email, role) in offers)
        {
            var (_, assessorId) = await AssessorSteps.OfferAsync(fixture, council, email, Offer(role));
            Assert.Equal(HttpStatusCode.OK, (await AssessorSteps.ApproveAsync(fixture, assessorId, Iso(Today.AddDays(-30)))).StatusCode);
        }

        // Westminster's own offer is approved too, and a Camden one: the council and its declared conflict are never proposed.
        foreach (var (council, email) in new[] { (TestRegister.Westminster, "own.assessor@westminster.gov.uk"), (TestRegister.Camden, "conflicted@camden.gov.uk") })
        {
            var (_, assessorId) = await AssessorSteps.OfferAsync(fixture, council, email, Offer("lead-assessor"));
            Assert.Equal(HttpStatusCode.OK, (await AssessorSteps.ApproveAsync(fixture, assessorId, Iso(Today.AddDays(-30)))).StatusCode);
        }

        var proposal = (await admin.GetFromJsonAsync<JsonNode>($"/api/admin/peer-assessments/{reference}/proposal"))!;

        Assert.Empty(proposal["gaps"]!.AsArray());
        Assert.Equal(Roles, proposal["members"]!.AsArray().Select(m => m!["roleId"]!.GetValue<string>()));
        Assert.DoesNotContain(proposal["members"]!.AsArray(), m => m!["councilCode"]!.GetValue<string>() is "E09000033" or "E09000007");
        var lead = proposal["members"]![0]!;
        Assert.Equal("Birmingham City Council", lead["councilName"]!.GetValue<string>());
        Assert.StartsWith($"{lead["name"]!.GetValue<string>()}, Birmingham City Council: lead assessor", lead["explanation"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Elsewhere", lead["nearness"]!.GetValue<string>());
        Assert.Equal(Iso(Today.AddDays(30)), proposal["date"]!.GetValue<string>());

        var again = (await admin.GetFromJsonAsync<JsonNode>($"/api/admin/peer-assessments/{reference}/proposal"))!;
        Assert.Equal(proposal.ToJsonString(), again.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri("/api/admin/peer-assessments/PAR-0000-0000/proposal", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task TheProposal_NeedsTheOrganiserKey()
    {
        var reference = await RequestAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.CreateClient().GetAsync(new Uri($"/api/admin/peer-assessments/{reference}/proposal", UriKind.Relative))).StatusCode);
        var asker = await AccessSteps.BearerClientAsync(fixture, PeerAssessmentFixture.Asker);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asker.GetAsync(new Uri($"/api/admin/peer-assessments/{reference}/proposal", UriKind.Relative))).StatusCode);
    }

    private Task<string> RequestAsync() => PanelSteps.RequestAsync(fixture, Today.AddDays(30), Today.AddDays(40));

    private static JsonObject Offer(string role) => new()
    {
        ["roles"] = new JsonArray(role),
        ["standards"] = new JsonArray("service-standard-2019"),
        ["unavailable"] = new JsonArray(),
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
