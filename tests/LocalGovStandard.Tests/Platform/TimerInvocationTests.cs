using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Platform;

/// <summary>
/// Timer functions as the Functions host invokes them (<c>POST /{FunctionName}</c> with the custom
/// handler payload, under the host and from loopback, on Kestrel) and as an organiser runs them; every
/// run audited. Each test has its own clock, which starts after earlier tests' contacts are past retention, so a
/// test that counts deletions first clears what they left.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class TimerInvocationTests(TimerInvocationTests.HostFixture fixture) : IClassFixture<TimerInvocationTests.HostFixture>
{
    /// <summary>As under the Functions host: FUNCTIONS_CUSTOMHANDLER_PORT set, and the host's requests from loopback.</summary>
    public sealed class HostFixture : RegisteredServiceFixture
    {
        protected override bool OnLoopback => true;

        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["FUNCTIONS_CUSTOMHANDLER_PORT"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Past the 72-hour link and the 30-day retention after it.</summary>
    private static readonly TimeSpan PastRetention = TimeSpan.FromHours(72) + TimeSpan.FromDays(31);

    private const string HostPayload = """
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"not-a-date","Next":"2026-11-24T03:00:00+00:00","LastUpdated":"0001-01-01T00:00:00"},"IsPastDue":false}},
         "Metadata":{"sys":{"MethodName":"PurgeExpiredVerifications","UtcNow":"2026-11-23T03:00:00Z","RandGuid":"5f3b1c7e-2d4a-4e55-9a51-0c1f2b3d4e5f"}}}
        """;

    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();
    private readonly HttpClient _client = fixture.CreateClient();

    private TableClient Signups => fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.Signups);

    [Fact]
    public async Task HostInvocation_AnswersWithTheCustomHandlerResponse()
    {
        using var response = await InvokeAsHostAsync(HostPayload);

        var body = await AssertHostResponseAsync(response);
        Assert.Single(body.Logs);
    }

    [Fact]
    public async Task EveryRun_IsAudited_WithWhoStartedIt()
    {
        using (var host = await InvokeAsHostAsync(HostPayload))
        {
            await AssertHostResponseAsync(host);
        }

        using (var organiser = await fixture.CreateAdminClient().PostAsync(new Uri("/api/admin/timers/PurgeExpiredVerifications/run", UriKind.Relative), null))
        {
            await AssertHostResponseAsync(organiser);
        }

        var runs = (await fixture.Service<AuditLog>().ForMonthAsync(_clock.GetUtcNow(), CancellationToken.None))
            .Where(e => e.Action == "timer.run" && e.Subject == "PurgeExpiredVerifications")
            .Select(e => e.Actor)
            .ToList();
        Assert.Contains("host", runs);
        Assert.Contains("organiser", runs);
    }

    [Fact]
    public async Task AClientsRequestForwardedByTheHost_IsNotFound_AndRunsNothing()
    {
        var email = "purge.forwarded@camden.gov.uk";
        await SignUpAsync(TestRegister.Camden, email);
        _clock.Advance(PastRetention);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/PurgeExpiredVerifications", UriKind.Relative))
        {
            Content = new StringContent(HostPayload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Single(await ContactsAsync(email));
    }

    [Fact]
    public async Task HostInvocation_PurgesOnlyContactsWhoseLinkExpiredPastRetention()
    {
        var expiredA = "purge.expired.a@westminster.gov.uk";
        var expiredB = "purge.expired.b@camden.gov.uk";
        var verified = "purge.verified@birmingham.gov.uk";
        var recent = "purge.recent@leicester.gov.uk";

        await ClearLeftoversAsync();

        // Day 0: three sign-ups; one confirms.
        await SignUpAsync(TestRegister.Westminster, expiredA);
        await SignUpAsync(TestRegister.Camden, expiredB);
        await SignUpAsync(TestRegister.Birmingham, verified);
        var confirmed = await SignupSteps.VerifyAsync(_client, fixture.SendGrid, verified);
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);

        // Day 21: a fourth signs up; its link expires on day 24.
        _clock.Advance(TimeSpan.FromDays(21));
        await SignUpAsync(TestRegister.Leicester, recent);

        // Day 34: the first two links expired 31 days ago, the fourth 10 days ago.
        _clock.Advance(TimeSpan.FromDays(13));
        Assert.Equal(4, (await ContactsAsync(expiredA, expiredB, verified, recent)).Count);

        using var response = await InvokeAsHostAsync(HostPayload);

        var body = await AssertHostResponseAsync(response);
        Assert.Contains(body.Logs, line => line.StartsWith("Deleted 2 unverified contact(s)", StringComparison.Ordinal));
        var remaining = await ContactsAsync(expiredA, expiredB, verified, recent);
        Assert.Equal([recent, verified], remaining.Select(c => c.ContactEmail).Order(StringComparer.Ordinal));
        Assert.Equal(ContactEntity.Verified, remaining.Single(c => c.ContactEmail == verified).Status);
        Assert.Equal(ContactEntity.Pending, remaining.Single(c => c.ContactEmail == recent).Status);

        // A second run finds nothing more to delete.
        using var again = await InvokeAsHostAsync(HostPayload);
        Assert.Contains((await AssertHostResponseAsync(again)).Logs, line => line.StartsWith("Deleted 0 ", StringComparison.Ordinal));
        Assert.Equal(2, (await ContactsAsync(verified, recent)).Count);
    }

    [Fact]
    public async Task HostInvocation_WithTheTimerSerialisedAsAString_StillRuns()
    {
        var email = "purge.string-data@camden.gov.uk";
        await SignUpAsync(TestRegister.Camden, email);
        _clock.Advance(PastRetention);
        var timer = """{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"not-a-date","Next":"2026-11-24T03:00:00+00:00"},"IsPastDue":true}""";
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject { ["timer"] = timer },
            ["Metadata"] = new JsonObject { ["sys"] = new JsonObject { ["MethodName"] = "PurgeExpiredVerifications" } },
        };

        using var response = await InvokeAsHostAsync(payload.ToJsonString());

        await AssertHostResponseAsync(response);
        Assert.Empty(await ContactsAsync(email));
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "not json", "this is {not json" },
        { "empty", "" },
        { "array", "[1,2,3]" },
        { "string", "\"timer\"" },
        { "data is a string that is not json", """{"Data":{"timer":"not json"}}""" },
        { "data is an array", """{"Data":[{"IsPastDue":true}]}""" },
        { "timer is an array", """{"Data":{"timer":[true]}}""" },
        { "IsPastDue is not a bool", """{"Data":{"timer":{"IsPastDue":"yes"}}}""" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task HostInvocation_WithAMalformedBody_StillRuns(string scenario, string body)
    {
        var email = $"purge.malformed.{scenario.Replace(' ', '-')}@westminster.gov.uk";
        await SignUpAsync(TestRegister.Westminster, email);
        _clock.Advance(PastRetention);

        using var response = await InvokeAsHostAsync(body);

        Assert.True(response.IsSuccessStatusCode, $"{scenario}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await AssertHostResponseAsync(response);
        Assert.Empty(await ContactsAsync(email));
    }

    [Fact]
    public async Task OrganiserRun_WithKey_RunsTheTimerFunction()
    {
        var email = "purge.organiser@birmingham.gov.uk";
        await ClearLeftoversAsync();
        await SignUpAsync(TestRegister.Birmingham, email);
        _clock.Advance(PastRetention);

        using var response = await fixture.CreateAdminClient().PostAsync(new Uri("/api/admin/timers/PurgeExpiredVerifications/run", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await AssertHostResponseAsync(response);
        Assert.Contains(body.Logs, line => line.StartsWith("Deleted 1 unverified contact(s)", StringComparison.Ordinal));
        Assert.Empty(await ContactsAsync(email));
    }

    [Fact]
    public async Task OrganiserRun_WithoutKey_Is401_AndRunsNothing()
    {
        var email = "purge.no-key@leicester.gov.uk";
        await SignUpAsync(TestRegister.Leicester, email);
        _clock.Advance(PastRetention);

        using var response = await _client.PostAsync(new Uri("/api/admin/timers/PurgeExpiredVerifications/run", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(await ContactsAsync(email));
    }

    [Fact]
    public async Task OrganiserRun_UnknownTimer_Is404Problem()
    {
        using var response = await fixture.CreateAdminClient().PostAsync(new Uri("/api/admin/timers/NoSuchTimer/run", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(404, problem["status"]!.GetValue<int>());
        Assert.Contains("PurgeExpiredVerifications", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>Earlier tests in this class leave expired contacts (a refused run keeps its own); this test's clock starts past their retention.</summary>
    private async Task ClearLeftoversAsync()
    {
        using var clear = await InvokeAsHostAsync(HostPayload);
        await AssertHostResponseAsync(clear);
    }

    private async Task<HttpResponseMessage> InvokeAsHostAsync(string body)
    {
        // As the host sends it: the function name as the path, JSON content, no key.
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await _client.PostAsync(new Uri("/PurgeExpiredVerifications", UriKind.Relative), content);
    }

    private static async Task<(JsonObject Outputs, List<string> Logs)> AssertHostResponseAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);

        var body = Assert.IsType<JsonObject>(JsonNode.Parse(text));
        var outputs = Assert.IsType<JsonObject>(body["Outputs"]);
        var logs = Assert.IsType<JsonArray>(body["Logs"]).Select(l => l!.GetValue<string>()).ToList();
        Assert.True(body.TryGetPropertyValue("ReturnValue", out var returnValue), "ReturnValue must be present");
        Assert.Null(returnValue);
        Assert.Contains(logs, line => line.StartsWith("Deleted ", StringComparison.Ordinal));
        return (outputs, logs);
    }

    private async Task SignUpAsync(TestCouncil council, string email)
    {
        var (response, body) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(council, email));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"sign-up for {email}: {(int)response.StatusCode} {body}");
    }

    private async Task<List<ContactEntity>> ContactsAsync(params string[] emails)
    {
        var contacts = new List<ContactEntity>();
        await foreach (var contact in Signups.QueryAsync<ContactEntity>(c => c.Kind == SignupKeys.ContactKind))
        {
            if (emails.Contains(contact.ContactEmail, StringComparer.OrdinalIgnoreCase))
            {
                contacts.Add(contact);
            }
        }

        return contacts;
    }
}

/// <summary>Standalone (no Functions host), a timer route answers nobody, not even a caller on loopback: the scheduler and the keyed admin route run timers.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class StandaloneTimerRouteTests(StandaloneTimerRouteTests.Fixture fixture) : IClassFixture<StandaloneTimerRouteTests.Fixture>
{
    public sealed class Fixture : RegisteredServiceFixture
    {
        protected override bool OnLoopback => true;
    }

    [Theory]
    [InlineData("PurgeExpiredVerifications")]
    [InlineData("MonthlyProgressWorkbooks")]
    [InlineData("RefreshDashboardSnapshots")]
    public async Task TimerRoute_IsNotFound_AndRunsNothing(string name)
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await fixture.CreateClient().PostAsync(new Uri("/" + name, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var runs = await fixture.Service<AuditLog>().ForMonthAsync(fixture.Clock.GetUtcNow(), CancellationToken.None);
        Assert.DoesNotContain(runs, e => e.Action == "timer.run");
    }
}
