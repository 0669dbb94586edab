using System.Runtime.CompilerServices;
using LocalGovStandard.Register;
using LocalGovStandard.Tests.Events;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// Open registration (ADR 0024): a London meet-up's public registration form, the emailed link's button, and the open/close
/// button through both doors (the fixture's contact leads London). Every case is refused and nothing is stored.
/// </summary>
public static class OpenRegistrationCases
{
    private const string FormExpired = "Your form has expired";
    private const string NotValid = "This link is not valid";
    private const string ChooseOpen = "Choose to open or close registration";

    private static readonly ConditionalWeakTable<BadInputFixture, PreparedRegistration> Prepared = [];

    private static readonly (string, string)[] Emails =
    [
        ("not an address", "\"not-an-address\""), ("outside the group's area", "\"someone@birmingham.gov.uk\""),
        ("not public sector", "\"someone@example.com\""), ("OData filter metacharacters in the domain", "\"x@westminster.gov.uk' or '1\""),
        ("two addresses", "\"a@westminster.gov.uk,b@westminster.gov.uk\""),
    ];

    private static readonly (string, string)[] OpenValues = [("maybe", "\"maybe\""), ("empty", "\"\""), ("HTML and script", NastyValues.Quote("<script>alert(1)</script>"))];

    /// <summary>An open London meet-up, and a registration whose emailed link is left unused so its page still has its button.</summary>
    public static async Task PrepareAsync(BadInputFixture fixture)
    {
        var domains = fixture.Service<CouncilDomains>();
        await domains.AddAsync(TestRegister.Westminster.GssCode, "westminster.gov.uk", "test", CancellationToken.None);
        await domains.AddAsync(TestRegister.Birmingham.GssCode, "birmingham.gov.uk", "test", CancellationToken.None);
        var id = await OpenRegistrationSteps.ScheduleAsync(fixture.CreateAdminClient(), fixture.Clock.GetUtcNow().AddDays(400));
        const string registrant = "registrant@westminster.gov.uk";
        await OpenRegistrationSteps.RegisterAsync(fixture, id, registrant);
        Prepared.AddOrUpdate(fixture, new PreparedRegistration(id, OpenRegistrationSteps.LinkFor(fixture, registrant).PathAndQuery));
    }

    public static IEnumerable<BadInputCase> Register() =>
        new FormRouteCases("POST /events/{eventId}/register", PageSession.Anonymous, f => $"/events/{Of(f).EventId}")
            .Field("name", NastyValues.RequiredText(100).Take(6), Valid)
            .Field("email", [.. NastyValues.RequiredText(254).Take(6), .. Emails], Valid)
            .Field("organisation", NastyValues.RequiredText(120).Take(6), Valid)
            .Missing("name", "email", "organisation")
            .BrokenPosts(FormExpired, "organisation", Valid)
            .All;

    public static IEnumerable<BadInputCase> Confirm() =>
        new FormRouteCases("POST /events/registration/confirm", PageSession.Anonymous, f => Of(f).LinkPath)
            .Tokens(NotValid)
            .BrokenPosts(FormExpired, null)
            .All;

    public static IEnumerable<BadInputCase> LeadOpen() => Door("/peer-groups", f => f.Pages);

    public static IEnumerable<BadInputCase> ConsoleOpen() => Door("/organiser/peer-groups", f => f.Organiser);

    private static IEnumerable<BadInputCase> Door(string groups, Func<BadInputFixture, PageSession> session)
    {
        var cases = new FormRouteCases($"POST {groups}/{{slug}}/events/{{eventId}}/registration", session, _ => $"{groups}/london/events",
            f => $"{groups}/london/events/{Of(f).EventId}/registration");
        foreach (var (label, json) in OpenValues)
        {
            cases.Change($"open: {label}", fields => fields.Set("open", NastyValues.AsFormText(json)!), new Expectation.Page(ChooseOpen));
        }

        return cases.Change("open: missing", fields => fields.Remove("open"), new Expectation.Page(ChooseOpen))
            .BrokenPosts(FormExpired, null)
            .All;
    }

    private static PreparedRegistration Of(BadInputFixture fixture) =>
        Prepared.TryGetValue(fixture, out var prepared) ? prepared : throw new InvalidOperationException("OpenRegistrationCases.PrepareAsync did not run for this fixture.");

    private static void Valid(List<KeyValuePair<string, string>> fields)
    {
        fields.Set("name", "Ada Lovelace");
        fields.Set("email", "ada.registrant@westminster.gov.uk");
        fields.Set("organisation", "City of Westminster");
    }

    private sealed record PreparedRegistration(string EventId, string LinkPath);
}
