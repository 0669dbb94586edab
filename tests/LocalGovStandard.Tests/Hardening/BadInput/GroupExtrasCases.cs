using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// A meet-up's move, cancel and invite forms, through the lead's door (the fixture's contact leads London) and the console.
/// Every case is refused and the meet-up stays as it was: not moved, not cancelled, nobody invited.
/// </summary>
public static class GroupExtrasCases
{
    private const string FormExpired = "Your form has expired";

    private static readonly int[] FirstPoint = [1];

    private static readonly ConditionalWeakTable<BadInputFixture, string> Meetups = [];

    /// <summary>Schedules a London meet-up for the cases to aim at.</summary>
    public static async Task PrepareAsync(BadInputFixture fixture)
    {
        // On a whole minute, so the move form (hours and minutes) posted back unchanged is "nothing changed".
        var day = fixture.Clock.GetUtcNow().AddDays(60);
        var created = await fixture.CreateAdminClient().PostAsJsonAsync("/api/admin/peer-groups/london/events", new
        {
            title = "Meet-up under attack", points = FirstPoint, startsAt = new DateTimeOffset(day.Year, day.Month, day.Day, 17, 0, 0, TimeSpan.Zero), venue = "City Hall", address = "London", capacity = 10,
        });
        created.EnsureSuccessStatusCode();
        Meetups.AddOrUpdate(fixture, (await created.Content.ReadFromJsonAsync<JsonNode>())!["meetups"]![0]!["id"]!.GetValue<string>());
    }

    public static IEnumerable<BadInputCase> Lead() => Door("/peer-groups/{slug}/events/{eventId}", "/peer-groups/london/events", f => f.Pages);

    public static IEnumerable<BadInputCase> Console() => Door("/organiser/peer-groups/{slug}/events/{eventId}", "/organiser/peer-groups/london/events", f => f.Organiser);

    private static IEnumerable<BadInputCase> Door(string route, string events, Func<BadInputFixture, PageSession> session)
    {
        string Page(BadInputFixture f, string page) => $"{events}/{(Meetups.TryGetValue(f, out var id) ? id : "none")}/{page}";

        var move = new FormRouteCases($"POST {route}/move", session, f => Page(f, "move"))
            .Field("startsAt-day", [("empty", "\"\""), ("formula", "\"=NOW()\""), ("31st of February", "\"31\"")], fields => fields.Set("startsAt-month", "2"))
            .Field("startsAt-time", [("empty", "\"\""), ("12-hour", "\"6pm\"")])
            .Field("startsAt-year", [("in the past", "\"2001\"")], errorField: "startsAt-day")
            .Field("venue", [("121 characters", NastyValues.Quote(new string('v', 121))), ("empty (no online link)", "\"\"")])
            .Field("address", [("empty with a venue", "\"\""), ("301 characters", NastyValues.Quote(new string('a', 301)))])
            .Change("version: not a number", fields => fields.Set("version", "one"), new Expectation.Page("#startsAt-day"))
            .Change("nothing changed", _ => { }, new Expectation.Page("#startsAt-day"))
            .BrokenPosts(FormExpired, "address")
            .All;

        var confirm = new List<BadInputCase>();
        void Confirm(string name, Action<List<KeyValuePair<string, string>>> change, Expectation expect) =>
            confirm.Add(new BadInputCase($"POST {route}/move/confirm", name, async f => await PostMoveFormAsync(session(f), Page(f, "move"), Page(f, "move/confirm"), change), expect));
        Confirm("version: an earlier one", fields => fields.Set("version", "7"), new Expectation.Page("#startsAt-day"));
        Confirm("startsAt-time: 25:00", fields => fields.Set("startsAt-time", "25:00"), new Expectation.Page("#startsAt-time"));
        Confirm("venue: 121 characters", fields => fields.Set("venue", new string('v', 121)), new Expectation.Page("#venue"));
        Confirm("antiforgery token missing", fields => fields.Remove(Requests.AntiforgeryField), new Expectation.Page(FormExpired));
        Confirm("antiforgery token wrong", fields => fields.Set(Requests.AntiforgeryField, "CfDJ8Forged" + new string('A', 80)), new Expectation.Page(FormExpired));

        var cancel = new FormRouteCases($"POST {route}/cancel", session, f => Page(f, "cancel"))
            .Field("reason", [("empty", "\"\""), ("spaces only", "\"   \""), ("501 characters", NastyValues.Quote(new string('r', 501))), ("NUL character", NastyValues.Quote("Ill\u0000"))])
            .Missing("reason")
            .BrokenPosts(FormExpired, "reason")
            .All;

        // The invite page has no form when nobody is left to invite, so these post the move form's token (or none) to it.
        var invite = new List<BadInputCase>();
        foreach (var (name, change) in new (string, Action<List<KeyValuePair<string, string>>>)[]
        {
            ("antiforgery token missing", fields => fields.Remove(Requests.AntiforgeryField)),
            ("antiforgery token wrong", fields => fields.Set(Requests.AntiforgeryField, "CfDJ8Forged" + new string('A', 80))),
        })
        {
            invite.Add(new BadInputCase($"POST {route}/invitations", name, async f => await PostMoveFormAsync(session(f), Page(f, "move"), Page(f, "invitations"), change),
                new Expectation.Page(FormExpired)));
        }

        return [.. move, .. confirm, .. cancel, .. invite];
    }

    /// <summary>The move form as its page gives it, a year later, changed and posted to <paramref name="target"/> (as a stale or crafted page would).</summary>
    private static async Task<HttpResponseMessage> PostMoveFormAsync(PageSession session, string page, string target, Action<List<KeyValuePair<string, string>>> change)
    {
        var document = new HtmlParser().ParseDocument(await session.Client.GetStringAsync(new Uri(page, UriKind.Relative)));
        var form = document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().Single(f => f.GetAttribute("action") == page);
        var fields = PageSession.FieldsOf(form);
        var year = int.Parse(fields.Single(f => f.Key == "startsAt-year").Value, System.Globalization.CultureInfo.InvariantCulture);
        fields.Set("startsAt-year", (year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        change(fields);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        return await session.Client.SendAsync(request);
    }
}
