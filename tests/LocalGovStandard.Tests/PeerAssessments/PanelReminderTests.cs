using System.Net;
using LocalGovStandard.PeerAssessments.Panels;
using LocalGovStandard.Platform;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>The reminders timer: a week and a day before the panel, to the members who accepted, each exactly once.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PanelReminderTests(PeerAssessmentFixture fixture) : IClassFixture<PeerAssessmentFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task AcceptedMembers_AreRemindedAWeekAndADayBefore_EachOnce_AndNoOneWhoHasNotAccepted()
    {
        var today = UkTime.Today(_clock);
        var date = today.AddDays(30);
        var reference = await PanelSteps.RequestAsync(fixture, date, date.AddDays(7));
        var pool = await PanelSteps.PoolAsync(fixture, "remind", today);
        using (var confirmed = await PanelSteps.PutAsync(fixture.CreateAdminClient(), reference, PanelSteps.Body(date, pool)))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        var accepting = pool.Where(p => p.RoleId != "content").ToList();
        foreach (var member in accepting)
        {
            var invitation = PanelSteps.Sent(fixture, "invite", reference).Single(m => m.To == member.Email);
            Assert.Equal("You are on the panel", (await EmailedLinkSteps.OpenAndPressAsync(fixture, PanelSteps.Link(invitation, PanelLinks.AcceptPath))).Heading);
        }

        await RunAsync();
        Assert.Empty(PanelSteps.Sent(fixture, "reminder", reference));

        _clock.Advance(TimeSpan.FromDays(23));
        await RunAsync();
        await RunAsync();
        var weekAhead = PanelSteps.Sent(fixture, "reminder-7", reference);
        Assert.Equal(accepting.Select(m => m.Email).Order(), weekAhead.Select(m => m.To).Order());
        Assert.All(weekAhead, m => Assert.StartsWith("In a week:", m.Subject, StringComparison.Ordinal));

        _clock.Advance(TimeSpan.FromDays(6));
        await RunAsync();
        await RunAsync();
        var dayAhead = PanelSteps.Sent(fixture, "reminder-1", reference);
        Assert.Equal(accepting.Select(m => m.Email).Order(), dayAhead.Select(m => m.To).Order());
        Assert.All(dayAhead, m => Assert.StartsWith("Tomorrow:", m.Subject, StringComparison.Ordinal));
        Assert.Equal(accepting.Count, PanelSteps.Sent(fixture, "reminder-7", reference).Count);
        Assert.DoesNotContain(PanelSteps.Sent(fixture, "reminder", reference), m => m.To == pool.Single(p => p.RoleId == "content").Email);
        Assert.Equal(pool.Count, PanelSteps.Sent(fixture, "invite", reference).Count);
    }

    private async Task RunAsync()
    {
        using var run = await fixture.CreateAdminClient().PostAsync(new Uri($"/api/admin/timers/{PanelReminders.Name}/run", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
    }
}
