using System.Globalization;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Assessments;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Summits;

/// <summary>Who a summit invites: a minimum of submitted assessments lets in the councils that have them, and a person is invited once.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class InviteeSelectionTests(AssessmentFixture fixture) : IClassFixture<AssessmentFixture>
{
    private static readonly object Midlands = new { verifiedOnOrBefore = "2026-01-31", peerGroups = new[] { "midlands" } };

    [Fact]
    public async Task AMinimumOfSubmittedAssessments_InvitesTheContactsOfCouncilsThatHaveThem_AndNoOthers()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var reference = await AssessmentSteps.SubmittedAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Invitation qualifier"), _ => "met", 15);
        var admin = fixture.CreateAdminClient();
        var id = (await SummitSteps.CreateSummitAsync(admin, fixture.Clock, 10))["id"]!.GetValue<string>();
        var today = fixture.Clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var one = await PreviewAsync(admin, id, $"verifiedOnOrBefore={today}&peerGroups=london&minSubmittedAssessments=1");
        var two = await PreviewAsync(admin, id, $"verifiedOnOrBefore={today}&peerGroups=london&minSubmittedAssessments=2");
        var none = await PreviewAsync(admin, id, $"verifiedOnOrBefore={today}&peerGroups=london");

        var invitee = Assert.Single(one["invitees"]!.AsArray())!;
        Assert.Equal(AssessmentFixture.WestminsterContact, invitee["contactEmail"]!.GetValue<string>());
        Assert.Contains("City of Westminster has submitted 1 assessment (at least 1)", invitee["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, two["count"]!.GetValue<int>());
        Assert.Equal([AssessmentFixture.CamdenContact, AssessmentFixture.WestminsterContact], none["invitees"]!.AsArray().Select(i => i!["contactEmail"]!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task APersonSignedUpForTwoCouncils_IsInvitedOnce_InOneSendAndAcrossSends()
    {
        var verified = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var shared = await SummitSteps.SeedContactsAsync(fixture, TestRegister.Leicester, "shared.service", 1, verified, domain: "midlands-shared.gov.uk");
        var admin = fixture.CreateAdminClient();
        var id = (await SummitSteps.CreateSummitAsync(admin, fixture.Clock, 10))["id"]!.GetValue<string>();
        fixture.SendGrid.Reset();
        await SummitSteps.SendAsync(admin, id, Midlands);

        // They sign up for a second council, which sorts first: the preview lists them once, and the next send invites nobody again.
        await SummitSteps.SeedContactsAsync(fixture, TestRegister.Birmingham, "shared.service", 1, verified, domain: "midlands-shared.gov.uk");
        var preview = await PreviewAsync(admin, id, "verifiedOnOrBefore=2026-01-31&peerGroups=midlands");
        var again = await SummitSteps.SendAsync(admin, id, Midlands);
        var invitations = await SummitSteps.InvitationsAsync(admin, id);

        Assert.Single(preview["invitees"]!.AsArray(), i => i!["contactEmail"]!.GetValue<string>() == shared[0]);
        Assert.Equal(0, again["run"]!["sent"]!.GetValue<int>());
        Assert.Single(invitations["invitations"]!.AsArray(), i => i!["contactEmail"]!.GetValue<string>() == shared[0]);
        Assert.Single(SummitSteps.Recipients(fixture.SendGrid.Accepted), r => r.Email == shared[0]);
    }

    private static async Task<JsonNode> PreviewAsync(HttpClient admin, string summitId, string query) =>
        JsonNode.Parse(await admin.GetStringAsync(new Uri($"/api/admin/summits/{summitId}/invitees?{query}", UriKind.Relative)))!;
}
