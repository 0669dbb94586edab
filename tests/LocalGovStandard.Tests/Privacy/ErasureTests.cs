using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Summits;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Privacy;

/// <summary>
/// UK GDPR through the admin API: a contact who signed up, verified, signed in, submitted an
/// assessment, sat on a colleague's peer panel, was invited to a summit, accepted, unsubscribed and
/// was named in a stored workbook, and also led a peer group, is exported, then erased; afterwards every table and blob in
/// Azurite is read for them. A test that needs a later month moves its own clock.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ErasureTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    private const string Email = "grace.hopper@camden.gov.uk";
    private const string Name = "Grace Hopper";
    private const string BadgeName = "Amazing Grace";
    private const string ColleagueEmail = "alan.turing@camden.gov.uk";
    private static readonly TestCouncil Council = TestRegister.Camden;
    private static readonly string[] London = ["london"];

    [Fact]
    public async Task Export_ThenErase_RemovesThePersonFromEveryTableAndBlob_KeepingOnlyAHashedSuppressionAndThatAnErasureHappened()
    {
        var seeded = await SeedAsync();
        var admin = fixture.CreateAdminClient();
        var contactPath = $"/api/admin/contacts/{Council.GssCode}/{seeded.Reference}";
        var before = await StorageScan.FindAsync(fixture, [Email]);
        Assert.Contains(before, f => f.Store == "table Signups");
        Assert.Contains(before, f => f.Store == "table Summits");
        Assert.Contains(before, f => f.Store == "blob reports");

        var export = (await admin.GetFromJsonAsync<JsonNode>(contactPath + "/personal-data"))!;
        Assert.Equal(Email, export["contact"]!["email"]!.GetValue<string>());
        Assert.Equal(Name, export["contact"]!["name"]!.GetValue<string>());
        Assert.NotNull(export["contact"]!["consentToContactAt"]);
        var assessment = Assert.Single(export["assessments"]!.AsArray())!;
        Assert.True(assessment["submitted"]!.GetValue<bool>());
        Assert.Equal("lead-assessor", Assert.Single(export["panelPlaces"]!.AsArray())!["role"]!.GetValue<string>());
        var invitation = Assert.Single(export["summitInvitations"]!.AsArray())!;
        Assert.Equal(BadgeName, invitation["badgeName"]!.GetValue<string>());
        Assert.Equal("accepted", invitation["response"]!.GetValue<string>());
        Assert.NotNull(export["summitMailSuppression"]);
        Assert.Equal("London", Assert.Single(export["peerGroupsLed"]!.AsArray())!.GetValue<string>());
        Assert.NotEmpty(export["emails"]!.AsArray());
        Assert.Contains(export["auditEntries"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "signup.verified");

        using var erased = await admin.DeleteAsync(contactPath);
        Assert.True(erased.StatusCode == HttpStatusCode.OK, string.Join("\n", fixture.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).TakeLast(3)));
        var outcome = (await erased.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(1, outcome["summitInvitations"]!.GetValue<int>());
        Assert.Equal(1, outcome["workbooksRebuilt"]!.GetValue<int>());
        Assert.Equal(1, outcome["peerGroupsLed"]!.GetValue<int>());

        // Everywhere: only the hash of the address may remain, on the suppression list and the erasure list (which a restored backup is checked against).
        var after = await StorageScan.FindAsync(fixture, [Email, Name, BadgeName, seeded.Reference, seeded.ContactKey, seeded.ContactKey[..16], .. seeded.Tokens]);
        Assert.All(after, f => Assert.True(f.Store is "table Suppressions" or "table ErasedContacts" && f.Value.Length > 0 && seeded.ContactKey.StartsWith(f.Value, StringComparison.Ordinal), $"Still stored: {f}"));
        Assert.Contains(after, f => f.Store == "table Suppressions");
        Assert.Contains(after, f => f.Store == "table ErasedContacts" && f.Where == $"{Council.GssCode}/{seeded.ContactKey}");
        Assert.Contains(await StorageScan.FindAsync(fixture, [ColleagueEmail]), f => f.Store == "table Signups");

        // The audit log says an erasure happened, and not who.
        var audit = await AuditEntriesAsync();
        var erasure = Assert.Single(audit, e => e.Action == "contact.erased");
        Assert.Equal($"council/{Council.GssCode}", erasure.Subject);
        Assert.Contains(audit, e => e.Action == "signup.verified" && e.Actor == "contact:erased");

        // Gone from the summit: the place is free, and the attendee exports do not have them.
        var status = await SummitSteps.InvitationsAsync(admin, seeded.SummitId);
        Assert.Equal(0, status["counts"]!["accepted"]!.GetValue<int>());
        Assert.Equal(1, status["counts"]!["invited"]!.GetValue<int>());
        Assert.DoesNotContain(Email, await admin.GetStringAsync($"/api/admin/summits/{seeded.SummitId}/attendees"), StringComparison.OrdinalIgnoreCase);
        var attendees = await admin.GetByteArrayAsync($"/api/admin/summits/{seeded.SummitId}/attendees.xlsx");
        Assert.DoesNotContain(Email, WorkbookText(attendees), StringComparison.OrdinalIgnoreCase);

        // The next workbook for their month (sent again) does not have them either.
        using var rerun = await admin.PostAsync($"/api/admin/reports/{seeded.Month}/run?peerGroup=london&resend=true", null);
        rerun.EnsureSuccessStatusCode();
        var workbook = await admin.GetByteArrayAsync($"/api/admin/reports/{seeded.Month}/london.xlsx");
        Assert.DoesNotContain(Email, WorkbookText(workbook), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(ColleagueEmail, WorkbookText(workbook), StringComparison.OrdinalIgnoreCase);

        // Asked again, the person is not found.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(contactPath + "/personal-data")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync(contactPath)).StatusCode);
    }

    [Fact]
    public async Task ErasingACouncilsOnlyContact_TakesTheCouncilOffTheDashboard_AtOnce()
    {
        const string solo = "only.contact@leicester.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Leicester, solo);
        var admin = fixture.CreateAdminClient();
        (await admin.PostAsync(new Uri("/api/admin/timers/RefreshDashboardSnapshots/run", UriKind.Relative), null)).EnsureSuccessStatusCode();
        var client = fixture.CreateClient();
        var (_, before) = await Dashboard.DashboardReading.GetPageAsync(client, "/dashboard?region=east-midlands");
        Assert.True(Dashboard.DashboardReading.Card(before, "signed-up") >= 1);

        using var erased = await admin.DeleteAsync($"/api/admin/contacts/{TestRegister.Leicester.GssCode}/{SignupSteps.ReferenceFor(fixture.SendGrid, solo)}");
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);

        var (_, after) = await Dashboard.DashboardReading.GetPageAsync(client, "/dashboard?region=east-midlands");
        Assert.Equal(Dashboard.DashboardReading.Card(before, "signed-up") - 1, Dashboard.DashboardReading.Card(after, "signed-up"));
    }

    [Fact]
    public async Task ExportAndErase_NeedTheOrganiserKey()
    {
        var anonymous = fixture.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/admin/contacts/{Council.GssCode}/LGS-AAAA-BBBB/personal-data")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync($"/api/admin/contacts/{Council.GssCode}/LGS-AAAA-BBBB")).StatusCode);
    }

    private sealed record Seeded(string Reference, string ContactKey, string SummitId, string Month, IReadOnlyList<string> Tokens);

    private async Task<Seeded> SeedAsync()
    {
        var client = fixture.CreateClient();
        await SignupSteps.SignUpAsync(client, SignupSteps.Body(Council, Email, Name));
        var reference = SignupSteps.ReferenceFor(fixture.SendGrid, Email);
        var verifyLink = SignupSteps.LatestVerificationLink(fixture.SendGrid, Email);
        (await EmailedLinkSteps.OpenAndPressAsync(client, verifyLink)).Response.EnsureSuccessStatusCode();
        await AccessSteps.VerifiedContactAsync(fixture, Council, ColleagueEmail);

        var accessLink = await AccessSteps.RequestLinkAsync(fixture, Email);
        var person = fixture.CreateClient();
        var token = await person.PostAsJsonAsync("/api/access/token", new { token = AccessSteps.TokenOf(accessLink) });
        token.EnsureSuccessStatusCode();
        person.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await token.Content.ReadFromJsonAsync<JsonNode>())!["accessToken"]!.GetValue<string>());
        var (assessment, etag) = await AssessmentSteps.CreateAsync(person, AssessmentSteps.SelfDetails("lgdss-2016", "Parking permits"));
        etag = await AssessmentSteps.RateAllAsync(person, assessment, etag, _ => "met", 15);
        await AssessmentSteps.SubmitAsync(person, assessment, etag);

        var colleague = await AccessSteps.BearerClientAsync(fixture, ColleagueEmail);
        var peer = await colleague.PostAsJsonAsync("/api/assessments", new
        {
            serviceName = "Waste", phase = "beta", type = "peer", standardId = "service-standard-2019", assessmentDate = "2026-11-01",
            panel = new[] { new { name = Name, councilCode = Council.GssCode, role = "lead-assessor" } },
        });
        Assert.Equal(HttpStatusCode.Created, peer.StatusCode);

        var admin = fixture.CreateAdminClient();
        var summitId = (await SummitSteps.CreateSummitAsync(admin, _clock, 10))["id"]!.GetValue<string>();
        var today = _clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await SummitSteps.SendAsync(admin, summitId, new { verifiedOnOrBefore = today, peerGroups = London });
        var invitee = SummitSteps.Recipients(fixture.SendGrid.Accepted).Single(r => r.Email == Email && r.Substitutions.ContainsKey("-rsvp_link-"));
        var browser = fixture.CreateClient();
        var (_, hidden) = await SummitSteps.OpenRsvpAsync(browser, invitee.RsvpLink);
        using (var answer = await SummitSteps.AnswerAsync(browser, hidden, "yes", BadgeName, "Vegan", "Step-free access"))
        {
            Assert.True((int)answer.StatusCode < 400, $"RSVP answered {(int)answer.StatusCode}");
        }

        using (var unsubscribe = await browser.PostAsync(SummitSteps.PathAndQuery(invitee.UnsubscribeLink),
                   new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" })))
        {
            unsubscribe.EnsureSuccessStatusCode();
        }

        using (var lead = await admin.PutAsJsonAsync("/api/admin/peer-groups/london", new
               {
                   name = "London", regions = London,
                   leads = new[] { new { name = Name, email = Email }, new { name = "Lena Lead", email = "lena.lead@london.gov.uk" } },
               }))
        {
            lead.EnsureSuccessStatusCode();
        }

        var month = _clock.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        _clock.Advance(TimeSpan.FromDays(35));
        using (var run = await admin.PostAsync($"/api/admin/reports/{month}/run?peerGroup=london", null))
        {
            run.EnsureSuccessStatusCode();
        }

        var tokens = new[] { AccessSteps.TokenOf(verifyLink), AccessSteps.TokenOf(accessLink), AccessSteps.TokenOf(new Uri(invitee.RsvpLink)) };
        return new Seeded(reference, SignupService.ContactKey(Email), summitId, month, tokens);
    }

    private async Task<List<(string Actor, string Action, string Subject)>> AuditEntriesAsync()
    {
        var tables = new Azure.Data.Tables.TableServiceClient(fixture.Storage.ConnectionString).GetTableClient("AuditLog");
        var entries = new List<(string, string, string)>();
        await foreach (var entity in tables.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            entries.Add((entity.GetString("Actor"), entity.GetString("Action"), entity.GetString("Subject")));
        }

        return entries;
    }

    private static string WorkbookText(byte[] workbook)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(workbook));
        return string.Concat(zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        }));
    }
}
