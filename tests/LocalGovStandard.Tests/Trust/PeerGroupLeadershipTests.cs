using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;

namespace LocalGovStandard.Tests.Trust;

/// <summary>A peer group's lead acts for it when signed in as an approved contact whose address is one of the group's leads.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PeerGroupLeadershipTests(TrustFixture fixture) : IClassFixture<TrustFixture>
{
    [Fact]
    public async Task AnApprovedContactNamedAsLead_SeesTheGroup_AndOthersSeeNone()
    {
        const string lead = "leader@westminster.gov.uk";
        const string other = "colleague@westminster.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, lead);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, other);
        await ReportSteps.SetLeadsAsync(fixture.CreateAdminClient(), "london", "London", ["london"], new ReportSteps.Lead("Lee Leader", "LEADER@westminster.gov.uk"));

        var asLead = await (await AccessSteps.BearerClientAsync(fixture, lead)).GetFromJsonAsync<JsonArray>("/api/access/peer-groups");
        var asOther = await (await AccessSteps.BearerClientAsync(fixture, other)).GetFromJsonAsync<JsonArray>("/api/access/peer-groups");

        Assert.Equal(["london"], asLead!.Select(g => g!["slug"]!.GetValue<string>()));
        Assert.Empty(asOther!);
    }

    [Fact]
    public async Task ALeadsAddressWaitingForApproval_LeadsNothing_AndWithoutASessionTheRouteAsksForOne()
    {
        const string waiting = "waiting-lead@camden.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, waiting);
        await ReportSteps.SetLeadsAsync(fixture.CreateAdminClient(), "midlands", "Midlands", ["east-midlands", "west-midlands"], new ReportSteps.Lead("Wendy Waiting", waiting));

        Assert.Equal("awaiting-approval", await TrustSteps.StatusAsync(fixture, TestRegister.Westminster, waiting));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => AccessSteps.RequestLinkAsync(fixture, waiting));
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.CreateClient().GetAsync(new Uri("/api/access/peer-groups", UriKind.Relative))).StatusCode);
    }
}
