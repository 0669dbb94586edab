using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Summits;

namespace LocalGovStandard.Tests.Events;

/// <summary>Six approved Camden contacts of its own (prefix "after"), seeded once; each test schedules its own London meet-ups.</summary>
public sealed class AfterEventFixture : RegisteredServiceFixture
{
    public List<string> Camden { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Camden = await SummitSteps.SeedContactsAsync(this, TestRegister.Camden, "after", 6, new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));
    }
}

/// <summary>A London meet-up with places taken, as the API and the RSVP pages make one.</summary>
public static class AfterEventSteps
{
    public sealed record Place(string Email, string InvitationId);

    /// <summary>Schedules a London meet-up 20 days on (using the pack, if any), invites the group, and accepts for the first <paramref name="accept"/> Camden contacts.</summary>
    public static async Task<(string Id, List<Place> Places)> MeetupWithPlacesAsync(AfterEventFixture fixture, DateTimeOffset now, int accept, string? packId = null)
    {
        var admin = fixture.CreateAdminClient();
        var body = JsonSerializer.SerializeToNode(MeetupSteps.Body(now.AddDays(20)), JsonSerializerOptions.Web)!.AsObject();
        body["packId"] = packId;
        using var scheduled = await admin.PostAsJsonAsync("/api/admin/peer-groups/london/events", body);
        var text = await scheduled.Content.ReadAsStringAsync();
        Assert.True(scheduled.StatusCode == HttpStatusCode.Created, text);
        var id = JsonNode.Parse(text)!["meetups"]![0]!["id"]!.GetValue<string>();

        fixture.SendGrid.Reset();
        await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/invitations/send");
        var invitees = SummitSteps.Recipients(fixture.SendGrid.Accepted).Where(r => fixture.Camden.Contains(r.Email)).OrderBy(r => r.Email, StringComparer.Ordinal).ToList();
        var places = new List<Place>();
        foreach (var invitee in invitees.Take(accept))
        {
            var client = fixture.CreateClient();
            var (_, fields) = await SummitSteps.OpenRsvpAsync(client, invitee.RsvpLink);
            using var answer = await SummitSteps.AnswerAsync(client, fields, "yes");
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        var attendance = await admin.GetFromJsonAsync<JsonNode>($"/api/admin/peer-groups/london/events/{id}/attendance");
        foreach (var invitee in invitees.Take(accept))
        {
            var key = LocalGovStandard.Signups.SignupService.ContactKey(invitee.Email);
            var place = attendance!["places"]!.AsArray().Single(p => p!["invitationId"]!.GetValue<string>().EndsWith(key, StringComparison.Ordinal))!;
            places.Add(new Place(invitee.Email, place["invitationId"]!.GetValue<string>()));
        }

        fixture.SendGrid.Reset();
        return (id, places);
    }

    public static Task<HttpResponseMessage> RecordAsync(HttpClient admin, string id, IEnumerable<string> attended, params object[] walkIns) =>
        admin.PutAsJsonAsync($"/api/admin/peer-groups/london/events/{id}/attendance", new { attended = attended.ToArray(), walkIns });

    public static async Task<JsonNode> RecordOkAsync(HttpClient admin, string id, IEnumerable<string> attended, params object[] walkIns)
    {
        using var response = await RecordAsync(admin, id, attended, walkIns);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    public static async Task<IReadOnlySet<string>> ErrorFieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
    }
}
