using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Summits;

namespace LocalGovStandard.Tests.Events;

public static class MeetupSteps
{
    public static object Body(DateTimeOffset startsAt, int? everyWeeks = null, int? meetings = null) => new
    {
        title = "User research in practice",
        points = new[] { 14, 1 },
        startsAt,
        endsAt = startsAt.AddHours(2),
        venue = "City Hall",
        address = "Kamal Chunchie Way\nLondon E16 1ZE",
        onlineLink = "https://meet.example.gov.uk/london",
        capacity = 10,
        speakers = new[] { new { name = "Asha Patel", organisation = "Camden Council", talkTitle = "Research with residents on a budget" } },
        agenda = "18:00 Welcome\n18:15 Talks\n19:30 Discussion",
        everyWeeks,
        meetings,
    };

    /// <summary>Schedules for the London group; the new meet-ups' ids.</summary>
    public static async Task<List<string>> ScheduleAsync(HttpClient admin, DateTimeOffset startsAt, int? everyWeeks = null, int? meetings = null)
    {
        using var response = await admin.PostAsJsonAsync("/api/admin/peer-groups/london/events", Body(startsAt, everyWeeks, meetings));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!["meetups"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
    }

    public static async Task<JsonNode> PostAsync(HttpClient admin, string path, object? body = null)
    {
        using var response = body is null ? await admin.PostAsync(new Uri(path, UriKind.Relative), null) : await admin.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Each invitee answers yes from their emailed link; their addresses.</summary>
    public static async Task<List<string>> AcceptAsync(ServiceFixture fixture, IEnumerable<CapturedRecipient> invitees)
    {
        var accepted = new List<string>();
        foreach (var invitee in invitees)
        {
            var client = fixture.CreateClient();
            var (_, fields) = await SummitSteps.OpenRsvpAsync(client, invitee.RsvpLink);
            using var answer = await SummitSteps.AnswerAsync(client, fields, "yes");
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
            accepted.Add(invitee.Email);
        }

        return accepted;
    }
}
