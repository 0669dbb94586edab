using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.PeerAssessments.AfterReport;

/// <summary>
/// A reassessment's proposal offers the earlier panel first, each in their role, over the usual choice (here, people
/// who have sat less); whoever withdrew or cannot come is replaced the usual way, and the explanation says why.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ReassessmentPanelTests(PeerAssessmentFixture fixture) : IClassFixture<PeerAssessmentFixture>
{
    private DateOnly Today => UkTime.Today(fixture.Clock);

    [Fact]
    public async Task AReassessment_IsProposedTheSamePanel_AndTheApiNamesTheEarlierRequest()
    {
        var first = await PanelSteps.PoolAsync(fixture, "first1", Today);
        await PanelSteps.PoolAsync(fixture, "fresh1", Today);
        var earlier = await PublishedWithPanelAsync(first);

        var (reassessment, created) = await ReassessAsync(earlier);
        Assert.Equal(earlier, created["reassessmentOf"]!.GetValue<string>());
        var asker = await AccessSteps.BearerClientAsync(fixture, PeerAssessmentFixture.Asker);
        var read = (await asker.GetFromJsonAsync<JsonNode>($"/api/peer-assessments/{reassessment}"))!;
        Assert.Equal(earlier, read["reassessmentOf"]!.GetValue<string>());
        var listed = (await asker.GetFromJsonAsync<JsonArray>("/api/peer-assessments"))!;
        Assert.Contains(listed, r => r!["reference"]!.GetValue<string>() == reassessment && r["reassessmentOf"]!.GetValue<string>() == earlier);

        var admin = fixture.CreateAdminClient();
        var proposal = (await admin.GetFromJsonAsync<JsonNode>($"/api/admin/peer-assessments/{reassessment}/proposal"))!;

        Assert.Equal(earlier, proposal["reassessmentOf"]!.GetValue<string>());
        var members = proposal["members"]!.AsArray();
        Assert.Equal(first.Select(m => m.AssessorId), members.Select(m => m!["assessorId"]!.GetValue<string>()));
        Assert.All(members, m =>
        {
            Assert.True(m!["satOnFirstPanel"]!.GetValue<bool>());
            Assert.Contains("sat on the first assessment", m["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        });
        var again = (await admin.GetFromJsonAsync<JsonNode>($"/api/admin/peer-assessments/{reassessment}/proposal"))!;
        Assert.Equal(proposal.ToJsonString(), again.ToJsonString());

        // A fresh request for the same service is proposed the usual choice: people who have sat less than the first panel.
        var fresh = await PanelSteps.RequestAsync(fixture, Today.AddDays(30), Today.AddDays(40));
        var usual = (await admin.GetFromJsonAsync<JsonNode>($"/api/admin/peer-assessments/{fresh}/proposal"))!;
        Assert.DoesNotContain(usual["members"]!.AsArray(), m => first.Any(f => f.AssessorId == m!["assessorId"]!.GetValue<string>()));

        var lead = await PageSession.SignInAsync(fixture, PeerAssessmentFixture.LondonLead);
        var page = await lead.GetAsync(PanelSteps.LeadPage(reassessment));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(earlier, page.Element("#first-panel-first")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(earlier, page.Element("#reassessment-of")!.TextContent.Trim());
        Assert.Contains("sat on the first assessment", page.Element("main table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFirstPanelMemberWhoWithdrew_OrIsUnavailable_IsReplaced_WithTheReasonGiven()
    {
        var dates = new[] { Today.AddDays(30), Today.AddDays(40) };
        var first = await PanelSteps.PoolAsync(fixture, "first2", Today, dates);
        await PanelSteps.PoolAsync(fixture, "fresh2", Today);
        var earlier = await PublishedWithPanelAsync(first);
        var withdrawn = first.Single(m => m.RoleId == "lead-assessor");
        var leaver = await AccessSteps.BearerClientAsync(fixture, withdrawn.Email);
        Assert.Equal(HttpStatusCode.OK, (await leaver.PostAsync(new Uri("/api/assessor-profile/withdraw", UriKind.Relative), null)).StatusCode);

        var (reassessment, _) = await ReassessAsync(earlier);
        var proposal = (await fixture.CreateAdminClient().GetFromJsonAsync<JsonNode>($"/api/admin/peer-assessments/{reassessment}/proposal"))!;

        var members = proposal["members"]!.AsArray().ToDictionary(m => m!["roleId"]!.GetValue<string>(), m => m!);
        Assert.Equal(PanelSteps.Roles, members.Keys);
        foreach (var seat in first)
        {
            var member = members[seat.RoleId];
            var replaced = seat.RoleId is "lead-assessor" or "design";
            Assert.Equal(!replaced, member["assessorId"]!.GetValue<string>() == seat.AssessorId);
            Assert.Equal(!replaced, member["satOnFirstPanel"]!.GetValue<bool>());
        }

        Assert.EndsWith("who was on the first panel but is no longer an approved assessor", members["lead-assessor"]["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("who was on the first panel but is not available on any preferred date", members["design"]["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Westminster's request, its panel from <paramref name="panel"/> (each accepted, sat ten days ago) and its report published, not passing.</summary>
    private async Task<string> PublishedWithPanelAsync(List<PoolMember> panel)
    {
        var reference = await PanelSteps.RequestAsync(fixture, Today.AddDays(22), Today.AddDays(23));
        var store = fixture.Service<PeerAssessmentRequestStore>();
        var request = await PanelSteps.StoredAsync(fixture, reference);
        var pool = await AssessorSteps.ApprovedAsync(fixture);
        request.PanelDate = PanelSteps.Iso(Today.AddDays(-10));
        request.SetPanel(panel.Select(m => pool.Single(a => a.AssessorId == m.AssessorId))
            .Select((a, i) => new PanelMemberRecord(panel[i].RoleId, a.AssessorId, a.Name, a.CouncilCode, a.CouncilName, a.ContactKey, PanelMemberStatus.Accepted, fixture.Clock.GetUtcNow())));
        request.Status = PeerAssessmentRequestEntity.ReportPublished;
        request.ReportPublishedAt = fixture.Clock.GetUtcNow();
        request.Outcome = "amber";
        request.FailedPoints = "3";
        await store.UpdateAsync(request, CancellationToken.None);
        return reference;
    }

    /// <summary>Westminster asks, by the API, for a reassessment of <paramref name="earlier"/>; its reference and the created body.</summary>
    private async Task<(string Reference, JsonNode Created)> ReassessAsync(string earlier)
    {
        var created = await PanelSteps.AskAsync(fixture, earlier, Today.AddDays(30), Today.AddDays(40));
        return (created["reference"]!.GetValue<string>(), created);
    }
}
