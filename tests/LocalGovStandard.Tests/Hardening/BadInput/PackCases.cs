using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// The content-pack forms, through both doors: a lead's pages (the fixture's contact leads London) and the organiser
/// console. Every case is refused; London's one published pack stays as it was.
/// </summary>
public static class PackCases
{
    private const string FormExpired = "Your form has expired";
    private const string NotFound = "Page not found";

    private static readonly int[] FirstPoint = [1];

    private static readonly ConditionalWeakTable<BadInputFixture, PreparedPacks> Prepared = [];

    private static readonly (string, string)[] Points =
    [
        ("not a number", "\"three\""), ("16", "\"16\""), ("0", "\"0\""), ("negative", "\"-1\""), ("formula", "\"=1+1\""), ("huge", "\"99999999999999999999\""),
    ];

    private static readonly (string, string)[] Agendas =
    [
        ("empty", "\"\""), ("spaces only", "\"  \\n  \""), ("10,001 characters", NastyValues.Quote(new string('a', 10_001))),
        ("NUL character", NastyValues.Quote("Plan\u0000")), ("right-to-left override", NastyValues.Quote("Plan \u202Enalp")),
    ];

    /// <summary>Makes the fixture's contact London's lead; gives London a draft pack, and Midlands a published one to adopt.</summary>
    public static async Task PrepareAsync(BadInputFixture fixture)
    {
        var admin = fixture.CreateAdminClient();
        await ReportSteps.SetLeadsAsync(admin, "london", "London", ["london"], new ReportSteps.Lead("Lee Lead", BadInputFixture.Contact));
        var london = await CreateAsync(admin, "london", "Pack under attack");
        var midlands = await CreateAsync(admin, "midlands", "Pack to adopt");
        (await admin.PostAsync(new Uri($"/api/admin/packs/{midlands}/publish", UriKind.Relative), null)).EnsureSuccessStatusCode();
        Prepared.AddOrUpdate(fixture, new PreparedPacks(london, midlands));
    }

    private static async Task<string> CreateAsync(HttpClient admin, string group, string title)
    {
        var created = await admin.PostAsJsonAsync($"/api/admin/peer-groups/{group}/packs", new { title, points = FirstPoint, agenda = "# Plan" });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
    }

    public static IEnumerable<BadInputCase> Lead() => Door("/peer-groups", f => f.Pages);

    public static IEnumerable<BadInputCase> Console() => Door("/organiser/peer-groups", f => f.Organiser);

    private static IEnumerable<BadInputCase> Door(string groups, Func<BadInputFixture, PageSession> session)
    {
        var packs = $"{groups}/london/packs";
        string Edit(BadInputFixture f) => $"{packs}/{Packs(f).LondonDraft}";
        string ToAdopt(BadInputFixture f) => $"{(groups.StartsWith("/organiser", StringComparison.Ordinal) ? "/organiser" : "/peer-groups")}/packs/{Packs(f).MidlandsPublished}";

        return
        [
            .. new FormRouteCases($"POST {groups}/{{slug}}/packs/new", session, _ => $"{packs}/new")
                .Field("title", NastyValues.RequiredText(120).Take(6), Valid)
                .Field("points", Points, Valid)
                .Missing("points")
                .Field("agenda", Agendas, Valid)
                .Field("exercises", [("10,001 characters", NastyValues.Quote(new string('e', 10_001))), ("NUL character", NastyValues.Quote("Go\u0000"))], Valid)
                .BrokenPosts(FormExpired, "agenda", Valid)
                .All,
            .. new FormRouteCases($"POST {groups}/{{slug}}/packs/{{id}}", session, Edit, f => Edit(f))
                .Field("title", NastyValues.RequiredText(120).Take(6))
                .Field("points", Points)
                .Missing("points")
                .Field("agenda", Agendas)
                .Change("etag: stale", fields => fields.Set("etag", "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\""), new Expectation.Page("changed since you opened it"))
                .BrokenPosts(FormExpired, "agenda")
                .All,
            .. new FormRouteCases($"POST {groups}/{{slug}}/packs/{{id}}/files", session, Edit, f => $"{Edit(f)}/files")
                .Change("no file", _ => { }, new Expectation.Page("#file"))
                .BrokenPosts(FormExpired, largestField: null)
                .All,
            .. new FormRouteCases($"POST {groups}/{{slug}}/packs/{{id}}/publish", session, Edit, f => $"{Edit(f)}/publish")
                .BrokenPosts(FormExpired, largestField: null)
                .All,
            .. new FormRouteCases($"POST {groups}/{{slug}}/packs/adopt", session, ToAdopt, _ => $"{packs}/adopt")
                .Change("packId: unknown", fields => fields.Set("packId", "0123456789abcdef"), new Expectation.Page(NotFound))
                .Change("packId: OData filter metacharacters", fields => fields.Set("packId", "x' or PartitionKey ne '"), new Expectation.Page(NotFound))
                .Change("packId: HTML and script", fields => fields.Set("packId", "<script>alert(1)</script>"), new Expectation.Page(NotFound))
                .Change("packId: missing", fields => fields.Remove("packId"), new Expectation.Page(NotFound))
                .BrokenPosts(FormExpired, largestField: null)
                .All,
        ];
    }

    private static PreparedPacks Packs(BadInputFixture fixture) =>
        Prepared.TryGetValue(fixture, out var packs) ? packs : throw new InvalidOperationException("PackCases.PrepareAsync did not run for this fixture.");

    private static void Valid(List<KeyValuePair<string, string>> fields)
    {
        fields.Set("title", "A valid title");
        fields.Set("agenda", "# A valid agenda");
        if (!fields.Any(f => f.Key == "points"))
        {
            fields.Add(KeyValuePair.Create("points", "2"));
        }
    }

    private sealed record PreparedPacks(string LondonDraft, string MidlandsPublished);
}
