using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LocalGovStandard.Register;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Events;

public static partial class OpenRegistrationSteps
{
    public const string OnlineLink = "https://meet.example.gov.uk/london";

    /// <summary>The register's domains for the councils the tests register from: two in London, one in the West Midlands.</summary>
    public static async Task AddCouncilDomainsAsync(ServiceFixture fixture)
    {
        var domains = fixture.Service<CouncilDomains>();
        await domains.AddAsync(TestRegister.Camden.GssCode, "camden.gov.uk", "test", CancellationToken.None);
        await domains.AddAsync(TestRegister.Westminster.GssCode, "westminster.gov.uk", "test", CancellationToken.None);
        await domains.AddAsync(TestRegister.Birmingham.GssCode, "birmingham.gov.uk", "test", CancellationToken.None);
    }

    /// <summary>Schedules a London meet-up through the admin API, open to registration unless told otherwise; its id.</summary>
    public static async Task<string> ScheduleAsync(HttpClient admin, DateTimeOffset startsAt, int capacity = 10, bool open = true)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(MeetupSteps.Body(startsAt), System.Text.Json.JsonSerializerOptions.Web))!.AsObject();
        body["capacity"] = capacity;
        body["openForRegistration"] = open;
        using var response = await admin.PostAsJsonAsync("/api/admin/peer-groups/london/events", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        var meetup = JsonNode.Parse(text)!["meetups"]![0]!;
        Assert.Equal(open, meetup["openForRegistration"]!.GetValue<bool>());
        return meetup["id"]!.GetValue<string>();
    }

    /// <summary>Fills in and sends the meet-up page's registration form as a browser does; the page that answers.</summary>
    public static async Task<HtmlPage> RegisterAsync(ServiceFixture fixture, string eventId, string email, string name = "Ada Lovelace", string organisation = "Camden Council")
    {
        var session = PageSession.Anonymous(fixture);
        var page = await session.GetAsync($"/events/{eventId}");
        return await session.SubmitAsync(page, new Dictionary<string, string> { ["name"] = name, ["email"] = email, ["organisation"] = organisation });
    }

    /// <summary>The registration emails SendGrid accepted for this address.</summary>
    public static IReadOnlyList<CapturedRequest> LinkEmails(ServiceFixture fixture, string email) =>
        fixture.SendGrid.Accepted.Where(r => string.Equals(r.To, email, StringComparison.OrdinalIgnoreCase) && r.Subject.StartsWith("Confirm your place:", StringComparison.Ordinal)).ToList();

    public static Uri LinkFor(ServiceFixture fixture, string email) =>
        new(LinkPattern().Match(Assert.Single(LinkEmails(fixture, email)).PlainText).Value);

    /// <summary>Registers and confirms by the emailed link, as the person does; the page the button answers with.</summary>
    public static async Task<HtmlPage> RegisterAndConfirmAsync(ServiceFixture fixture, string eventId, string email, string name = "Ada Lovelace")
    {
        var registered = await RegisterAsync(fixture, eventId, email, name);
        Assert.Equal("Check your email", registered.Heading);
        return await EmailedLinkSteps.OpenAndPressAsync(fixture, LinkFor(fixture, email));
    }

    public static string Unique(string domain) => $"reg.{Guid.NewGuid():N}@{domain}";

    [GeneratedRegex(@"https?://\S+/events/registration/confirm\?token=\S+")]
    private static partial Regex LinkPattern();
}
