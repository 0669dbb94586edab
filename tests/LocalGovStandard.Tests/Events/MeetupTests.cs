using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Events;
using LocalGovStandard.Platform;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Summits;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Events;

/// <summary>Six approved London contacts, seeded once; each test schedules its own meet-ups for the London group.</summary>
public sealed class MeetupFixture : ServiceFixture
{
    public List<string> London { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        London = await SummitSteps.SeedContactsAsync(this, TestRegister.Camden, "meetup", 6, new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));
    }
}

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class MeetupTests(MeetupFixture fixture) : IClassFixture<MeetupFixture>
{
    private static readonly int[] UnknownPoint = [99];

    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task ASeries_Every6WeeksFor4Meetings_CreatesThemAll_AtTheSameUkTime_AcrossTheClockChange()
    {
        var admin = fixture.CreateAdminClient();
        var firstUk = new DateTime(_clock.GetUtcNow().Year + 1, 2, 1, 18, 0, 0);
        var first = UkTime.FromUkClock(firstUk)!.Value;

        var created = await MeetupSteps.ScheduleAsync(admin, first, everyWeeks: 6, meetings: 4);
        var listed = JsonNode.Parse(await admin.GetStringAsync("/api/admin/peer-groups/london/events"))!.AsArray()
            .Where(m => created.Contains(m!["id"]!.GetValue<string>())).ToList();

        Assert.Equal(4, created.Count);
        Assert.Equal(4, listed.Count);
        var starts = listed.Select(m => UkTime.ToUk(m!["startsAt"]!.GetValue<DateTimeOffset>())).ToList();
        Assert.Equal(Enumerable.Range(0, 4).Select(i => firstUk.AddDays(42 * i)).ToList(), starts.Select(s => s.DateTime).ToList());
        Assert.Contains(starts, s => s.Offset == TimeSpan.Zero);
        Assert.Contains(starts, s => s.Offset == TimeSpan.FromHours(1));
        Assert.Single(listed.Select(m => m!["seriesId"]!.GetValue<string>()).Distinct());
        Assert.All(listed, m => Assert.Equal("User research in practice", m!["title"]!.GetValue<string>()));
        Assert.All(listed, m => Assert.Equal([1, 14], m!["points"]!.AsArray().Select(p => p!.GetValue<int>()).ToArray()));
        Assert.All(listed, m => Assert.Equal("Camden Council", m!["speakers"]![0]!["organisation"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AMeetup_ForAGroupThatDoesNotExist_Is404_AndAnInvalidOne_NamesEachField_AndStoresNothing()
    {
        var admin = fixture.CreateAdminClient();
        var before = JsonNode.Parse(await admin.GetStringAsync("/api/admin/peer-groups/london/events"))!.AsArray().Count;

        using var missing = await admin.PostAsJsonAsync("/api/admin/peer-groups/atlantis/events", MeetupSteps.Body(_clock.GetUtcNow().AddDays(30)));
        using var invalid = await admin.PostAsJsonAsync("/api/admin/peer-groups/london/events", new
        {
            title = "", points = UnknownPoint, startsAt = _clock.GetUtcNow().AddDays(-1), onlineLink = "http://example.com/meet", capacity = 0, everyWeeks = 0, meetings = 27,
        });
        var errors = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!["errors"]!.AsObject().Select(e => e.Key).ToHashSet();

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Superset(new HashSet<string> { "title", "points", "startsAt", "onlineLink", "capacity", "everyWeeks", "meetings" }, errors);
        Assert.Equal(before, JsonNode.Parse(await admin.GetStringAsync("/api/admin/peer-groups/london/events"))!.AsArray().Count);
    }

    [Fact]
    public async Task Invitations_GoToTheGroupsApprovedContacts_AndCancelling_EmailsEveryoneWhoAccepted_ExactlyOnce()
    {
        var admin = fixture.CreateAdminClient();
        var (id, invitees) = await InvitedMeetupAsync(admin);
        Assert.True(invitees.Select(i => i.Email).ToHashSet().SetEquals(fixture.London));
        var accepted = await MeetupSteps.AcceptAsync(fixture, invitees.Take(3));

        var cancelled = await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/cancel");
        var again = await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/cancel");

        Assert.Equal(3, cancelled["notices"]!["sent"]!.GetValue<int>());
        Assert.Equal((0, 3), (again["notices"]!["sent"]!.GetValue<int>(), again["notices"]!["alreadySent"]!.GetValue<int>()));
        var notices = fixture.SendGrid.Accepted.Where(m => m.Subject.StartsWith("Cancelled:", StringComparison.Ordinal)).ToList();
        Assert.Equal(accepted.Order(), notices.Select(m => m.To).Order());
        var calendar = SummitSteps.Utf8(SummitSteps.Attachment(notices[0], "meetup.ics"));
        Assert.Contains("METHOD:CANCEL", calendar, StringComparison.Ordinal);
        Assert.Contains("STATUS:CANCELLED", calendar, StringComparison.Ordinal);
        Assert.Contains($"UID:{id}@", calendar, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:1", calendar, StringComparison.Ordinal);

        // Nobody can answer a cancelled meet-up: the invitation's page says so.
        using var late = await fixture.CreateClient().GetAsync(new Uri(SummitSteps.PathAndQuery(invitees[4].RsvpLink), UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("User research in practice is cancelled", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_TellsThoseWithAPlace_WithTheSameUidAndAHigherSequence_Once()
    {
        var admin = fixture.CreateAdminClient();
        var (id, invitees) = await InvitedMeetupAsync(admin);
        var accepted = await MeetupSteps.AcceptAsync(fixture, invitees.Take(2));
        var newStart = _clock.GetUtcNow().AddDays(40);

        var moved = await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/move", new { startsAt = newStart });
        var again = await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/move", new { startsAt = newStart });

        Assert.Equal((2, 1), (moved["notices"]!["sent"]!.GetValue<int>(), moved["meetup"]!["sequence"]!.GetValue<int>()));
        Assert.Equal((0, 2, 1), (again["notices"]!["sent"]!.GetValue<int>(), again["notices"]!["alreadySent"]!.GetValue<int>(), again["meetup"]!["sequence"]!.GetValue<int>()));
        var notices = fixture.SendGrid.Accepted.Where(m => m.Subject.StartsWith("New date:", StringComparison.Ordinal)).ToList();
        Assert.Equal(accepted.Order(), notices.Select(m => m.To).Order());
        var calendar = SummitSteps.Utf8(SummitSteps.Attachment(notices[0], "meetup.ics"));
        Assert.Contains($"UID:{id}@", calendar, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:1", calendar, StringComparison.Ordinal);
        Assert.Contains($"DTSTART:{newStart.UtcDateTime:yyyyMMdd'T'HHmmss}Z", calendar, StringComparison.Ordinal);
        Assert.Contains("STATUS:CONFIRMED", calendar, StringComparison.Ordinal);
    }

    /// <summary>
    /// As the summit crash test: the second notice's SendGrid request hangs and the organiser's request is cancelled while it
    /// hangs. The first notice is sent, the second left claimed, the third never started. Cancelling again sends the third and
    /// leaves the claim alone until it times out; then it is sent. Everyone who accepted gets exactly one notice.
    /// </summary>
    [Fact]
    public async Task ACrashMidwayThroughCancelling_ThenCancellingAgain_EmailsEachAttendeeExactlyOnce()
    {
        var admin = fixture.CreateAdminClient();
        var (id, invitees) = await InvitedMeetupAsync(admin);
        var accepted = await MeetupSteps.AcceptAsync(fixture, invitees.Take(3));
        _ = fixture.SendGrid.Requests;
        fixture.SendGrid.Reset();
        fixture.SendGrid.Enqueue(CannedResponse.Accepted, new CannedResponse(503, Delay: TimeSpan.FromSeconds(60)));

        using var crash = new CancellationTokenSource();
        var cancelling = admin.PostAsync(new Uri($"/api/admin/peer-groups/london/events/{id}/cancel", UriKind.Relative), null, crash.Token);
        await Eventually.TrueAsync(() => fixture.SendGrid.RequestsSoFar.Count >= 2, "the second notice to reach SendGrid");
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelling);

        var resumed = await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/cancel");
        Assert.Equal((1, 1, 1), (resumed["notices"]!["sent"]!.GetValue<int>(), resumed["notices"]!["alreadySent"]!.GetValue<int>(), resumed["notices"]!["inProgress"]!.GetValue<int>()));

        _clock.Advance(TimeSpan.FromMinutes(11));
        var finished = await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/cancel");
        Assert.Equal((1, 2), (finished["notices"]!["sent"]!.GetValue<int>(), finished["notices"]!["alreadySent"]!.GetValue<int>()));

        var delivered = fixture.SendGrid.Accepted.Where(m => m.Subject.StartsWith("Cancelled:", StringComparison.Ordinal)).Select(m => m.To).ToList();
        Assert.Equal(accepted.Order(), delivered.Order());
    }

    private async Task<(string Id, List<CapturedRecipient> Invitees)> InvitedMeetupAsync(HttpClient admin)
    {
        var id = (await MeetupSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(20))).Single();
        fixture.SendGrid.Reset();
        var sent = await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/invitations/send");
        Assert.Equal(6, sent["run"]!["sent"]!.GetValue<int>());
        var invitees = SummitSteps.Recipients(fixture.SendGrid.Accepted).OrderBy(r => r.Email, StringComparer.Ordinal).ToList();
        Assert.All(invitees, i => Assert.Contains("a meet-up of your council's peer group", i.Text, StringComparison.Ordinal));
        fixture.SendGrid.Reset();
        return (id, invitees);
    }
}
