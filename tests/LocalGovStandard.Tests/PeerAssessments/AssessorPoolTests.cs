using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Organiser;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>The assessor pool through its API: offering, validation, approval by an organiser, withdrawing, and who a panel can be drawn from.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AssessorPoolTests(AssessorFixture fixture) : IClassFixture<AssessorFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task AContactOffers_AndReadsItBack_WithPastDatesDropped_DuplicatesOnce_AndTwoAQuarterByDefault()
    {
        var now = _clock.GetUtcNow();
        var later = AssessorSteps.Iso(now, 40);
        var sooner = AssessorSteps.Iso(now, 10);
        var (client, assessorId) = await AssessorSteps.OfferAsync(fixture, TestRegister.Westminster, "offers@westminster.gov.uk",
            AssessorSteps.Offer(later, AssessorSteps.Iso(now, -3), sooner, later));

        var profile = (await client.GetFromJsonAsync<JsonNode>("/api/assessor-profile"))!;

        Assert.Equal(assessorId, profile["assessorId"]!.GetValue<string>());
        Assert.Equal("offered", profile["status"]!.GetValue<string>());
        Assert.Equal(["lead-assessor", "design"], profile["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(["service-standard-2019"], profile["standards"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal([sooner, later], profile["unavailable"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(2, profile["perQuarter"]!.GetValue<int>());
        Assert.Equal("City of Westminster", profile["councilName"]!.GetValue<string>());
        Assert.DoesNotContain(await AssessorSteps.ApprovedAsync(fixture), a => a.AssessorId == assessorId);
    }

    [Fact]
    public async Task ABadOffer_Is400NamingEachField_AndStoresNothing()
    {
        const string email = "bad.offer@westminster.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, email);
        var client = await AccessSteps.BearerClientAsync(fixture, email);

        var response = await client.PutAsJsonAsync("/api/assessor-profile",
            JsonNode.Parse("""{ "roles": [], "standards": ["lgdss-1999"], "unavailable": ["2031-02-30"], "perQuarter": 13 }"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject();
        Assert.Equal(["perQuarter", "roles", "standards", "unavailable"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/assessor-profile", UriKind.Relative))).StatusCode);
        var unknownRole = await client.PutAsJsonAsync("/api/assessor-profile", JsonNode.Parse("""{ "roles": ["tea-maker"], "standards": ["lgdss-2016"], "perQuarter": 0 }"""));
        var unknownErrors = (await unknownRole.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject();
        Assert.Equal(["perQuarter", "roles"], unknownErrors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OnlyApprovedAssessorsWhoStillActForTheirCouncil_AreInTheApprovedPool_InAStableOrder()
    {
        var trainedOn = AssessorSteps.Iso(_clock.GetUtcNow(), -30);
        var unavailable = AssessorSteps.Iso(_clock.GetUtcNow(), 21);
        var (_, waiting) = await AssessorSteps.OfferAsync(fixture, TestRegister.Camden, "waiting.assessor@camden.gov.uk");
        var (_, approved) = await AssessorSteps.OfferAsync(fixture, TestRegister.Birmingham, "approved.assessor@birmingham.gov.uk", AssessorSteps.Offer(unavailable));
        var (_, declined) = await AssessorSteps.OfferAsync(fixture, TestRegister.Leicester, "declined.assessor@leicester.gov.uk");
        Assert.Equal(HttpStatusCode.OK, (await AssessorSteps.ApproveAsync(fixture, approved, trainedOn)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AssessorSteps.ApproveAsync(fixture, declined, trainedOn)).StatusCode);
        var reference = declined.Split('.')[1];
        (await fixture.CreateAdminClient().PostAsync(new Uri($"/api/admin/contacts/{TestRegister.Leicester.GssCode}/{reference}/decline", UriKind.Relative), null)).EnsureSuccessStatusCode();

        var pool = await AssessorSteps.ApprovedAsync(fixture);

        var assessor = Assert.Single(pool, a => a.AssessorId == approved);
        Assert.DoesNotContain(pool, a => a.AssessorId == waiting || a.AssessorId == declined);
        Assert.Equal((TestRegister.Birmingham.GssCode, "Birmingham City Council", "west-midlands"), (assessor.CouncilCode, assessor.CouncilName, assessor.Region));
        Assert.Equal(["lead-assessor", "design"], assessor.Roles);
        Assert.Equal([DateOnly.Parse(unavailable, System.Globalization.CultureInfo.InvariantCulture)], assessor.Unavailable);
        Assert.Equal((2, DateOnly.Parse(trainedOn, System.Globalization.CultureInfo.InvariantCulture)), (assessor.PerQuarter, assessor.TrainedOn));
        Assert.Equal(pool.Select(a => a.AssessorId), (await AssessorSteps.ApprovedAsync(fixture)).Select(a => a.AssessorId));
        Assert.Equal(pool.OrderBy(a => a.CouncilCode, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal).Select(a => a.AssessorId), pool.Select(a => a.AssessorId));
    }

    [Fact]
    public async Task AnOrganiserApproves_WithATrainingDateNotInTheFuture_AndTheApprovalIsAudited()
    {
        var now = _clock.GetUtcNow();
        var (client, assessorId) = await AssessorSteps.OfferAsync(fixture, TestRegister.Cardiff, "approve.me@cardiff.gov.uk");

        var future = await AssessorSteps.ApproveAsync(fixture, assessorId, AssessorSteps.Iso(now, 2));
        var missing = await AssessorSteps.ApproveAsync(fixture, assessorId, null);
        var unknown = await AssessorSteps.ApproveAsync(fixture, "W06000015.LGS-2222-2222", AssessorSteps.Iso(now, -1));
        var approved = await AssessorSteps.ApproveAsync(fixture, assessorId, AssessorSteps.Iso(now, -1));

        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("trainedOn", (await future.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var profile = (await client.GetFromJsonAsync<JsonNode>("/api/assessor-profile"))!;
        Assert.Equal(("approved", AssessorSteps.Iso(now, -1)), (profile["status"]!.GetValue<string>(), profile["trainedOn"]!.GetValue<string>()));
        var audit = await ConsoleSteps.AuditAsync(fixture);
        Assert.Single(audit, r => r.Action == "assessor.approved" && r.Actor == "organiser" && r.Subject.EndsWith("assessor:" + assessorId.Split('.')[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOrganisersList_IsByPeerGroup_AndAnUnknownGroupIsNamed()
    {
        var (_, london) = await AssessorSteps.OfferAsync(fixture, TestRegister.Westminster, "listed.london@westminster.gov.uk");
        var (_, midlands) = await AssessorSteps.OfferAsync(fixture, TestRegister.Birmingham, "listed.midlands@birmingham.gov.uk");
        var admin = fixture.CreateAdminClient();

        var londonList = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/assessors?peerGroup=london"))!.Select(a => a!["assessorId"]!.GetValue<string>()).ToList();
        var everyone = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/assessors"))!.Select(a => a!["assessorId"]!.GetValue<string>()).ToList();
        var unknown = await admin.GetAsync(new Uri("/api/admin/assessors?peerGroup=atlantis", UriKind.Relative));

        Assert.Contains(london, londonList);
        Assert.DoesNotContain(midlands, londonList);
        Assert.Contains(london, everyone);
        Assert.Contains(midlands, everyone);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("peerGroup", (await unknown.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.CreateClient().GetAsync(new Uri("/api/admin/assessors", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ChangingAnApprovedOffer_KeepsTheApproval_AndTheRoleChangeIsAudited()
    {
        var (client, assessorId) = await AssessorSteps.OfferAsync(fixture, TestRegister.Fife, "changes@fife.gov.uk");
        (await AssessorSteps.ApproveAsync(fixture, assessorId, AssessorSteps.Iso(_clock.GetUtcNow(), -5))).EnsureSuccessStatusCode();

        var changed = await client.PutAsJsonAsync("/api/assessor-profile", JsonNode.Parse("""{ "roles": ["content"], "standards": ["lgdss-2016"], "perQuarter": 4 }"""));

        changed.EnsureSuccessStatusCode();
        var assessor = Assert.Single(await AssessorSteps.ApprovedAsync(fixture), a => a.AssessorId == assessorId);
        Assert.Equal(["content"], assessor.Roles);
        Assert.Equal(["lgdss-2016"], assessor.Standards);
        Assert.Equal(4, assessor.PerQuarter);
        Assert.Single(await ConsoleSteps.AuditAsync(fixture), r => r.Action == "assessor.changed" && r.Details == "roles: lead-assessor,design -> content"
            && r.Subject.EndsWith("assessor:" + assessorId.Split('.')[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWithdrawnAssessor_IsNotInThePool_CannotBeApproved_AndOfferingAgainWaitsForApproval()
    {
        var (client, assessorId) = await AssessorSteps.OfferAsync(fixture, TestRegister.Camden, "withdraws@camden.gov.uk");
        (await AssessorSteps.ApproveAsync(fixture, assessorId, AssessorSteps.Iso(_clock.GetUtcNow(), -5))).EnsureSuccessStatusCode();

        var withdrawn = (await (await client.PostAsync(new Uri("/api/assessor-profile/withdraw", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonNode>())!;
        var approveWithdrawn = await AssessorSteps.ApproveAsync(fixture, assessorId, AssessorSteps.Iso(_clock.GetUtcNow(), -5));
        var inPoolWhileWithdrawn = (await AssessorSteps.ApprovedAsync(fixture)).Any(a => a.AssessorId == assessorId);
        var again = (await (await client.PutAsJsonAsync("/api/assessor-profile", AssessorSteps.Offer())).Content.ReadFromJsonAsync<JsonNode>())!;

        Assert.Equal("withdrawn", withdrawn["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, approveWithdrawn.StatusCode);
        Assert.False(inPoolWhileWithdrawn);
        Assert.Equal("offered", again["status"]!.GetValue<string>());
        Assert.DoesNotContain(await AssessorSteps.ApprovedAsync(fixture), a => a.AssessorId == assessorId);
    }

    [Fact]
    public async Task TheExportListsTheOffer_AndErasureRemovesIt()
    {
        const string email = "erase.assessor@westminster.gov.uk";
        var (_, assessorId) = await AssessorSteps.OfferAsync(fixture, TestRegister.Westminster, email);
        (await AssessorSteps.ApproveAsync(fixture, assessorId, AssessorSteps.Iso(_clock.GetUtcNow(), -5))).EnsureSuccessStatusCode();
        var contactPath = $"/api/admin/contacts/{TestRegister.Westminster.GssCode}/{assessorId.Split('.')[1]}";
        var admin = fixture.CreateAdminClient();

        var export = (await admin.GetFromJsonAsync<JsonNode>(contactPath + "/personal-data"))!;
        (await admin.DeleteAsync(new Uri(contactPath, UriKind.Relative))).EnsureSuccessStatusCode();

        Assert.Equal((assessorId, "approved"), (export["assessorProfile"]!["assessorId"]!.GetValue<string>(), export["assessorProfile"]!["status"]!.GetValue<string>()));
        Assert.Null(await AssessorSteps.StoredAsync(fixture, assessorId));
        Assert.DoesNotContain(await AssessorSteps.ApprovedAsync(fixture), a => a.AssessorId == assessorId);
    }
}
