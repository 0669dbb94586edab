using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using LocalGovStandard.Events;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// A meet-up's page after it started, through both doors (the fixture's contact leads London): the pack, attendance and
/// follow-up forms. Every case is refused, so the follow-up is never sent and the empty attendance stays as it was.
/// </summary>
public static class AttendanceCases
{
    private const string FormExpired = "Your form has expired";

    private static readonly ConditionalWeakTable<BadInputFixture, string> Meetups = [];

    private static readonly (string, string)[] NotAPlace =
    [
        ("no such invitation", "\"E09000007-nobody\""), ("OData filter metacharacters", "\"x' or RowKey ne '\""), ("100,000 characters", NastyValues.Quote(new string('A', 100_000))),
    ];

    /// <summary>
    /// A London meet-up that started yesterday, stored by the real store (the API refuses to schedule one in the past), with
    /// its attendance recorded as nobody, so its page shows the follow-up form too.
    /// </summary>
    public static async Task PrepareAsync(BadInputFixture fixture)
    {
        var started = fixture.Clock.GetUtcNow().AddDays(-1);
        var meetup = new ValidMeetup("Meet-up under attack", [1], started, started.AddHours(2), "City Hall", "Kamal Chunchie Way, London", "", 20, [], "", 1, 1);
        var id = (await fixture.Service<EventStore>().CreateMeetupsAsync("london", meetup, null, CancellationToken.None)).Single().SummitId;
        var recorded = await fixture.CreateAdminClient().PutAsJsonAsync($"/api/admin/peer-groups/london/events/{id}/attendance", new { attended = Array.Empty<string>() });
        recorded.EnsureSuccessStatusCode();
        Meetups.AddOrUpdate(fixture, id);
    }

    public static IEnumerable<BadInputCase> Lead() => Door("/peer-groups", f => f.Pages);

    public static IEnumerable<BadInputCase> Console() => Door("/organiser/peer-groups", f => f.Organiser);

    private static IEnumerable<BadInputCase> Door(string groups, Func<BadInputFixture, PageSession> session)
    {
        string Route(string form) => $"POST {groups}/{{slug}}/events/{{eventId}}/{form}";
        string Page(BadInputFixture f) => $"{groups}/london/events/{Meetup(f)}";
        return
        [
            .. new FormRouteCases(Route("attendance"), session, Page, f => $"{Page(f)}/attendance")
                .Field("attended", NotAPlace)
                .Field("walkIn1Name", NastyValues.RequiredText(AttendanceRecorder.NameMaxLength).Take(6), fields => fields.Set("walkIn1Council", TestRegister.Westminster.GssCode))
                .Field("walkIn1Council", [("not in the register", "\"E99999999\""), ("formula", "\"=1+1\""), ("a historic council", NastyValues.Quote(TestRegister.Kettering.GssCode))],
                    fields => fields.Set("walkIn1Name", "Sam Walker"))
                .BrokenPosts(FormExpired, "walkIn1Name")
                .All,
            .. new FormRouteCases(Route("pack"), session, Page, f => $"{Page(f)}/pack")
                .Field("packId", [("unknown", "\"pck-nosuchpack\""), ("OData filter metacharacters", "\"x' or PartitionKey ne '\""), ("HTML and script", "\"<script>alert(1)</script>\"")])
                .BrokenPosts(FormExpired, largestField: null)
                .All,
            .. new FormRouteCases(Route("follow-up"), session, Page, f => $"{Page(f)}/follow-up")
                .Field("message", [("empty", "\"\""), ("spaces only", "\"  \\n  \""), ("2,001 characters", NastyValues.Quote(new string('m', 2001))), ("NUL character", NastyValues.Quote("Thanks\u0000"))])
                .BrokenPosts(FormExpired, "message")
                .All,
        ];
    }

    private static string Meetup(BadInputFixture fixture) =>
        Meetups.TryGetValue(fixture, out var id) ? id : throw new InvalidOperationException("AttendanceCases.PrepareAsync did not run for this fixture.");
}
