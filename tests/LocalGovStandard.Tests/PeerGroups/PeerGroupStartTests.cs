using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Progress;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Organiser;

namespace LocalGovStandard.Tests.PeerGroups;

/// <summary>An organiser starts a peer group from regions no group covers, or from councils in the register; old rows keep working.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PeerGroupStartTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    private static readonly string[] EastMidlands = ["east-midlands"];
    private static readonly string[] WestMidlands = ["west-midlands"];
    private static readonly string[] London = ["london"];
    private static readonly string[] NorthEast = ["north-east"];
    private static readonly string[] UnknownCode = ["E99999999"];
    [Fact]
    public async Task FromRegions_AnUncoveredRegionStartsAGroup_AndACoveredOneIsRefusedNamingItsGroup()
    {
        var admin = fixture.CreateAdminClient();
        (await admin.PutAsJsonAsync("/api/admin/peer-groups/midlands", new { name = "Midlands", regions = EastMidlands })).EnsureSuccessStatusCode();

        var started = await admin.PostAsJsonAsync("/api/admin/peer-groups", new { name = "West Midlands", regions = WestMidlands });
        var covered = await admin.PostAsJsonAsync("/api/admin/peer-groups", new { name = "Capital", regions = London });
        var taken = await admin.PostAsJsonAsync("/api/admin/peer-groups", new { slug = "west-midlands", name = "Again", regions = NorthEast });

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        Assert.Equal("/api/admin/peer-groups/west-midlands", started.Headers.Location!.OriginalString);
        var group = (await started.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("west-midlands", "regions"), (group["slug"]!.GetValue<string>(), group["kind"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, covered.StatusCode);
        Assert.Contains("already in the London peer group", await FieldErrorAsync(covered, "regions"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("already a peer group at west-midlands", await FieldErrorAsync(taken, "slug"), StringComparison.Ordinal);
        var groups = await fixture.CreateClient().GetStringAsync(new Uri("/api/peer-groups", UriKind.Relative));
        Assert.DoesNotContain("Capital", groups, StringComparison.Ordinal);
        Assert.DoesNotContain("Again", groups, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromCouncils_UnknownAndEndedCodesAreRefusedByName_AndNothingIsStored()
    {
        var admin = fixture.CreateAdminClient();

        var unknown = await admin.PostAsJsonAsync("/api/admin/peer-groups", new { slug = "kent-districts", name = "Kent districts", councils = UnknownCode });
        var ended = await admin.PostAsJsonAsync("/api/admin/peer-groups", new { slug = "kent-districts", name = "Kent districts", councils = new[] { TestRegister.Kettering.GssCode } });
        var both = await admin.PostAsJsonAsync("/api/admin/peer-groups", new { slug = "kent-districts", name = "Kent districts", regions = NorthEast, councils = new[] { TestRegister.Fife.GssCode } });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'E99999999' is not a council in the register", await FieldErrorAsync(unknown, "councils"), StringComparison.Ordinal);
        Assert.Contains("Kettering Borough Council (E07000153) is no longer a current council", await FieldErrorAsync(ended, "councils"), StringComparison.Ordinal);
        Assert.Contains("not both", await FieldErrorAsync(both, "councils"), StringComparison.Ordinal);
        Assert.Null(await fixture.Service<PeerGroupStore>().FindAsync("kent-districts", CancellationToken.None));
    }

    [Fact]
    public async Task ACouncil_CanBeInItsRegionsGroupAndOneList_ButNotInTwoLists()
    {
        var admin = fixture.CreateAdminClient();

        var first = await admin.PostAsJsonAsync("/api/admin/peer-groups", new { slug = "valleys", name = "Valleys", councils = new[] { TestRegister.Cardiff.GssCode } });
        var second = await admin.PostAsJsonAsync("/api/admin/peer-groups", new { slug = "celtic", name = "Celtic", councils = new[] { TestRegister.Fife.GssCode, TestRegister.Cardiff.GssCode } });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Contains("Cardiff Council is already in the Valleys peer group", await FieldErrorAsync(second, "councils"), StringComparison.Ordinal);
        var groups = await fixture.Service<PeerGroupStore>().AllAsync(CancellationToken.None);
        Assert.Equal(["valleys", "wales"], groups.Where(g => g.Contains(TestRegister.Cardiff.GssCode, "wales")).Select(g => g.Slug).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheCouncilsContacts_AreToldOnceEach_AndASecondCreateOrSaveSendsNothing_ButANewCouncilsContactIsTold()
    {
        string[] told = ["ada.told@birmingham.gov.uk", "lee.told@leicester.gov.uk"];
        const string later = "wes.later@westminster.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, told[0]);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Leicester, told[1]);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, later);
        var admin = fixture.CreateAdminClient();
        var councils = new[] { TestRegister.Birmingham.GssCode, TestRegister.Leicester.GssCode };
        var leads = new[] { new { name = "Fay Facilitator", email = "fay.facilitator@birmingham.gov.uk" } };

        var created = await admin.PostAsJsonAsync("/api/admin/peer-groups", new { slug = "city-circle", name = "City circle", councils, leads });
        await EmailQueueSteps.DrainedAsync(fixture);
        var again = await admin.PostAsJsonAsync("/api/admin/peer-groups", new { slug = "city-circle", name = "City circle", councils, leads });
        var saved = await admin.PutAsJsonAsync("/api/admin/peer-groups/city-circle", new { name = "City circle", councils, leads });
        await EmailQueueSteps.DrainedAsync(fixture);
        var announcements = Announcements();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(told, announcements.Select(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(announcements, m => Assert.Contains("Fay Facilitator", m.PlainText, StringComparison.Ordinal));
        Assert.DoesNotContain(announcements, m => m.PlainText.Contains("fay.facilitator@", StringComparison.Ordinal));

        var grown = await admin.PutAsJsonAsync("/api/admin/peer-groups/city-circle", new { name = "City circle", councils = councils.Append(TestRegister.Westminster.GssCode).ToArray(), leads });
        await EmailQueueSteps.DrainedAsync(fixture);

        Assert.Equal(HttpStatusCode.OK, grown.StatusCode);
        Assert.Equal([.. told, later], Announcements().Select(m => m.To).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InTheConsole_ACouncilListShowsItsCouncilsChosen_AndSavingKeepsItAList()
    {
        var created = await fixture.CreateAdminClient().PostAsJsonAsync("/api/admin/peer-groups", new { slug = "camden-circle", name = "Camden circle", councils = new[] { TestRegister.Camden.GssCode } });
        created.EnsureSuccessStatusCode();
        var session = await ConsoleSteps.SignInAsync(fixture);

        var form = await session.GetAsync("/organiser/peer-groups/camden-circle");
        var saved = await session.SubmitAsync(form, new Dictionary<string, string> { ["name"] = "Camden ring" });
        var group = (await fixture.Service<PeerGroupStore>().FindAsync("camden-circle", CancellationToken.None))!;

        Assert.Equal("Change Camden circle", form.Heading);
        Assert.True(form.Element($"input[name=councils][value={TestRegister.Camden.GssCode}]")!.HasAttribute("checked"));
        Assert.False(form.Element($"input[name=councils][value={TestRegister.Fife.GssCode}]")!.HasAttribute("checked"));
        Assert.Null(form.Element("input[name=regions]"));
        Assert.Equal("/organiser/peer-groups?saved=camden-circle", saved.Location);
        Assert.Equal(("Camden ring", PeerGroup.CouncilsKind), (group.Name, group.Kind));
        Assert.Equal([TestRegister.Camden.GssCode], group.Councils.Select(c => c.GssCode));
    }

    [Fact]
    public async Task ARowWrittenBeforeCouncilLists_StillReadsAsARegionGroup_ForMembershipProgressAndSaving()
    {
        var table = new TableServiceClient(fixture.Storage.ConnectionString).GetTableClient("PeerGroups");
        await fixture.Service<PeerGroupStore>().AllAsync(CancellationToken.None);
        await table.UpsertEntityAsync(new TableEntity(PeerGroupEntity.Partition, "london")
        {
            ["Name"] = "London",
            ["Regions"] = "london",
            ["LeadsJson"] = "[{\"name\":\"Olga Oldrow\",\"email\":\"olga.oldrow@camden.gov.uk\"}]",
        }, TableUpdateMode.Replace);

        var group = (await fixture.Service<PeerGroupStore>().FindAsync("london", CancellationToken.None))!;
        var activity = await fixture.Service<ProgressLoader>().ForPeerGroupAsync(group, ReportMonth.Of(fixture.Clock.GetUtcNow()), CancellationToken.None);
        var saved = await fixture.CreateAdminClient().PutAsJsonAsync("/api/admin/peer-groups/london", new
        {
            name = "London",
            regions = London,
            leads = new[] { new { name = "Olga Oldrow", email = "olga.oldrow@camden.gov.uk" } },
        });
        var row = (await table.GetEntityAsync<TableEntity>(PeerGroupEntity.Partition, "london")).Value;

        Assert.Equal((PeerGroup.RegionsKind, "Olga Oldrow"), (group.Kind, group.Leads.Single().Name));
        Assert.True(group.Contains(TestRegister.Westminster.GssCode, "london"));
        Assert.False(group.Contains(TestRegister.Birmingham.GssCode, "west-midlands"));
        Assert.Equal([TestRegister.Camden.GssCode, TestRegister.Westminster.GssCode], activity.Councils.Select(c => c.GssCode).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("london", row.GetString("Regions"));
        Assert.Null(row.GetString("CouncilsJson"));
    }

    private List<CapturedRequest> Announcements() =>
        fixture.SendGrid.Accepted.Where(m => m.Subject.Contains("new City circle peer group", StringComparison.Ordinal)).ToList();

    private static async Task<string> FieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return string.Join(" ", problem["errors"]![field]!.AsArray().Select(e => e!.GetValue<string>()));
    }
}
