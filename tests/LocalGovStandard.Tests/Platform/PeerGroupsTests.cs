using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Platform;

public sealed class PeerGroupsTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
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
        var text = await fixture.CreateClient().GetStringAsync(new Uri("/api/peer-groups", UriKind.Relative));

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
