using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Organiser;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>The assessor pages: a contact offers and withdraws; a peer-group lead approves only in their own group; the console approves anyone.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AssessorPagesTests(AssessorFixture fixture) : IClassFixture<AssessorFixture>
{
    private const string Profile = "/assessments/assessor-profile";
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task AContactOffersThroughThePage_AddsAndRemovesADate_AndTheApiSeesIt()
    {
        const string email = "page.offer@camden.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, email);
        var session = await PageSession.SignInAsync(fixture, email);
        var home = await session.GetAsync("/assessments");
        Assert.NotNull(home.Element($"a[href='{Profile}']"));
        var date = _clock.GetUtcNow().AddDays(30);

        var form = await session.GetAsync(Profile);
        var saved = await AssessorSteps.PostFormAsync(session, form, Profile, new Dictionary<string, string[]>
        {
            ["roles"] = ["user-research", "content"], ["standards"] = ["lgdss-2016"], ["perQuarter"] = ["3"],
            ["newDate-day"] = [date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["newDate-month"] = [date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["newDate-year"] = [date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        });
        Assert.Equal((HttpStatusCode.Redirect, Profile + "?done=saved"), (saved.Status, saved.Location));
        var shown = await session.GetAsync(saved.Location!);
        var stored = await fixture.Service<AssessorPool>().FindAsync(await IdOfAsync(TestRegister.Camden, email), CancellationToken.None);

        Assert.Contains("Your offer to assess was saved", shown.Element(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["user-research", "content"], stored!.RoleIds);
        Assert.Equal([DateOnly.FromDateTime(date.UtcDateTime)], stored.UnavailableDates);
        Assert.Equal((3, AssessorEntity.Offered), (stored.PerQuarter, stored.Status));

        var removed = await AssessorSteps.PostFormAsync(session, shown, Profile, new Dictionary<string, string[]> { ["unavailable"] = [] });
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.Empty((await fixture.Service<AssessorPool>().FindAsync(stored.AssessorId, CancellationToken.None))!.UnavailableDates);
    }

    [Fact]
    public async Task ThePageNamesEachFieldThatIsWrong_AndSavesNothing()
    {
        const string email = "page.errors@camden.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, email);
        var session = await PageSession.SignInAsync(fixture, email);
        var form = await session.GetAsync(Profile);

        var wrong = await AssessorSteps.PostFormAsync(session, form, Profile, new Dictionary<string, string[]>
        {
            ["perQuarter"] = ["lots"], ["newDate-day"] = ["31"], ["newDate-month"] = ["2"], ["newDate-year"] = ["2031"],
        });
        var past = _clock.GetUtcNow().AddDays(-2);
        var pastDate = await AssessorSteps.PostFormAsync(session, form, Profile, new Dictionary<string, string[]>
        {
            ["roles"] = ["design"], ["standards"] = ["lgdss-2016"],
            ["newDate-day"] = [past.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["newDate-month"] = [past.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            ["newDate-year"] = [past.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)],
        });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal(["#roles", "#standards", "#perQuarter", "#newDate-day"], wrong.ErrorLinks);
        Assert.Contains("must be a real date", wrong.ErrorMessages[3], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, pastDate.Status);
        Assert.Equal(["#newDate-day"], pastDate.ErrorLinks);
        Assert.Null(await fixture.Service<AssessorPool>().FindAsync(await IdOfAsync(TestRegister.Camden, email), CancellationToken.None));
    }

    [Fact]
    public async Task AContactWithdrawsThroughThePage()
    {
        var (_, assessorId) = await AssessorSteps.OfferAsync(fixture, TestRegister.Leicester, "page.withdraw@leicester.gov.uk");
        var session = await PageSession.SignInAsync(fixture, "page.withdraw@leicester.gov.uk");
        var page = await session.GetAsync(Profile);

        var withdrawn = await session.SubmitAsync(page, action: Profile + "/withdraw");

        Assert.Equal(Profile + "?done=withdrawn", withdrawn.Location);
        Assert.Equal(AssessorEntity.Withdrawn, (await AssessorSteps.StoredAsync(fixture, assessorId))!.Status);
        Assert.Contains("Withdrawn", (await session.GetAsync(withdrawn.Location!)).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALeadApproves_OnlyAssessorsInTheirOwnGroup_AndOthersFindNothing()
    {
        var (_, inLondon) = await AssessorSteps.OfferAsync(fixture, TestRegister.Camden, "lead.approves@camden.gov.uk");
        var (_, inMidlands) = await AssessorSteps.OfferAsync(fixture, TestRegister.Birmingham, "not.their.group@birmingham.gov.uk");
        var lead = await PageSession.SignInAsync(fixture, AssessorFixture.LondonLead);
        var home = await lead.GetAsync("/assessments");
        var list = await lead.GetAsync("/assessments/peer-groups/london/assessors");

        Assert.NotNull(home.Element("a[href='/assessments/peer-groups/london/assessors']"));
        Assert.NotNull(list.Element($"a[href='/assessments/peer-groups/london/assessors/{inLondon}']"));
        Assert.Null(list.Element($"a[href$='{inMidlands}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync($"/assessments/peer-groups/london/assessors/{inMidlands}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync("/assessments/peer-groups/midlands/assessors")).Status);
        var notALead = await PageSession.SignInAsync(fixture, "lead.approves@camden.gov.uk");
        Assert.Equal(HttpStatusCode.NotFound, (await notALead.GetAsync("/assessments/peer-groups/london/assessors")).Status);

        var approvePage = await lead.GetAsync($"/assessments/peer-groups/london/assessors/{inLondon}");
        var future = _clock.GetUtcNow().AddDays(3);
        var tooSoon = await lead.SubmitAsync(approvePage, DateFields(future));
        var outsideGroup = await lead.PostAsync($"/assessments/peer-groups/london/assessors/{inMidlands}",
            PageSession.FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)approvePage.Document.QuerySelector("main form")!).Concat(DateFields(_clock.GetUtcNow().AddDays(-3))));
        var approved = await lead.SubmitAsync(approvePage, DateFields(_clock.GetUtcNow().AddDays(-3)));

        Assert.Equal(HttpStatusCode.BadRequest, tooSoon.Status);
        Assert.Equal(["#trainedOn-day"], tooSoon.ErrorLinks);
        Assert.Equal(HttpStatusCode.NotFound, outsideGroup.Status);
        Assert.Equal("/assessments/peer-groups/london/assessors?approved=true", approved.Location);
        Assert.Contains(await AssessorSteps.ApprovedAsync(fixture), a => a.AssessorId == inLondon);
        Assert.DoesNotContain(await AssessorSteps.ApprovedAsync(fixture), a => a.AssessorId == inMidlands);
        var leadReference = await Trust.TrustSteps.ReferenceAsync(fixture, TestRegister.Westminster, AssessorFixture.LondonLead);
        Assert.Single(await ConsoleSteps.AuditAsync(fixture), r => r.Action == "assessor.approved" && r.Actor == $"contact:{leadReference} (lead of london)"
            && r.Subject.EndsWith("assessor:" + inLondon.Split('.')[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALead_CannotApproveTheirOwnOffer_ButAnOrganiserCan()
    {
        var leadBearer = await AccessSteps.BearerClientAsync(fixture, AssessorFixture.LondonLead);
        var offer = await leadBearer.PutAsJsonAsync("/api/assessor-profile", AssessorSteps.Offer());
        Assert.Equal(HttpStatusCode.OK, offer.StatusCode);
        var own = (await offer.Content.ReadFromJsonAsync<JsonNode>())!["assessorId"]!.GetValue<string>();
        var lead = await PageSession.SignInAsync(fixture, AssessorFixture.LondonLead);

        var list = await lead.GetAsync("/assessments/peer-groups/london/assessors");
        var approvePage = await lead.GetAsync($"/assessments/peer-groups/london/assessors/{own}");
        var profile = await lead.GetAsync("/assessments/assessor-profile");
        var post = await lead.PostAsync($"/assessments/peer-groups/london/assessors/{own}",
            PageSession.FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)profile.Document.QuerySelector("main form")!).Concat(DateFields(_clock.GetUtcNow().AddDays(-3))));

        Assert.Null(list.Element($"a[href$='{own}']"));
        Assert.Contains("Your own offer: another lead or an organiser approves it", list.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, approvePage.Status);
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.DoesNotContain(await AssessorSteps.ApprovedAsync(fixture), a => a.AssessorId == own);
        Assert.Equal(HttpStatusCode.OK, (await AssessorSteps.ApproveAsync(fixture, own, AssessorSteps.Iso(_clock.GetUtcNow(), -3))).StatusCode);
        Assert.Contains(await AssessorSteps.ApprovedAsync(fixture), a => a.AssessorId == own);
    }

    [Fact]
    public async Task AnOrganiserApprovesInTheConsole_FromTheListByPeerGroup()
    {
        var (_, assessorId) = await AssessorSteps.OfferAsync(fixture, TestRegister.Birmingham, "console.approves@birmingham.gov.uk");
        var console = await ConsoleSteps.SignInAsync(fixture);
        var since = _clock.GetUtcNow();

        var midlands = await console.GetAsync("/organiser/assessors?peerGroup=midlands");
        var london = await console.GetAsync("/organiser/assessors?peerGroup=london");
        var unknown = await console.GetAsync("/organiser/assessors?peerGroup=atlantis");
        var approvePage = await console.GetAsync($"/organiser/assessors/{assessorId}");
        var approved = await console.SubmitAsync(approvePage, DateFields(_clock.GetUtcNow().AddDays(-10)));

        Assert.NotNull(midlands.Element($"a[href='/organiser/assessors/{assessorId}']"));
        Assert.Null(london.Element($"a[href='/organiser/assessors/{assessorId}']"));
        Assert.Equal(["#peerGroup"], unknown.ErrorLinks);
        Assert.Equal("/organiser/assessors?approved=true", approved.Location);
        Assert.Equal(AssessorEntity.Approved, (await AssessorSteps.StoredAsync(fixture, assessorId))!.Status);
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "assessor.approved");
        Assert.Equal(HttpStatusCode.NotFound, (await console.GetAsync("/organiser/assessors/E08000025.LGS-2222-2222")).Status);
    }

    private static Dictionary<string, string> DateFields(DateTimeOffset date) => new()
    {
        ["trainedOn-day"] = date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["trainedOn-month"] = date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["trainedOn-year"] = date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The contact's assessor id: their council's code and their reference.</summary>
    private async Task<string> IdOfAsync(TestCouncil council, string email) =>
        $"{council.GssCode}.{await Trust.TrustSteps.ReferenceAsync(fixture, council, email)}";
}
