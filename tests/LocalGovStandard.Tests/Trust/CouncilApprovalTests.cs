using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Trust;

/// <summary>Only people proven for a council act for it: its own domains prove an address; anyone else waits for approval.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CouncilApprovalTests(TrustFixture fixture) : IClassFixture<TrustFixture>
{
    [Fact]
    public async Task AnotherCouncilsAddress_WaitsForApproval_CannotSignIn_AndIsNotCounted()
    {
        const string email = "outsider@camden.gov.uk";
        var countedBefore = (await TrustSteps.CouncilAsync(fixture, TestRegister.Westminster))!["verifiedContacts"]!.GetValue<int>();

        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, email);

        Assert.Equal("awaiting-approval", await TrustSteps.StatusAsync(fixture, TestRegister.Westminster, email));
        Assert.Equal(countedBefore, (await TrustSteps.CouncilAsync(fixture, TestRegister.Westminster))!["verifiedContacts"]!.GetValue<int>());
        Assert.Contains(fixture.SendGrid.Accepted, m => m.To == email && m.Subject.Contains("check that you work for", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => AccessSteps.RequestLinkAsync(fixture, email));
    }

    [Fact]
    public async Task TheConfirmedPage_ForSomeoneWaiting_DoesNotClaimThatContactsWereAsked_WhenThereMayBeNone()
    {
        const string email = "newcomer@camden-partners.gov.uk";
        var client = fixture.CreateClient();
        await SignupSteps.SignUpAsync(client, SignupSteps.Body(TestRegister.Birmingham, email));

        var page = await SignupSteps.VerifyAsync(client, fixture.SendGrid, email);

        var text = page.Document.QuerySelector("main")!.TextContent;
        Assert.Contains("if your council already has contacts here we have asked them too", text, StringComparison.Ordinal);
        Assert.DoesNotContain("We have asked the council's existing contacts", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScottishAddress_ForAnEnglishCouncil_WaitsForApproval()
    {
        const string email = "someone@scotland.gov.scot";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, email);

        Assert.Equal("awaiting-approval", await TrustSteps.StatusAsync(fixture, TestRegister.Westminster, email));
    }

    [Fact]
    public async Task TheCouncilsOwnContact_ApprovesThroughTheEmailedLink_AfterAScannerOpenedIt()
    {
        const string email = "newcomer@hackney.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, email);
        var link = TrustSteps.LatestApprovalLink(fixture.SendGrid, TrustFixture.WestminsterLead);

        // A mail scanner opens the link twice, and HEADs it: nothing is decided.
        var scanner = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await scanner.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scanner.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative))).StatusCode);
        await scanner.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(link.PathAndQuery, UriKind.Relative)));
        Assert.Equal("awaiting-approval", await TrustSteps.StatusAsync(fixture, TestRegister.Westminster, email));

        var session = PageSession.Anonymous(fixture);
        var page = await session.GetAsync(link.PathAndQuery);
        Assert.Contains("work for City of Westminster", page.Heading, StringComparison.Ordinal);
        var unanswered = await session.SubmitAsync(page);
        Assert.Equal(HttpStatusCode.BadRequest, unanswered.Status);
        Assert.Contains("Select whether", unanswered.ErrorMessages.Single(), StringComparison.Ordinal);

        var answered = await session.SubmitAsync(unanswered, new Dictionary<string, string> { ["decision"] = "approve" });

        Assert.Equal(HttpStatusCode.OK, answered.Status);
        Assert.Equal("Approved", answered.Heading);
        Assert.Equal("verified", await TrustSteps.StatusAsync(fixture, TestRegister.Westminster, email));
        Assert.Contains(fixture.SendGrid.Accepted, m => m.To == email && m.Subject.StartsWith("You can now act for", StringComparison.Ordinal));
        await AccessSteps.RequestLinkAsync(fixture, email);
        var again = await session.SubmitAsync(page, new Dictionary<string, string> { ["decision"] = "decline" });
        Assert.Equal("Already answered", again.Heading);
    }

    [Fact]
    public async Task AForgedOrCrossKindApprovalToken_IsRefusedWithAPage()
    {
        var client = fixture.CreateClient();
        foreach (var token in new[] { "nonsense", "", AccessSteps.TokenOf(await AccessSteps.RequestLinkAsync(fixture, TrustFixture.WestminsterLead)) })
        {
            var response = await client.GetAsync(new Uri("/signup/approve?token=" + Uri.EscapeDataString(token), UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("This link is not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Approving_CanAddTheDomain_WhichApprovesOthersWaitingOnIt()
    {
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, "first@shared-services.gov.uk");
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, "second@shared-services.gov.uk");
        var reference = await TrustSteps.ReferenceAsync(fixture, TestRegister.Westminster, "first@shared-services.gov.uk");

        var response = await fixture.CreateAdminClient().PostAsync(new Uri($"/api/admin/contacts/{TestRegister.Westminster.GssCode}/{reference}/approve?addDomain=true", UriKind.Relative), null);
        var body = await response.Content.ReadFromJsonAsync<JsonNode>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("shared-services.gov.uk", body!["domainAdded"]!.GetValue<string>());
        Assert.Equal(1, body["alsoApproved"]!.GetValue<int>());
        Assert.Equal("verified", await TrustSteps.StatusAsync(fixture, TestRegister.Westminster, "second@shared-services.gov.uk"));
        var domains = await fixture.CreateAdminClient().GetFromJsonAsync<JsonNode>($"/api/admin/councils/{TestRegister.Westminster.GssCode}/domains");
        Assert.Contains("shared-services.gov.uk", domains!["domains"]!.AsArray().Select(d => d!.GetValue<string>()));

        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, "third@team.shared-services.gov.uk");
        Assert.Equal("verified", await TrustSteps.StatusAsync(fixture, TestRegister.Westminster, "third@team.shared-services.gov.uk"));
    }

    [Fact]
    public async Task Declining_TellsThePerson_AndWithdrawingAnApproval_EndsTheirSessionsAndCount()
    {
        const string email = "withdrawn@islington.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, email);
        var reference = await TrustSteps.ReferenceAsync(fixture, TestRegister.Westminster, email);
        var admin = fixture.CreateAdminClient();
        var approve = $"/api/admin/contacts/{TestRegister.Westminster.GssCode}/{reference}/approve";
        var decline = $"/api/admin/contacts/{TestRegister.Westminster.GssCode}/{reference}/decline";
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(new Uri(approve, UriKind.Relative), null)).StatusCode);
        var counted = (await TrustSteps.CouncilAsync(fixture, TestRegister.Westminster))!["verifiedContacts"]!.GetValue<int>();
        var bearer = await AccessSteps.BearerClientAsync(fixture, email);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync(new Uri("/api/assessments", UriKind.Relative))).StatusCode);

        var declined = await (await admin.PostAsync(new Uri(decline, UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonNode>();

        Assert.Equal("declined", declined!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync(new Uri("/api/assessments", UriKind.Relative))).StatusCode);
        Assert.Equal(counted - 1, (await TrustSteps.CouncilAsync(fixture, TestRegister.Westminster))!["verifiedContacts"]!.GetValue<int>());
        Assert.Contains(fixture.SendGrid.Accepted, m => m.To == email && m.Subject.StartsWith("You cannot act for", StringComparison.Ordinal));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => AccessSteps.RequestLinkAsync(fixture, email));
        var repeat = await (await admin.PostAsync(new Uri(decline, UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonNode>();
        Assert.False(repeat!["changed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ApprovingAnUnknownContact_Is404ProblemDetails()
    {
        var response = await fixture.CreateAdminClient().PostAsync(new Uri($"/api/admin/contacts/{TestRegister.Westminster.GssCode}/LGS-ZZZZ-ZZZZ/approve", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TheWaitingList_NamesEveryoneWaiting_WithTheirCouncilsDomains()
    {
        const string email = "waiting@lambeth.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, email);

        var waiting = await fixture.CreateAdminClient().GetFromJsonAsync<JsonArray>("/api/admin/contacts/awaiting-approval");

        var row = waiting!.Single(w => w!["contactEmail"]!.GetValue<string>() == email)!;
        Assert.Equal(TestRegister.Westminster.GssCode, row["councilCode"]!.GetValue<string>());
        Assert.Contains("westminster.gov.uk", row["councilDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
    }
}
