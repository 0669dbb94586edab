using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Backups;
using LocalGovStandard.Events;
using LocalGovStandard.Privacy;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Events;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Summits;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Privacy;

/// <summary>
/// UK GDPR requests by address for people who are not contacts (meet-up registrants), on real Azurite through the admin API:
/// the export shows what registration holds, erasure removes it everywhere and gives the place to the waiting list, a repeat is
/// safe, a contact's address is pointed at the contact's routes, and unconfirmed registrations go with the daily purge.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AddressErasureTests(OpenRegistrationFixture fixture) : IClassFixture<OpenRegistrationFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task TheExport_ShowsARegistrantsRegistration_TheirPlace_AndTheirMail()
    {
        var admin = fixture.CreateAdminClient();
        var id = await OpenRegistrationSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(30));
        var email = OpenRegistrationSteps.Unique("camden.gov.uk");
        await OpenRegistrationSteps.RegisterAndConfirmAsync(fixture, id, email, name: "Exported Registrant");

        var (status, export) = await PostAsync(admin, "personal-data", email);

        Assert.Equal(HttpStatusCode.OK, status);
        var registration = Assert.Single(export["eventRegistrations"]!.AsArray())!;
        Assert.Equal((id, "Exported Registrant", email), (registration["eventId"]!.GetValue<string>(), registration["name"]!.GetValue<string>(), registration["email"]!.GetValue<string>()));
        Assert.NotNull(registration["confirmedAt"]);
        var place = Assert.Single(export["summitInvitations"]!.AsArray())!;
        Assert.Equal("accepted", place["response"]!.GetValue<string>());
        Assert.Contains(export["emails"]!.AsArray(), e => e!["messageId"]!.GetValue<string>().Contains(SignupService.ContactKey(email), StringComparison.Ordinal));
        Assert.Null(export["contact"]);
        Assert.Empty(export["assessments"]!.AsArray());
        Assert.Empty(export["peerAssessmentRequests"]!.AsArray());
    }

    [Fact]
    public async Task Erasure_RemovesTheRegistrantEverywhere_PromotesTheWaitingList_StaysOnTheErasureList_AndIsSafeToRepeat()
    {
        var admin = fixture.CreateAdminClient();
        var id = await OpenRegistrationSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(30), capacity: 1);
        var erased = OpenRegistrationSteps.Unique("camden.gov.uk");
        var waiting = OpenRegistrationSteps.Unique("westminster.gov.uk");
        await OpenRegistrationSteps.RegisterAndConfirmAsync(fixture, id, erased, name: "Registrant Erased ByAddress");
        await OpenRegistrationSteps.RegisterAndConfirmAsync(fixture, id, waiting);
        var before = _clock.GetUtcNow();
        await PostAsync(admin, "personal-data", erased);

        var (status, outcome) = await PostAsync(admin, "erase", erased);
        var (repeatStatus, repeat) = await PostAsync(admin, "erase", erased);

        Assert.Equal((HttpStatusCode.OK, 1), (status, outcome["eventRegistrations"]!.GetValue<int>()));
        Assert.True(outcome["emails"]!.GetValue<int>() >= 1);
        Assert.Equal((HttpStatusCode.OK, 0, 0), (repeatStatus, repeat["eventRegistrations"]!.GetValue<int>(), repeat["emails"]!.GetValue<int>()));
        var counts = (await SummitSteps.InvitationsAsync(admin, id))["counts"]!;
        Assert.Equal((1, 0), (counts["accepted"]!.GetValue<int>(), counts["waitlisted"]!.GetValue<int>()));
        var key = SignupService.ContactKey(erased);
        var left = await StorageScan.FindAsync(fixture, [erased, "Registrant Erased ByAddress", key, key[..16]]);
        Assert.All(left, kept => Assert.Equal(("table ErasedContacts", $"{ErasureList.AddressPartition}/{key}"), (kept.Store, kept.Where)));
        Assert.Contains(left, kept => kept.Value == key);
        Assert.True(await fixture.Service<ErasureList>().ErasedSinceAsync(erased, before, CancellationToken.None));
    }

    [Fact]
    public async Task ARestoreThatBringsBackAnErasedRegistration_ErasesItAgain()
    {
        var admin = fixture.CreateAdminClient();
        var id = await OpenRegistrationSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(30));
        var email = OpenRegistrationSteps.Unique("camden.gov.uk");
        await OpenRegistrationSteps.RegisterAsync(fixture, id, email);
        var key = SignupService.ContactKey(email);
        var events = fixture.Service<EventPersonalData>();
        var backedUp = Assert.Single(await events.RegistrationsAsync(key, CancellationToken.None)).Registration;
        await PostAsync(admin, "erase", email);
        await fixture.Service<EventStore>().Table.AddEntityAsync(backedUp);
        var restore = fixture.Service<ErasuresOnRestore>();

        var erasedAgain = await restore.ApplyAsync((await restore.EntriesAsync(CancellationToken.None)).Where(e => e.RowKey == key).ToList(), CancellationToken.None);

        Assert.Equal(1, erasedAgain);
        Assert.Empty(await events.RegistrationsAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task AContactsAddress_IsRefused_WithTheContactsOwnRoutes()
    {
        var admin = fixture.CreateAdminClient();

        var (exportStatus, export) = await PostAsync(admin, "personal-data", OpenRegistrationFixture.Lead.ToUpperInvariant());
        var (eraseStatus, erase) = await PostAsync(admin, "erase", OpenRegistrationFixture.Lead);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (exportStatus, eraseStatus));
        var contact = Assert.Single(export["contacts"]!.AsArray())!;
        Assert.Equal(TestRegister.Westminster.GssCode, contact["councilCode"]!.GetValue<string>());
        var reference = contact["reference"]!.GetValue<string>();
        Assert.Equal($"DELETE /api/admin/contacts/{TestRegister.Westminster.GssCode}/{reference}", contact["eraseRoute"]!.GetValue<string>());
        Assert.Contains($"/api/admin/contacts/{TestRegister.Westminster.GssCode}/{reference}/personal-data", erase["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var stillThere = await admin.GetAsync($"/api/admin/contacts/{TestRegister.Westminster.GssCode}/{reference}/personal-data");
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Theory]
    [InlineData("{}", "email")]
    [InlineData("{\"email\":\"\"}", "email")]
    [InlineData("{\"email\":\"not an address\"}", "email")]
    [InlineData("{\"email\":42}", "email")]
    [InlineData("{\"address\":\"a@camden.gov.uk\"}", "address")]
    public async Task ABadBody_Gets400_NamingTheField(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.CreateAdminClient().PostAsync("/api/admin/people/erase", content);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task TheDailyPurge_DeletesUnconfirmedRegistrationsWhoseLinkExpired_AndKeepsConfirmedOnes()
    {
        var admin = fixture.CreateAdminClient();
        var id = await OpenRegistrationSteps.ScheduleAsync(admin, _clock.GetUtcNow().AddDays(60));
        var unconfirmed = OpenRegistrationSteps.Unique("camden.gov.uk");
        var confirmed = OpenRegistrationSteps.Unique("camden.gov.uk");
        await OpenRegistrationSteps.RegisterAsync(fixture, id, unconfirmed);
        await OpenRegistrationSteps.RegisterAndConfirmAsync(fixture, id, confirmed);

        using (var early = await admin.PostAsync("/api/admin/timers/PurgeExpiredVerifications/run", null))
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        }

        var keptWhileFresh = await RegistrationsAsync(admin, unconfirmed);
        _clock.Advance(TimeSpan.FromDays(34));
        using (var late = await admin.PostAsync("/api/admin/timers/PurgeExpiredVerifications/run", null))
        {
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        }

        Assert.Single(keptWhileFresh);
        Assert.Empty(await RegistrationsAsync(admin, unconfirmed));
        Assert.Single(await RegistrationsAsync(admin, confirmed));
    }

    private static async Task<JsonArray> RegistrationsAsync(HttpClient admin, string email) =>
        (await PostAsync(admin, "personal-data", email)).Body["eventRegistrations"]!.AsArray();

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(HttpClient admin, string action, string email)
    {
        using var response = await admin.PostAsJsonAsync($"/api/admin/people/{action}", new { email });
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
