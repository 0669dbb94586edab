using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using AngleSharp.Html.Dom;
using LocalGovStandard.PeerAssessments.Panels;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>
/// Confirming a panel while the email queue fails part-way, as a real fault does: the app's own queue client gets a 503
/// for every message after the first few, in the middle of sending the invitations. The lead or organiser is told (503,
/// a reference, what to do), confirming the same panel again sends the rest, and each member gets one invitation.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PanelInvitationFaultTests(PanelInvitationFaultTests.Fixture fixture) : IClassFixture<PanelInvitationFaultTests.Fixture>
{
    public sealed class Fixture : PeerAssessmentFixture
    {
        /// <summary>Messages onto the email queue.</summary>
        public InjectedStorageFault Fault { get; } = new(
            request => request.Method == RequestMethod.Post && request.Uri.Path.EndsWith($"/{EmailQueueOptions.QueueName}/messages", StringComparison.Ordinal),
            "The queue");

        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.ConfigureAll<QueueClientOptions>(options => options.AddPolicy(Fault, HttpPipelinePosition.PerCall));
    }

    private DateOnly Today => UkTime.Today(fixture.Clock);

    [Fact]
    public async Task TheQueueFailsMidSend_TheApiAnswers503WithAReference_AndConfirmingTheSamePanelAgainSendsTheRest_OnceEach()
    {
        var reference = await PanelSteps.RequestAsync(fixture, Today.AddDays(30), Today.AddDays(40));
        var pool = await PanelSteps.PoolAsync(fixture, "fault-api", Today);
        var admin = fixture.CreateAdminClient();
        var read = (await PanelSteps.StoredAsync(fixture, reference)).ETag.ToString();
        var body = PanelSteps.Body(Today.AddDays(30), pool);

        fixture.Fault.FailAfter(2);
        using (var failed = await PanelSteps.PutAsync(admin, reference, body, read))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(30), failed.Headers.RetryAfter?.Delta);
            var problem = (await failed.Content.ReadFromJsonAsync<JsonNode>())!;
            Assert.StartsWith("ERR-", problem["reference"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("The panel is saved, but not every member's invitation could be sent. Confirm the same panel again", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var stored = await PanelSteps.StoredAsync(fixture, reference);
        Assert.Equal(PeerAssessmentRequestEntity.PanelConfirmed, stored.Status);
        Assert.Equal(pool.Count, stored.SeatedPanel().Count);
        Assert.Equal(2, PanelSteps.Sent(fixture, "invite", reference).Count);

        // The organiser sends the same confirmation again, with the ETag they first read: it resumes, writing nothing new.
        fixture.Fault.Heal();
        using (var resumed = await PanelSteps.PutAsync(admin, reference, body, read))
        {
            Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
            Assert.Equal(stored.ETag.ToString(), resumed.Headers.ETag?.ToString());
        }

        using (var again = await PanelSteps.PutAsync(admin, reference, body, read))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        AssertOneInvitationEach(reference, pool);
        Assert.Equal(stored.ETag, (await PanelSteps.StoredAsync(fixture, reference)).ETag);
    }

    [Fact]
    public async Task TheQueueFailsMidSend_TheLeadGetsTheServiceProblemPage_TheTimerCatchesUp_AndPressingSaveAgainSendsNothingTwice()
    {
        var reference = await PanelSteps.RequestAsync(fixture, Today.AddDays(30), Today.AddDays(40));
        var pool = await PanelSteps.PoolAsync(fixture, "fault-page", Today);
        var lead = await PageSession.SignInAsync(fixture, PeerAssessmentFixture.LondonLead);
        var page = await lead.GetAsync(PanelSteps.LeadPage(reference));
        var form = page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().Single(f => f.GetAttribute("action") == $"{PanelSteps.LeadPage(reference)}/panel");
        var fields = PageSession.FieldsOf(form);
        Assert.Equal(PanelSteps.Roles.Length, fields.Count(f => f.Key.StartsWith("role-", StringComparison.Ordinal) && f.Value.Length > 0));

        fixture.Fault.FailAfter(3);
        var failed = await PostAsHtmlAsync(lead, form.GetAttribute("action")!, fields);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
        Assert.Equal("The service is temporarily unavailable", failed.Heading);
        Assert.Contains("The panel is saved", failed.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("ERR-", failed.Document.QuerySelector("main strong")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(PeerAssessmentRequestEntity.PanelConfirmed, (await PanelSteps.StoredAsync(fixture, reference)).Status);
        Assert.Equal(3, PanelSteps.Sent(fixture, "invite", reference).Count);

        // Nobody presses again: the daily timer sends the rest. Then the lead presses Save on the same page: nothing twice.
        fixture.Fault.Heal();
        using (var run = await fixture.CreateAdminClient().PostAsync(new Uri($"/api/admin/timers/{PanelReminders.Name}/run", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        }

        var seated = (await PanelSteps.StoredAsync(fixture, reference)).SeatedPanel().Count;
        Assert.Equal(PanelSteps.Roles.Length, seated);
        AssertOneInvitationEach(reference, seated);
        var pressedAgain = await PostAsHtmlAsync(lead, form.GetAttribute("action")!, fields);
        Assert.Equal(HttpStatusCode.Redirect, pressedAgain.Status);
        AssertOneInvitationEach(reference, seated);
    }

    [Fact]
    public async Task TheQueueFailsAsAMemberDeclines_TheyAreTold503_AndPressingDeclineAgainTellsEachLeadOnce()
    {
        var reference = await PanelSteps.RequestAsync(fixture, Today.AddDays(30), Today.AddDays(40));
        var pool = await PanelSteps.PoolAsync(fixture, "fault-decline", Today);
        using (var confirmed = await PanelSteps.PutAsync(fixture.CreateAdminClient(), reference, PanelSteps.Body(Today.AddDays(30), pool)))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var decline = PanelSteps.Link(PanelSteps.Sent(fixture, "invite", reference).Single(m => m.To == pool[3].Email), PanelLinks.DeclinePath);
        fixture.Fault.FailAfter(1);
        var failed = await EmailedLinkSteps.OpenAndPressAsync(fixture, decline);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
        Assert.Equal(PanelMemberStatus.Declined, (await PanelSteps.StoredAsync(fixture, reference)).Panel().Single(m => m.AssessorId == pool[3].AssessorId).Status);
        Assert.Single(PanelSteps.Sent(fixture, "declined", reference));

        fixture.Fault.Heal();
        Assert.Equal("You have declined", (await EmailedLinkSteps.OpenAndPressAsync(fixture, decline)).Heading);
        Assert.Equal("You have declined", (await EmailedLinkSteps.OpenAndPressAsync(fixture, decline)).Heading);
        var toLeads = PanelSteps.Sent(fixture, "declined", reference);
        Assert.Equal(new[] { PeerAssessmentFixture.LondonLead, PeerAssessmentFixture.OtherLondonLead }.Order(StringComparer.Ordinal), toLeads.Select(m => m.To).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendGridFailsPartWay_TheQueueTriesAgain_AndEachMemberGetsOneInvitation()
    {
        var reference = await PanelSteps.RequestAsync(fixture, Today.AddDays(30), Today.AddDays(40));
        var pool = await PanelSteps.PoolAsync(fixture, "fault-sendgrid", Today);
        fixture.SendGrid.Reset();
        fixture.SendGrid.Enqueue([CannedResponse.Accepted, CannedResponse.Accepted, .. Enumerable.Repeat(new CannedResponse(500), 8)]);

        using var confirmed = await PanelSteps.PutAsync(fixture.CreateAdminClient(), reference, PanelSteps.Body(Today.AddDays(30), pool));

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains(fixture.SendGrid.Requests, r => r.AnsweredStatus == 500 && r.Body.ToJsonString().Contains(reference, StringComparison.Ordinal));
        AssertOneInvitationEach(reference, pool);
    }

    private void AssertOneInvitationEach(string reference, List<PoolMember> pool)
    {
        var invitations = PanelSteps.Sent(fixture, "invite", reference);
        Assert.Equal(pool.Select(p => p.Email).Order(StringComparer.Ordinal), invitations.Select(m => m.To).Order(StringComparer.Ordinal));
    }

    /// <summary>The page's panel is the proposal, which may draw on other tests' pools: as many invitations as seats, each to someone else.</summary>
    private void AssertOneInvitationEach(string reference, int seats)
    {
        var invitations = PanelSteps.Sent(fixture, "invite", reference);
        Assert.Equal(seats, invitations.Count);
        Assert.Equal(seats, invitations.Select(m => m.To).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    private static async Task<HtmlPage> PostAsHtmlAsync(PageSession session, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(action, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        return await HtmlPage.ReadAsync(await session.Client.SendAsync(request));
    }
}
