using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Platform;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PeerGroupsTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly string[] WalesRegions = ["wales"];

    [Fact]
    public async Task PeerGroups_ListsTheDefaultGroupsAndTheirRegions()
    {
        var groups = (await fixture.CreateClient().GetFromJsonAsync<JsonArray>("/api/peer-groups"))!;

        Assert.Equal(10, groups.Count);
        var midlands = groups.Single(g => g!["slug"]!.GetValue<string>() == "midlands")!;
        Assert.Equal(["east-midlands", "west-midlands"], midlands["regions"]!.AsArray().Select(r => r!["slug"]!.GetValue<string>()).Order());
        var south = groups.Single(g => g!["slug"]!.GetValue<string>() == "south")!;
        Assert.Equal(["south-east", "south-west"], south["regions"]!.AsArray().Select(r => r!["slug"]!.GetValue<string>()).Order());
        var everyRegion = groups.SelectMany(g => g!["regions"]!.AsArray()).Select(r => r!["slug"]!.GetValue<string>()).ToList();
        Assert.Equal(12, everyRegion.Distinct().Count());
        Assert.Equal(12, everyRegion.Count);
    }

    [Fact]
    public async Task PeerGroups_NeverShowLeads()
    {
        // The default groups have no leads, so give one a lead first: otherwise there would be nothing to leak.
        using var saved = await fixture.CreateAdminClient().PutAsJsonAsync("/api/admin/peer-groups/wales", new
        {
            name = "Wales",
            regions = WalesRegions,
            leads = new[] { new { name = "Gwen Arweinydd", email = "gwen.arweinydd@cardiff.gov.wales" } },
        });
        Assert.Equal(System.Net.HttpStatusCode.OK, saved.StatusCode);

        var text = await fixture.CreateClient().GetStringAsync(new Uri("/api/peer-groups", UriKind.Relative));

        Assert.Contains("\"wales\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Gwen", text, StringComparison.Ordinal);
        Assert.DoesNotContain("lead", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrganiserSignupList_ForAnUnknownPeerGroup_Is400NamingTheField()
    {
        var response = await fixture.CreateAdminClient().GetAsync(new Uri("/api/admin/signups?peerGroup=atlantis", UriKind.Relative));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("london", problem!["errors"]!["peerGroup"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PeerGroupEditingTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly string[] London = ["london"];
    private static readonly string[] Wales = ["wales"];

    [Fact]
    public async Task Organiser_CanSetAGroupsRegionsAndLeads_WhichStayPrivate()
    {
        var admin = fixture.CreateAdminClient();
        var response = await admin.PutAsJsonAsync("/api/admin/peer-groups/london", new
        {
            name = "London",
            regions = London,
            leads = new[] { new { name = "Lola Lead", email = "Lola.Lead@Camden.GOV.UK" } },
        });
        var saved = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Lola.Lead@camden.gov.uk", saved!["leads"]![0]!["email"]!.GetValue<string>());
        var withLeads = await admin.GetStringAsync(new Uri("/api/admin/peer-groups", UriKind.Relative));
        Assert.Contains("Lola.Lead@camden.gov.uk", withLeads, StringComparison.Ordinal);
        var publicList = await fixture.CreateClient().GetStringAsync(new Uri("/api/peer-groups", UriKind.Relative));
        Assert.DoesNotContain("Lola", publicList, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organiser_CannotPutARegionInTwoGroups_OrSaveBadLeads()
    {
        var admin = fixture.CreateAdminClient();

        var taken = await admin.PutAsJsonAsync("/api/admin/peer-groups/greater-london", new { name = "Greater London", regions = London });
        var badLead = await admin.PutAsJsonAsync("/api/admin/peer-groups/wales", new
        {
            name = "Wales",
            regions = Wales,
            leads = new[] { new { name = "", email = "not-an-address" } },
        });

        var takenProblem = await taken.Content.ReadFromJsonAsync<JsonObject>();
        var leadProblem = await badLead.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("already in the London peer group", takenProblem!["errors"]!["regions"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(leadProblem!["errors"]!["leads[0].name"]);
        Assert.NotNull(leadProblem["errors"]!["leads[0].email"]);
    }

    [Fact]
    public async Task EditingPeerGroups_NeedsTheAdminKey()
    {
        var response = await fixture.CreateClient().PutAsJsonAsync("/api/admin/peer-groups/london", new { name = "London", regions = London });

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
