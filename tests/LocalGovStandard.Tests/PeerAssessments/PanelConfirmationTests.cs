using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.PeerAssessments.Panels;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Summits;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>
/// A lead or an organiser confirms a request's panel: the API, the lead's page, and what each member then gets and does
/// (an invitation sent once, with a calendar file; accept or decline through the signed link; a decline brings a replacement).
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PanelConfirmationTests(PeerAssessmentFixture fixture) : IClassFixture<PeerAssessmentFixture>
{
    private DateOnly Today => UkTime.Today(fixture.Clock);

    private DateOnly First => Today.AddDays(30);

    private DateOnly Second => Today.AddDays(40);

    [Fact]
    public async Task ConfirmingByApi_StoresEachSeatInvited_AndEmailsEachMemberOnce_WithACalendarFileForTheDate()
    {
        var reference = await PanelSteps.RequestAsync(fixture, First, Second);
        var pool = await PanelSteps.PoolAsync(fixture, "api", Today);
        var admin = fixture.CreateAdminClient();

        using var confirmed = await PanelSteps.PutAsync(admin, reference, PanelSteps.Body(Second, pool));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var stored = await PanelSteps.StoredAsync(fixture, reference);
        Assert.Equal((PeerAssessmentRequestEntity.PanelConfirmed, PanelSteps.Iso(Second)), (stored.Status, stored.PanelDate));
        Assert.Equal(confirmed.Headers.ETag!.ToString(), stored.ETag.ToString());
        Assert.Equal(pool.Select(p => (p.RoleId, p.AssessorId)), stored.Panel().Select(m => (m.RoleId, m.AssessorId)));
        Assert.All(stored.Panel(), m => Assert.Equal(PanelMemberStatus.Invited, m.Status));
        Assert.All(stored.Panel(), m => Assert.NotEmpty(m.ContactKey));
        Assert.NotNull(stored.PanelConfirmedAt);

        // Saved again unchanged: the ledger sends nobody a second invitation.
        using var again = await PanelSteps.PutAsync(admin, reference, PanelSteps.Body(Second, pool), confirmed.Headers.ETag.ToString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var invitations = PanelSteps.Sent(fixture, "invite", reference);
        Assert.Equal(pool.Select(p => p.Email).Order(), invitations.Select(m => m.To).Order());
        var calendar = SummitSteps.Utf8(SummitSteps.Attachment(invitations[0], "peer-assessment.ics"));
        Assert.Contains($"DTSTART;VALUE=DATE:{Second:yyyyMMdd}", calendar, StringComparison.Ordinal);
        Assert.Contains("Garden waste", invitations[0].Subject + invitations[0].PlainText, StringComparison.Ordinal);
        Assert.Contains(PanelLinks.AcceptPath, invitations[0].PlainText, StringComparison.Ordinal);
        Assert.Contains(PanelLinks.DeclinePath, invitations[0].PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachBadField_IsNamed_AndNothingIsStored()
    {
        var reference = await PanelSteps.RequestAsync(fixture, First, Second);
        var pool = await PanelSteps.PoolAsync(fixture, "bad", Today, unavailableToTheDesigner: First);
        var (_, ownAssessor) = await AssessorSteps.OfferAsync(fixture, TestRegister.Westminster, "own.bad@westminster.gov.uk", RoleOffer("lead-assessor"));
        var (_, conflicted) = await AssessorSteps.OfferAsync(fixture, TestRegister.Camden, "conflicted.bad@camden.gov.uk", RoleOffer("lead-assessor"));
        foreach (var id in new[] { ownAssessor, conflicted })
        {
            Assert.Equal(HttpStatusCode.OK, (await AssessorSteps.ApproveAsync(fixture, id, PanelSteps.Iso(Today.AddDays(-30)))).StatusCode);
        }

        var admin = fixture.CreateAdminClient();
        var errors = new Dictionary<string, JsonObject>
        {
            ["date not preferred"] = PanelSteps.Body(Today.AddDays(35), pool),
            ["missing role"] = PanelSteps.Body(First, pool.Where(p => p.RoleId != "content")),
            ["own council"] = PanelSteps.Body(Second, pool.Select(p => p.RoleId == "lead-assessor" ? p with { AssessorId = ownAssessor } : p)),
            ["declared conflict"] = PanelSteps.Body(Second, pool.Select(p => p.RoleId == "lead-assessor" ? p with { AssessorId = conflicted } : p)),
            ["unavailable that date"] = PanelSteps.Body(First, pool),
            ["wrong role"] = PanelSteps.Body(Second, pool.Select(p => p.RoleId == "design" ? p with { AssessorId = pool[0].AssessorId } : p)),
            ["unknown role"] = PanelSteps.Body(Second, pool.Select(p => p.RoleId == "content" ? p with { RoleId = "tea-maker" } : p)),
        };
        var expected = new Dictionary<string, (string Field, string Says)>
        {
            ["date not preferred"] = ("date", "preferred dates"),
            ["missing role"] = ("members", "content"),
            ["own council"] = ("members[0].assessorId", "from the assessed council"),
            ["declared conflict"] = ("members[0].assessorId", "declared a conflict"),
            ["unavailable that date"] = ("members[2].assessorId", "not available on"),
            ["wrong role"] = ("members[2].assessorId", "already has another role"),
            ["unknown role"] = ("members[5].roleId", "the role must be one of"),
        };

        foreach (var (name, body) in errors)
        {
            using var refused = await PanelSteps.PutAsync(admin, reference, body);
            Assert.True(HttpStatusCode.BadRequest == refused.StatusCode, name);
            var problem = (await refused.Content.ReadFromJsonAsync<JsonNode>())!;
            var (field, says) = expected[name];
            var messages = problem["errors"]![field]?.AsArray().Select(m => m!.GetValue<string>()).ToList();
            Assert.True(messages is not null, $"{name}: {problem["errors"]!.ToJsonString()}");
            Assert.Contains(messages, m => m.Contains(says, StringComparison.OrdinalIgnoreCase));
        }

        var stored = await PanelSteps.StoredAsync(fixture, reference);
        Assert.Equal((PeerAssessmentRequestEntity.Requested, null, null), (stored.Status, stored.PanelDate, stored.PanelJson));
        Assert.Empty(PanelSteps.Sent(fixture, "invite", reference));
    }

    [Fact]
    public async Task TwoLeadsInTwoTabs_TheSecondIsToldThePanelChanged_AndTheFirstChoiceStands()
    {
        var reference = await PanelSteps.RequestAsync(fixture, First, Second);
        var pool = await PanelSteps.PoolAsync(fixture, "tabs", Today);
        var lead = await PageSession.SignInAsync(fixture, PeerAssessmentFixture.LondonLead);
        var firstTab = await lead.GetAsync(PanelSteps.LeadPage(reference));
        var secondTab = await lead.GetAsync(PanelSteps.LeadPage(reference));
        Assert.Equal(HttpStatusCode.OK, firstTab.Status);
        Assert.NotEmpty(firstTab.Element("#role-lead-assessor option[selected]")?.GetAttribute("value") ?? "");

        var saved = await lead.SubmitAsync(firstTab, new Dictionary<string, string> { ["date"] = PanelSteps.Iso(Second) }, $"{PanelSteps.LeadPage(reference)}/panel");
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var refused = await lead.SubmitAsync(secondTab, new Dictionary<string, string> { ["date"] = PanelSteps.Iso(First) }, $"{PanelSteps.LeadPage(reference)}/panel");

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains(refused.ErrorMessages, m => m.Contains("changed since you opened this page", StringComparison.Ordinal));
        Assert.Equal(PanelSteps.Iso(First), refused.Element("#date option[selected]")?.GetAttribute("value"));
        Assert.Equal(PanelSteps.Iso(Second), (await PanelSteps.StoredAsync(fixture, reference)).PanelDate);

        // The API's If-Match is held to the same rule.
        using var stale = await PanelSteps.PutAsync(fixture.CreateAdminClient(), reference, PanelSteps.Body(First, pool), "\"W/stale\"");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(PanelSteps.Iso(Second), (await PanelSteps.StoredAsync(fixture, reference)).PanelDate);
    }

    [Fact]
    public async Task AMemberAnswersThroughTheSignedLink_AScannerSpendsNothing_AndADeclineBringsAReplacementInvitedOnce()
    {
        var reference = await PanelSteps.RequestAsync(fixture, First, Second);
        var pool = await PanelSteps.PoolAsync(fixture, "answer", Today);
        var (_, spareDesigner) = await AssessorSteps.OfferAsync(fixture, TestRegister.Cardiff, "spare.designer@cardiff.gov.wales", RoleOffer("design"));
        Assert.Equal(HttpStatusCode.OK, (await AssessorSteps.ApproveAsync(fixture, spareDesigner, PanelSteps.Iso(Today.AddDays(-30)))).StatusCode);  // so a replacement exists
        using (var confirmed = await PanelSteps.PutAsync(fixture.CreateAdminClient(), reference, PanelSteps.Body(First, pool)))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var invitations = PanelSteps.Sent(fixture, "invite", reference);
        var leadAssessorMail = invitations.Single(m => m.To == pool[0].Email);
        var designerMail = invitations.Single(m => m.To == pool[2].Email);
        var accept = PanelSteps.Link(leadAssessorMail, PanelLinks.AcceptPath);

        var before = await StorageSnapshot.TakeAsync(fixture.App.Services);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.MethodNotAllowed], await EmailedLinkSteps.ScanAsync(fixture, accept));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.MethodNotAllowed], await EmailedLinkSteps.ScanAsync(fixture, PanelSteps.Link(designerMail, PanelLinks.DeclinePath)));
        Assert.Empty(StorageSnapshot.Differences(before, await StorageSnapshot.TakeAsync(fixture.App.Services)));
        Assert.All((await PanelSteps.StoredAsync(fixture, reference)).Panel(), m => Assert.Equal(PanelMemberStatus.Invited, m.Status));

        var accepted = await EmailedLinkSteps.OpenAndPressAsync(fixture, accept);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal("You are on the panel", accepted.Heading);
        var declined = await EmailedLinkSteps.OpenAndPressAsync(fixture, PanelSteps.Link(designerMail, PanelLinks.DeclinePath));
        Assert.Equal("You have declined", declined.Heading);
        await EmailedLinkSteps.OpenAndPressAsync(fixture, PanelSteps.Link(designerMail, PanelLinks.DeclinePath));

        var panel = (await PanelSteps.StoredAsync(fixture, reference)).Panel();
        Assert.Equal(PanelMemberStatus.Accepted, panel.Single(m => m.AssessorId == pool[0].AssessorId).Status);
        Assert.NotNull(panel.Single(m => m.AssessorId == pool[0].AssessorId).RespondedAt);
        Assert.Equal(PanelMemberStatus.Declined, panel.Single(m => m.AssessorId == pool[2].AssessorId).Status);
        var toLeads = PanelSteps.Sent(fixture, "declined", reference);
        Assert.Equal(new[] { PeerAssessmentFixture.LondonLead, PeerAssessmentFixture.OtherLondonLead }.Order(), toLeads.Select(m => m.To).Order());
        Assert.Contains(PanelSteps.LeadPage(reference), toLeads[0].PlainText, StringComparison.Ordinal);

        // The lead sees each answer, and the next proposal for the same date already chosen for the open seat (never the person who declined).
        var lead = await PageSession.SignInAsync(fixture, PeerAssessmentFixture.LondonLead);
        var page = await lead.GetAsync(PanelSteps.LeadPage(reference));
        var answers = page.Document.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(answers, r => r.Contains("Lead assessor", StringComparison.Ordinal) && r.Contains("Accepted", StringComparison.Ordinal));
        Assert.Contains(answers, r => r.Contains("Design", StringComparison.Ordinal) && r.Contains("Declined", StringComparison.Ordinal));
        var replacement = page.Element("#role-design option[selected]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(replacement));
        Assert.NotEqual(pool[2].AssessorId, replacement);
        Assert.Contains("(declined: choosing them asks them again)", page.Element($"#role-design option[value='{pool[2].AssessorId}']")!.TextContent, StringComparison.Ordinal);

        var replaced = await lead.SubmitAsync(page, null, $"{PanelSteps.LeadPage(reference)}/panel");
        Assert.Equal(HttpStatusCode.Redirect, replaced.Status);
        var after = (await PanelSteps.StoredAsync(fixture, reference)).Panel();
        Assert.Equal(PanelMemberStatus.Invited, after.Single(m => m.AssessorId == replacement).Status);
        Assert.Equal(PanelMemberStatus.Accepted, after.Single(m => m.AssessorId == pool[0].AssessorId).Status);
        var invited = PanelSteps.Sent(fixture, "invite", reference);
        Assert.Equal(pool.Count + 1, invited.Count);
        Assert.Equal(invited.Count, invited.Select(m => m.MessageId).Distinct().Count());
        Assert.Single(invited, m => m.To == pool[0].Email);

        // The lead removes a member: their seat opens and their old link no longer answers.
        var removeForm = (await lead.GetAsync(PanelSteps.LeadPage(reference))).Document.QuerySelectorAll("form")
            .First(f => f.GetAttribute("action")!.EndsWith("/panel/remove", StringComparison.Ordinal) && f.QuerySelector($"input[value='{pool[0].AssessorId}']") is not null);
        var leadAssessorKey = panel.Single(m => m.AssessorId == pool[0].AssessorId).ContactKey;
        Assert.Contains(await SeatRowsAsync(leadAssessorKey), r => r.RowKey == reference);
        var removed = await lead.PostAsync(removeForm.GetAttribute("action")!, PageSession.FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)removeForm));
        Assert.Equal(HttpStatusCode.Redirect, removed.Status);
        Assert.DoesNotContain(await SeatRowsAsync(leadAssessorKey), r => r.RowKey == reference);
        Assert.DoesNotContain(await SeatRowsAsync(panel.Single(m => m.AssessorId == pool[2].AssessorId).ContactKey), r => r.RowKey == reference);
        Assert.Equal(PanelMemberStatus.Removed, (await PanelSteps.StoredAsync(fixture, reference)).Panel().Single(m => m.AssessorId == pool[0].AssessorId).Status);
        var closed = await EmailedLinkSteps.OpenAndPressAsync(fixture, accept);
        Assert.Equal((HttpStatusCode.Conflict, "This invitation is no longer open"), (closed.Status, closed.Heading));
    }

    [Fact]
    public async Task ADeclineIsFinalThroughTheLink_ButALeadCanAskThemAgain_WhoGetANewInvitationOnce_AndCanAccept()
    {
        var (reference, pool) = await ConfirmedAsync("ask-again");
        var designer = pool.Single(p => p.RoleId == "design");
        var first = PanelSteps.Sent(fixture, "invite", reference).Single(m => m.To == designer.Email);
        Assert.Equal("You have declined", (await EmailedLinkSteps.OpenAndPressAsync(fixture, PanelSteps.Link(first, PanelLinks.DeclinePath))).Heading);
        var changedTheirMind = await EmailedLinkSteps.OpenAndPressAsync(fixture, PanelSteps.Link(first, PanelLinks.AcceptPath));
        Assert.Equal((HttpStatusCode.Conflict, "This invitation is no longer open"), (changedTheirMind.Status, changedTheirMind.Heading));

        // The lead chooses them again (the same panel as first confirmed): a new seat, a new invitation, once.
        var admin = fixture.CreateAdminClient();
        for (var press = 0; press < 2; press++)
        {
            using var asked = await PanelSteps.PutAsync(admin, reference, PanelSteps.Body(First, pool));
            Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        }

        var seats = (await PanelSteps.StoredAsync(fixture, reference)).Panel().Where(m => m.AssessorId == designer.AssessorId).ToList();
        Assert.Equal([(PanelMemberStatus.Declined, 0), (PanelMemberStatus.Invited, 1)], seats.Select(m => (m.Status, m.Round)));
        var toDesigner = PanelSteps.Sent(fixture, "invite", reference).Where(m => m.To == designer.Email).ToList();
        Assert.Equal(2, toDesigner.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(pool.Count + 1, PanelSteps.Sent(fixture, "invite", reference).Count);

        var second = toDesigner.Single(m => m.MessageId != first.MessageId);
        Assert.Equal("You are on the panel", (await EmailedLinkSteps.OpenAndPressAsync(fixture, PanelSteps.Link(second, PanelLinks.AcceptPath))).Heading);
        Assert.Equal(PanelMemberStatus.Accepted, (await PanelSteps.StoredAsync(fixture, reference)).SeatedPanel().Single(m => m.AssessorId == designer.AssessorId).Status);
    }

    [Fact]
    public async Task InvitationsQueuedAgain_AsAfterACrashPartWay_ReachEachMemberOnce()
    {
        var (reference, pool) = await ConfirmedAsync("crash");

        // As a resumed send would after the process died part-way: every invitation is queued once more, twice.
        var invitations = fixture.Service<PanelInvitations>();
        var request = await PanelSteps.StoredAsync(fixture, reference);
        Assert.Equal(pool.Count, await invitations.SendAsync(request, CancellationToken.None));
        Assert.Equal(pool.Count, await invitations.SendAsync(request, CancellationToken.None));

        Assert.Equal(pool.Select(p => p.Email).Order(), PanelSteps.Sent(fixture, "invite", reference).Select(m => m.To).Order());
    }

    [Fact]
    public async Task ErasingAnAssessorWhoSatOnAPanel_KeepsTheRoleAndCouncil_NotTheName()
    {
        var (reference, pool) = await ConfirmedAsync("erase");

        var designer = pool.Single(p => p.RoleId == "design");
        var contactReference = designer.AssessorId[(designer.AssessorId.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var contactKey = (await PanelSteps.StoredAsync(fixture, reference)).Panel().Single(m => m.AssessorId == designer.AssessorId).ContactKey;
        Assert.Single(await SeatRowsAsync(contactKey));
        using var erased = await fixture.CreateAdminClient().DeleteAsync(new Uri($"/api/admin/contacts/{TestRegister.Leicester.GssCode}/{contactReference}", UriKind.Relative));
        Assert.True(erased.IsSuccessStatusCode, $"{(int)erased.StatusCode} {await erased.Content.ReadAsStringAsync()}");

        var stored = await PanelSteps.StoredAsync(fixture, reference);
        var seat = stored.Panel().Single(m => m.AssessorId == designer.AssessorId);
        Assert.Equal(("design", TestRegister.Leicester.GssCode, "Leicester City Council", "", ""), (seat.RoleId, seat.CouncilCode, seat.CouncilName, seat.Name, seat.ContactKey));
        Assert.All(stored.Panel().Where(m => m.RoleId != "design"), m => Assert.NotEmpty(m.Name));
        Assert.Empty(await SeatRowsAsync(contactKey));
    }

    private Task<IReadOnlyList<PanelSeatEntity>> SeatRowsAsync(string contactKey) =>
        fixture.Service<PanelSeatIndex>().ForContactAsync(contactKey, CancellationToken.None);

    /// <summary>A request with a pool of its own (addresses tagged <paramref name="tag"/>), its panel confirmed for the first date.</summary>
    private async Task<(string Reference, List<PoolMember> Pool)> ConfirmedAsync(string tag)
    {
        var reference = await PanelSteps.RequestAsync(fixture, First, Second);
        var pool = await PanelSteps.PoolAsync(fixture, tag, Today);
        using var confirmed = await PanelSteps.PutAsync(fixture.CreateAdminClient(), reference, PanelSteps.Body(First, pool));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return (reference, pool);
    }

    private static JsonObject RoleOffer(string role) => new()
    {
        ["roles"] = new JsonArray(role),
        ["standards"] = new JsonArray("service-standard-2019"),
        ["unavailable"] = new JsonArray(),
    };
}
