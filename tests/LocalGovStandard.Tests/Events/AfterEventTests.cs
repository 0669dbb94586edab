using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LocalGovStandard.Events;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Packs;
using LocalGovStandard.Tests.Reports;
using LocalGovStandard.Tests.Summits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static LocalGovStandard.Tests.Events.AfterEventSteps;

namespace LocalGovStandard.Tests.Events;

/// <summary>After a meet-up: the pack it uses, the attendance its lead records, the follow-up email, and where attendance is reported.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AfterEventTests(AfterEventFixture fixture) : IClassFixture<AfterEventFixture>
{
    private static readonly object WalkIn = new { name = "Sam Walker", council = TestRegister.Westminster.GssCode };

    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task AMeetup_UsesAPublishedPackOnItsPoints_TheLibraryListsTheUse_AndTheInvitationLinksToIt_ButADraftOrAPackOnOtherPointsIsRefused()
    {
        var admin = fixture.CreateAdminClient();
        var published = (await PackSteps.CreateAsync(admin, "london", "Research with residents", 1))["id"]!.GetValue<string>();
        await PackSteps.PublishAsync(admin, published);
        var draft = (await PackSteps.CreateAsync(admin, "london", "Research, unfinished", 1))["id"]!.GetValue<string>();
        var elsewhere = (await PackSteps.CreateAsync(admin, "london", "Offline plans", 9))["id"]!.GetValue<string>();
        await PackSteps.PublishAsync(admin, elsewhere);
        var before = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/peer-groups/london/events"))!.Count;

        foreach (var refused in new[] { draft, elsewhere, "pck-nosuchpack" })
        {
            var body = System.Text.Json.JsonSerializer.SerializeToNode(MeetupSteps.Body(_clock.GetUtcNow().AddDays(20)), System.Text.Json.JsonSerializerOptions.Web)!.AsObject();
            body["packId"] = refused;
            using var response = await admin.PostAsJsonAsync("/api/admin/peer-groups/london/events", body);
            Assert.Equal(new HashSet<string> { "packId" }, await ErrorFieldsAsync(response));
        }

        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonArray>("/api/admin/peer-groups/london/events"))!.Count);
        fixture.SendGrid.Reset();
        var (id, _) = await MeetupWithPlacesAsync(fixture, _clock.GetUtcNow(), accept: 0, packId: published);

        var listed = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/peer-groups/london/events"))!.Single(m => m!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(published, listed["pack"]!["id"]!.GetValue<string>());
        var used = (await PackSteps.OrganiserViewAsync(admin, published))!["usedBy"]!.AsArray();
        Assert.Contains(used, u => u!["eventId"]!.GetValue<string>() == id);
        var page = await fixture.CreateClient().GetStringAsync(new Uri($"/peer-groups/packs/{published}", UriKind.Relative));
        Assert.Contains("User research in practice", page, StringComparison.Ordinal);

        // Choosing no pack stops using it; the draft is refused here too.
        using var toDraft = await admin.PutAsJsonAsync($"/api/admin/peer-groups/london/events/{id}/pack", new { packId = draft });
        Assert.Equal(new HashSet<string> { "packId" }, await ErrorFieldsAsync(toDraft));
        using var none = await admin.PutAsJsonAsync($"/api/admin/peer-groups/london/events/{id}/pack", new { packId = "" });
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Null(JsonNode.Parse(await none.Content.ReadAsStringAsync())!["pack"]);
    }

    [Fact]
    public async Task TheInvitation_LinksToThePacksPublicPage()
    {
        var admin = fixture.CreateAdminClient();
        var pack = (await PackSteps.CreateAsync(admin, "london", "Research on a budget", 14))["id"]!.GetValue<string>();
        await PackSteps.PublishAsync(admin, pack);
        var body = System.Text.Json.JsonSerializer.SerializeToNode(MeetupSteps.Body(_clock.GetUtcNow().AddDays(20)), System.Text.Json.JsonSerializerOptions.Web)!.AsObject();
        body["packId"] = pack;
        var id = (await MeetupSteps.PostAsync(admin, "/api/admin/peer-groups/london/events", body))["meetups"]![0]!["id"]!.GetValue<string>();
        fixture.SendGrid.Reset();

        await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/invitations/send");

        var invitation = SummitSteps.Recipients(fixture.SendGrid.Accepted).First(r => fixture.Camden.Contains(r.Email));
        Assert.Contains($"The session uses the content pack \"Research on a budget\": http", invitation.Text, StringComparison.Ordinal);
        Assert.Contains($"/peer-groups/packs/{pack}", invitation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Attendance_IsRefusedBeforeTheStart_ThenRecorded_AndSavingAgainReplacesIt_AuditedEachTime()
    {
        var admin = fixture.CreateAdminClient();
        var (id, places) = await MeetupWithPlacesAsync(fixture, _clock.GetUtcNow(), accept: 3);
        var listed = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/peer-groups/london/events"))!.Single(m => m!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(3, listed["accepted"]!.GetValue<int>());
        using (var early = await RecordAsync(admin, id, [places[0].InvitationId]))
        {
            Assert.Equal(new HashSet<string> { "attended" }, await ErrorFieldsAsync(early));
        }

        _clock.Advance(TimeSpan.FromDays(20) + TimeSpan.FromMinutes(30));
        var first = await RecordOkAsync(admin, id, [places[0].InvitationId, places[1].InvitationId], WalkIn);

        Assert.Equal(3, first["attended"]!.GetValue<int>());
        Assert.Equal([true, true, false], first["places"]!.AsArray().OrderBy(p => places.FindIndex(x => x.InvitationId == p!["invitationId"]!.GetValue<string>())).Select(p => p!["attended"]!.GetValue<bool>()));
        Assert.Equal("Sam Walker", first["walkIns"]![0]!["name"]!.GetValue<string>());
        var councils = first["councils"]!.AsArray().ToDictionary(c => c!["gssCode"]!.GetValue<string>(), c => c!["attended"]!.GetValue<int>());
        Assert.Equal(new Dictionary<string, int> { [TestRegister.Camden.GssCode] = 2, [TestRegister.Westminster.GssCode] = 1 }, councils);

        var second = await RecordOkAsync(admin, id, [places[2].InvitationId]);
        var read = (await admin.GetFromJsonAsync<JsonNode>($"/api/admin/peer-groups/london/events/{id}/attendance"))!;

        Assert.Equal(1, second["attended"]!.GetValue<int>());
        Assert.Equal([places[2].InvitationId], read["places"]!.AsArray().Where(p => p!["attended"]!.GetValue<bool>()).Select(p => p!["invitationId"]!.GetValue<string>()));
        Assert.Empty(read["walkIns"]!.AsArray());
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonArray>("/api/admin/peer-groups/london/events"))!.Single(m => m!["id"]!.GetValue<string>() == id)!["attended"]!.GetValue<int>());
        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.Summits);
        var rows = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {"att|"} and RowKey lt {"att}"}"));
        Assert.Equal(1, await rows.CountAsync());
        var audit = await fixture.App.Services.GetRequiredService<AuditLog>().ForMonthAsync(_clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal(2, audit.Count(e => e.Action == "meetup.attendance" && e.Subject == id));
    }

    [Fact]
    public async Task BadAttendance_NamesTheField_AndLeavesTheSavedAttendanceAsItWas()
    {
        var admin = fixture.CreateAdminClient();
        var (id, places) = await MeetupWithPlacesAsync(fixture, _clock.GetUtcNow(), accept: 2);
        _clock.Advance(TimeSpan.FromDays(21));
        await RecordOkAsync(admin, id, [places[0].InvitationId]);

        using var stranger = await RecordAsync(admin, id, ["E09000007-nobody"]);
        using var badWalkIn = await RecordAsync(admin, id, [places[1].InvitationId], new { name = "", council = "E99999999" });
        using var noFollowUpMessage = await admin.PostAsJsonAsync($"/api/admin/peer-groups/london/events/{id}/follow-up", new { message = " " });
        using var otherGroup = await admin.GetAsync(new Uri($"/api/admin/peer-groups/midlands/events/{id}/attendance", UriKind.Relative));

        Assert.Equal(new HashSet<string> { "attended" }, await ErrorFieldsAsync(stranger));
        Assert.Equal(new HashSet<string> { "walkIns[0].name", "walkIns[0].council" }, await ErrorFieldsAsync(badWalkIn));
        Assert.Equal(new HashSet<string> { "message" }, await ErrorFieldsAsync(noFollowUpMessage));
        Assert.Equal(HttpStatusCode.NotFound, otherGroup.StatusCode);
        var read = (await admin.GetFromJsonAsync<JsonNode>($"/api/admin/peer-groups/london/events/{id}/attendance"))!;
        Assert.Equal([places[0].InvitationId], read["places"]!.AsArray().Where(p => p!["attended"]!.GetValue<bool>()).Select(p => p!["invitationId"]!.GetValue<string>()));
    }

    /// <summary>
    /// As the cancellation crash test: the second follow-up's SendGrid request hangs and the lead's request is cancelled while
    /// it hangs. Sending again (with another message, which is ignored) sends the third and leaves the claim until it times out;
    /// then it is sent. Each attendee with a place gets the first message exactly once; the one who did not come gets none.
    /// </summary>
    [Fact]
    public async Task TheFollowUp_GoesOnceToEachAttendeeWithAPlace_WithThePacksLink_AndSendingAgainAfterACrash_Resumes()
    {
        var admin = fixture.CreateAdminClient();
        var pack = (await PackSteps.CreateAsync(admin, "london", "Research kit", 1))["id"]!.GetValue<string>();
        await PackSteps.PublishAsync(admin, pack);
        var (id, places) = await MeetupWithPlacesAsync(fixture, _clock.GetUtcNow(), accept: 4, packId: pack);
        _clock.Advance(TimeSpan.FromDays(21));
        using (var tooSoon = await admin.PostAsJsonAsync($"/api/admin/peer-groups/london/events/{id}/follow-up", new { message = "Thanks" }))
        {
            Assert.Equal(new HashSet<string> { "message" }, await ErrorFieldsAsync(tooSoon));
        }

        var came = places.Take(3).ToList();
        await RecordOkAsync(admin, id, came.Select(p => p.InvitationId), WalkIn);
        fixture.SendGrid.Reset();
        fixture.SendGrid.Enqueue(CannedResponse.Accepted, new CannedResponse(503, Delay: TimeSpan.FromSeconds(60)));

        using var crash = new CancellationTokenSource();
        var sending = admin.PostAsJsonAsync($"/api/admin/peer-groups/london/events/{id}/follow-up", new { message = "Thank you for coming.\nThe exercise is in the pack." }, crash.Token);
        await Eventually.TrueAsync(() => fixture.SendGrid.RequestsSoFar.Count >= 2, "the second follow-up to reach SendGrid");
        await crash.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);

        var resumed = await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/follow-up", new { message = "A different message" });
        Assert.Equal((1, 1, 1), (resumed["sent"]!.GetValue<int>(), resumed["alreadySent"]!.GetValue<int>(), resumed["inProgress"]!.GetValue<int>()));
        Assert.StartsWith("Thank you for coming.", resumed["message"]!.GetValue<string>(), StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(11));
        var finished = await MeetupSteps.PostAsync(admin, $"/api/admin/peer-groups/london/events/{id}/follow-up", new { message = "" });
        Assert.Equal((1, 2), (finished["sent"]!.GetValue<int>(), finished["alreadySent"]!.GetValue<int>()));

        var delivered = fixture.SendGrid.Accepted.Where(m => m.Subject == "Thank you for coming to User research in practice").ToList();
        Assert.Equal(came.Select(p => p.Email).Order(), delivered.Select(m => m.To).Order());
        Assert.All(delivered, m => Assert.Contains("The exercise is in the pack.", m.PlainText, StringComparison.Ordinal));
        Assert.All(delivered, m => Assert.Contains($"/peer-groups/packs/{pack}", m.PlainText, StringComparison.Ordinal));
        Assert.DoesNotContain(delivered, m => m.PlainText.Contains("A different message", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheMonthsWorkbook_HasAnAttendanceTable_CountingEachCouncil_WithNoNames()
    {
        var admin = fixture.CreateAdminClient();
        var (id, places) = await MeetupWithPlacesAsync(fixture, _clock.GetUtcNow(), accept: 2);
        // The meet-up's own month: three weeks on, the shared clock may be in the next one.
        var month = ReportSteps.MonthsAgo(_clock, 0);
        _clock.Advance(TimeSpan.FromDays(21));
        await RecordOkAsync(admin, id, places.Select(p => p.InvitationId), WalkIn);
        ReportSteps.AdvanceToNextMonth(_clock);

        await ReportSteps.RunOkAsync(admin, month, "london");
        using var book = new WorkbookReader(await ReportSteps.DownloadAsync(admin, month, "london"));

        // Earlier tests' meet-ups (earlier months) are on the sheet too: it lists every meet-up that started by the month's end.
        var rows = book.Rows("Attendance").Where(r => r["Date"].GetDateTime() >= ReportSteps.StartOf(month).UtcDateTime).ToList();
        Assert.All(rows, r => Assert.Equal("User research in practice", r["Meet-up"].GetString()));
        var counts = rows.ToDictionary(r => r["GSS code"].GetString(), r => (int)r["Attended"].GetDouble());
        Assert.Equal(2, counts[TestRegister.Camden.GssCode]);
        Assert.Equal(1, counts[TestRegister.Westminster.GssCode]);
        Assert.DoesNotContain(book.AllCells(), c => c.GetString().Contains("Sam Walker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ErasingAContact_RemovesTheirAttendance_AndTheExportShowsItBefore()
    {
        var admin = fixture.CreateAdminClient();
        var (id, places) = await MeetupWithPlacesAsync(fixture, _clock.GetUtcNow(), accept: 6);
        _clock.Advance(TimeSpan.FromDays(21));
        var erased = places[5];
        await RecordOkAsync(admin, id, places.Select(p => p.InvitationId));
        var key = LocalGovStandard.Signups.SignupService.ContactKey(erased.Email);
        var contactPath = $"/api/admin/contacts/{TestRegister.Camden.GssCode}/LGS-TEST-{key[..4].ToUpperInvariant()}";

        var export = (await admin.GetFromJsonAsync<JsonNode>(contactPath + "/personal-data"))!;
        Assert.Contains(export["meetupAttendance"]!.AsArray(), a => a!["eventId"]!.GetValue<string>() == id);
        using var erase = await admin.DeleteAsync(new Uri(contactPath, UriKind.Relative));
        Assert.True(erase.IsSuccessStatusCode, await erase.Content.ReadAsStringAsync());

        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.Summits);
        var rows = await table.QueryAsync<AttendeeEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {"att|"} and RowKey lt {"att}"}")).ToListAsync();
        Assert.Equal(5, rows.Count);
        Assert.DoesNotContain(rows, r => r.InvitationId == erased.InvitationId);
    }
}
