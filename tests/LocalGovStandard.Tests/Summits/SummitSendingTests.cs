using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Summits;

/// <summary>2,500 early adopters in London (verified in January) and five in the Midlands (verified in March), seeded once.</summary>
public sealed class SummitSendingFixture : ServiceFixture
{
    public static readonly DateTimeOffset January = new(2026, 1, 10, 11, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset March = new(2026, 3, 2, 11, 0, 0, TimeSpan.Zero);

    public List<string> London { get; } = [];
    public List<string> Midlands { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        London.AddRange(await SummitSteps.SeedContactsAsync(this, TestRegister.Westminster, "early", 1300, January));
        London.AddRange(await SummitSteps.SeedContactsAsync(this, TestRegister.Camden, "early", 1200, January));
        Midlands = await SummitSteps.SeedContactsAsync(this, TestRegister.Birmingham, "midlands", 5, March);

        // Never invited: no consent, still pending, or verified too late.
        await SummitSteps.SeedContactsAsync(this, TestRegister.Westminster, "no-consent", 10, January, consent: false);
        await SummitSteps.SeedContactsAsync(this, TestRegister.Camden, "pending", 10, January, status: LocalGovStandard.Signups.ContactEntity.Pending);
        await SummitSteps.SeedContactsAsync(this, TestRegister.Westminster, "late", 10, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));
    }
}

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SummitSendingTests(SummitSendingFixture fixture) : IClassFixture<SummitSendingFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    private static readonly object LondonCriteria = new { verifiedOnOrBefore = "2026-01-31" };
    private static readonly object MidlandsCriteria = new { verifiedOnOrBefore = "2026-03-31", peerGroups = new[] { "midlands" } };

    [Fact]
    public async Task Preview_ListsOnlyVerifiedConsentingContacts_OnOrBeforeTheDate_WithCouncilAndReason()
    {
        var admin = fixture.CreateAdminClient();
        var summit = await SummitSteps.CreateSummitAsync(admin, _clock, 100);
        var id = summit["id"]!.GetValue<string>();

        var preview = JsonNode.Parse(await admin.GetStringAsync($"/api/admin/summits/{id}/invitees?verifiedOnOrBefore=2026-01-31"))!;
        Assert.Equal(2500, preview["count"]!.GetValue<int>());
        var emails = preview["invitees"]!.AsArray().Select(i => i!["contactEmail"]!.GetValue<string>()).ToHashSet();
        Assert.True(emails.SetEquals(fixture.London));
        var first = preview["invitees"]![0]!;
        Assert.Equal(TestRegister.Westminster.OfficialName, first["councilName"]!.GetValue<string>());
        Assert.Contains("verified on 10 January 2026 (on or before 31 January 2026)", first["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // The date is inclusive: the late ones (verified 1 February) join the day after.
        var later = JsonNode.Parse(await admin.GetStringAsync($"/api/admin/summits/{id}/invitees?verifiedOnOrBefore=2026-02-01"))!;
        Assert.Equal(2510, later["count"]!.GetValue<int>());

        var midlands = JsonNode.Parse(await admin.GetStringAsync($"/api/admin/summits/{id}/invitees?verifiedOnOrBefore=2026-03-31&peerGroups=midlands"))!;
        Assert.Equal(5, midlands["count"]!.GetValue<int>());
        Assert.Contains("in the Midlands peer group", midlands["invitees"]![0]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // Nobody has submitted an assessment, so a minimum of one leaves nobody.
        var assessed = JsonNode.Parse(await admin.GetStringAsync($"/api/admin/summits/{id}/invitees?verifiedOnOrBefore=2026-03-31&minSubmittedAssessments=1"))!;
        Assert.Equal(0, assessed["count"]!.GetValue<int>());

        using var bad = await admin.GetAsync($"/api/admin/summits/{id}/invitees?verifiedOnOrBefore=31/01/2026&peerGroups=atlantis&minSubmittedAssessments=x");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var missing = await admin.GetAsync($"/api/admin/summits/{id}/invitees?peerGroups=atlantis");
        var errors = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["verifiedOnOrBefore", "peerGroups"], errors.Select(e => e.Key).ToArray());
    }

    [Fact]
    public async Task CreateSummit_ValidatesEachField_AndListsCreatedSummits()
    {
        var admin = fixture.CreateAdminClient();
        using var invalid = await admin.PostAsJsonAsync("/api/admin/summits", new { name = "", capacity = 0, rsvpBy = "2020-01-01T00:00:00Z" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        foreach (var field in new[] { "name", "venue", "address", "startsAt", "capacity", "rsvpBy" })
        {
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {errors}");
        }

        var created = await SummitSteps.CreateSummitAsync(admin, _clock, 40, name: "Listed summit");
        var list = JsonNode.Parse(await admin.GetStringAsync("/api/admin/summits"))!.AsArray();
        Assert.Contains(list, s => s!["id"]!.GetValue<string>() == created["id"]!.GetValue<string>() && s["name"]!.GetValue<string>() == "Listed summit");
    }

    [Fact]
    public async Task Send_To2500_MakesThreeRequestsOfAtMost1000_EachInviteeOneMessage_WithTheirOwnWorkingRsvpLink()
    {
        fixture.SendGrid.Reset();
        var admin = fixture.CreateAdminClient();
        var id = (await SummitSteps.CreateSummitAsync(admin, _clock, 100))["id"]!.GetValue<string>();

        var result = await SummitSteps.SendAsync(admin, id, LondonCriteria);
        Assert.Equal(2500, result["run"]!["sent"]!.GetValue<int>());

        var requests = fixture.SendGrid.Requests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(202, r.AnsweredStatus));
        Assert.All(requests, r => Assert.InRange(r.Body["personalizations"]!.AsArray().Count, 1, 1000));
        Assert.Equal([1000, 1000, 500], requests.Select(r => r.Body["personalizations"]!.AsArray().Count).ToArray());

        var recipients = SummitSteps.Recipients(requests).ToList();
        Assert.Equal(2500, recipients.Count);
        Assert.True(recipients.Select(r => r.Email).ToHashSet().SetEquals(fixture.London), "every invitee exactly once");
        Assert.Equal(2500, recipients.Select(r => r.MessageId).Distinct().Count());
        Assert.Equal(2500, recipients.Select(r => r.RsvpLink).Distinct().Count());
        foreach (var recipient in recipients)
        {
            // custom_args carries the invitation id, and the signed link is for that same invitation.
            Assert.Equal(recipient.MessageId, SummitSteps.RsvpPayload(recipient.RsvpLink)["invitationId"]!.GetValue<string>());
            Assert.EndsWith(LocalGovStandard.Signups.SignupService.ContactKey(recipient.Email), recipient.MessageId, StringComparison.Ordinal);
            Assert.Equal($"<{recipient.UnsubscribeLink}>", recipient.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", recipient.Headers["List-Unsubscribe-Post"]);
            Assert.Contains(recipient.RsvpLink, recipient.Text, StringComparison.Ordinal);
        }

        // The links work: each opens that invitee's own RSVP page.
        var client = fixture.CreateClient();
        foreach (var recipient in recipients.Where((_, i) => i % 250 == 0))
        {
            var html = await client.GetStringAsync(SummitSteps.PathAndQuery(recipient.RsvpLink));
            Assert.Contains("Will you come to", html, StringComparison.Ordinal);
            Assert.Contains(recipient.Email.EndsWith("westminster.gov.uk", StringComparison.Ordinal) ? "City of Westminster" : "London Borough of Camden", html, StringComparison.Ordinal);
        }

        // Running the send again sends nothing.
        var again = await SummitSteps.SendAsync(admin, id, LondonCriteria);
        Assert.Equal(0, again["run"]!["sent"]!.GetValue<int>());
        Assert.Equal(2500, again["run"]!["alreadySent"]!.GetValue<int>());
        Assert.Equal(3, fixture.SendGrid.Requests.Count);

        var status = await SummitSteps.InvitationsAsync(admin, id);
        Assert.Equal(2500, status["counts"]!["sent"]!.GetValue<int>());
        Assert.Equal(2500, status["counts"]!["noAnswer"]!.GetValue<int>());
        Assert.Equal(0, status["counts"]!["queued"]!.GetValue<int>());
        Assert.Equal(2500, status["invitations"]!.AsArray().Count);
    }

    /// <summary>
    /// The crash is a real interruption, not a hook: the second SendGrid request hangs, and the
    /// organiser's request is cancelled while it hangs, which cancels the send in the app. The
    /// first batch is marked sent, the second is left claimed-but-unconfirmed, the third never
    /// started. A resume sends the third at once and leaves the claimed batch alone until its claim
    /// times out (ADR 0008); after that the claimed batch is sent. The hung request never got a 202,
    /// so every invitee ends with exactly one accepted message.
    /// </summary>
    [Fact]
    public async Task CrashAfterTheFirstBatch_ThenResume_SendsExactlyOneMessageEach()
    {
        fixture.SendGrid.Reset();
        var admin = fixture.CreateAdminClient();
        var id = (await SummitSteps.CreateSummitAsync(admin, _clock, 100))["id"]!.GetValue<string>();
        fixture.SendGrid.Enqueue(CannedResponse.Accepted, new CannedResponse(503, Delay: TimeSpan.FromSeconds(60)));

        using var crash = new CancellationTokenSource();
        var sending = SummitSteps.SendAsync(admin, id, LondonCriteria, crash.Token);
        await Eventually.TrueAsync(() => fixture.SendGrid.Requests.Count >= 2, "the second batch to reach SendGrid");
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        // The app stops where it was: 1,000 sent, 1,000 claimed (sending), 500 not started.
        JsonNode status = new JsonObject();
        await Eventually.TrueAsync(async () =>
        {
            status = await SummitSteps.InvitationsAsync(admin, id);
            return status["invitations"]!.AsArray().Count(r => r!["delivery"]!.GetValue<string>() == "sending") == 1000;
        }, "the claimed batch to show as sending");
        Assert.Equal(1000, status["counts"]!["sent"]!.GetValue<int>());
        Assert.Equal(1500, status["counts"]!["queued"]!.GetValue<int>());

        var resumed = await SummitSteps.SendAsync(admin, id, null);
        Assert.Equal(500, resumed["run"]!["sent"]!.GetValue<int>());
        Assert.Equal(1000, resumed["run"]!["inProgress"]!.GetValue<int>());

        _clock.Advance(TimeSpan.FromMinutes(11));
        var finished = await SummitSteps.SendAsync(admin, id, null);
        Assert.Equal(1000, finished["run"]!["sent"]!.GetValue<int>());
        Assert.Equal(2500, finished["counts"]!["sent"]!.GetValue<int>());

        var delivered = SummitSteps.Recipients(fixture.SendGrid.Accepted).ToList();
        Assert.Equal(2500, delivered.Count);
        Assert.True(delivered.Select(r => r.Email).ToHashSet().SetEquals(fixture.London), "exactly one message each");
    }

    [Fact]
    public async Task A429_IsRetriedAfterTheRetryAfterDelay_AndThenAccepted()
    {
        fixture.SendGrid.Reset();
        var admin = fixture.CreateAdminClient();
        var id = (await SummitSteps.CreateSummitAsync(admin, _clock, 10))["id"]!.GetValue<string>();
        fixture.SendGrid.Enqueue(new CannedResponse(429, RetryAfterSeconds: 2));

        var result = await SummitSteps.SendAsync(admin, id, MidlandsCriteria);

        Assert.Equal(5, result["run"]!["sent"]!.GetValue<int>());
        var requests = fixture.SendGrid.Requests;
        // The capture server refuses a retry that comes before Retry-After with another 429, so one 429 means it waited.
        Assert.Equal([429, 202], requests.Select(r => r.AnsweredStatus).ToArray());
        Assert.Equal(
            SummitSteps.Recipients([requests[0]]).Select(r => r.MessageId),
            SummitSteps.Recipients([requests[1]]).Select(r => r.MessageId));
    }

    [Fact]
    public async Task APermanentFailure_IsRecordedOnEachInvitation_AndTheNextSendDeliversThem()
    {
        fixture.SendGrid.Reset();
        var admin = fixture.CreateAdminClient();
        var id = (await SummitSteps.CreateSummitAsync(admin, _clock, 10))["id"]!.GetValue<string>();
        fixture.SendGrid.Enqueue(Enumerable.Repeat(new CannedResponse(500), 5).ToArray()); // 1 try + 4 retries

        var failed = await SummitSteps.SendAsync(admin, id, MidlandsCriteria);
        Assert.Equal(5, failed["run"]!["failed"]!.GetValue<int>());
        var status = await SummitSteps.InvitationsAsync(admin, id);
        Assert.Equal(5, status["counts"]!["failed"]!.GetValue<int>());
        Assert.All(status["invitations"]!.AsArray(), row =>
        {
            Assert.Equal("failed", row!["delivery"]!.GetValue<string>());
            Assert.Contains("500", row["deliveryError"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        Assert.Empty(fixture.SendGrid.Accepted);

        var retried = await SummitSteps.SendAsync(admin, id, null);
        Assert.Equal(5, retried["counts"]!["sent"]!.GetValue<int>());
        Assert.Equal(5, SummitSteps.Recipients(fixture.SendGrid.Accepted).Count());
    }

}
