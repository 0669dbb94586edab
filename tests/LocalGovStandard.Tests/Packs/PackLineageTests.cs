using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Packs;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Packs;

/// <summary>The franchise model: adopting makes the group's own copy (files too) that records where it came from, through any number of hops.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PackLineageTests(PackFixture fixture) : IClassFixture<PackFixture>
{
    private string Month => fixture.Clock.GetUtcNow().ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task AdoptingAnAdoptedPack_KeepsTheWholeChain_CopiesTheFiles_AndEachPackSaysWhoAdoptedIt()
    {
        var admin = fixture.CreateAdminClient();
        var london = await PackSteps.CreateAsync(admin, "london", "User research on a shoestring", 1, 14);
        var londonId = london["id"]!.GetValue<string>();
        var slides = PackSteps.PdfBytes("london slides");
        Assert.Equal(HttpStatusCode.OK, (await PackSteps.UploadAsync(admin, londonId, "Slides.pdf", slides)).StatusCode);
        await PackSteps.PublishAsync(admin, londonId);

        // The Midlands lead adopts London's pack from its public page, with the page's own form.
        var midlandsLead = await PageSession.SignInAsync(fixture, PackFixture.MidlandsLead);
        var londonPage = await midlandsLead.GetAsync($"/peer-groups/packs/{londonId}");
        var adopted = await midlandsLead.SubmitAsync(londonPage, action: "/peer-groups/midlands/packs/adopt");
        Assert.Equal(HttpStatusCode.Redirect, adopted.Status);
        var midlandsId = adopted.Location!.Split('?')[0].Split('/')[^1];
        Assert.Equal($"/peer-groups/midlands/packs/{midlandsId}?done=adopted", adopted.Location);

        var copy = (await PackSteps.OrganiserViewAsync(admin, midlandsId))!;
        Assert.Equal("draft", copy["status"]!.GetValue<string>());
        Assert.Equal("midlands", copy["peerGroup"]!["slug"]!.GetValue<string>());
        Assert.Equal("User research on a shoestring", copy["title"]!.GetValue<string>());
        Assert.Equal([1, 14], copy["points"]!.AsArray().Select(p => p!["number"]!.GetValue<int>()));
        Assert.Equal([$"revised from London's pack of {Month}"], Descriptions(copy));
        var copiedFile = copy["files"]!.AsArray().Single()!;
        Assert.Equal("Slides.pdf", copiedFile["fileName"]!.GetValue<string>());
        Assert.NotEqual(london["id"]!.GetValue<string>(), midlandsId);
        var download = await midlandsLead.Client.GetAsync(new Uri(copiedFile["url"]!.GetValue<string>(), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(slides, await download.Content.ReadAsByteArrayAsync());

        // The copy is the group's own: changing it leaves London's pack as it was.
        var edit = await admin.PutAsJsonAsync($"/api/admin/packs/{midlandsId}", PackSteps.Body("User research, Midlands style", 1));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        await PackSteps.PublishAsync(admin, midlandsId);
        Assert.Equal("User research on a shoestring", (await PackSteps.OrganiserViewAsync(admin, londonId))!["title"]!.GetValue<string>());

        // Wales adopts the Midlands copy: the chain runs back to London.
        var wales = await PackSteps.AdoptAsync(admin, midlandsId, "wales");
        Assert.Equal([$"revised from Midlands's pack of {Month}", $"revised from London's pack of {Month}"], Descriptions(wales));
        Assert.Equal("User research, Midlands style", wales["title"]!.GetValue<string>());

        var publicLondon = (await fixture.CreateClient().GetFromJsonAsync<JsonNode>($"/api/packs/{londonId}"))!;
        Assert.Equal(["midlands"], publicLondon["adoptedBy"]!.AsArray().Select(a => a!["peerGroup"]!["slug"]!.GetValue<string>()));
        var publicMidlands = (await fixture.CreateClient().GetFromJsonAsync<JsonNode>($"/api/packs/{midlandsId}"))!;
        Assert.Empty(publicMidlands["adoptedBy"]!.AsArray());
        var organiserMidlands = (await PackSteps.OrganiserViewAsync(admin, midlandsId))!;
        Assert.Equal(["wales"], organiserMidlands["adoptedBy"]!.AsArray().Select(a => a!["peerGroup"]!["slug"]!.GetValue<string>()));

        var libraryPage = await PageSession.Anonymous(fixture).GetAsync($"/peer-groups/packs/{midlandsId}");
        Assert.Contains($"Revised from London's pack of {Month}", libraryPage.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Adopted by Midlands", (await PageSession.Anonymous(fixture).GetAsync($"/peer-groups/packs/{londonId}")).Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdoptingADraft_OrIntoItsOwnGroup_IsRefused_NamingTheField_AndCopiesNothing()
    {
        var admin = fixture.CreateAdminClient();
        var id = (await PackSteps.CreateAsync(admin, "london", "Assisted digital", 12))["id"]!.GetValue<string>();
        var before = (await admin.GetFromJsonAsync<JsonArray>("/api/admin/packs"))!.Count;

        var draft = await admin.PostAsJsonAsync($"/api/admin/packs/{id}/adopt", new { peerGroup = "midlands" });
        await PackSteps.PublishAsync(admin, id);
        var ownGroup = await admin.PostAsJsonAsync($"/api/admin/packs/{id}/adopt", new { peerGroup = "london" });
        var noGroup = await admin.PostAsJsonAsync($"/api/admin/packs/{id}/adopt", new { peerGroup = "atlantis" });

        Assert.Equal(HttpStatusCode.BadRequest, draft.StatusCode);
        Assert.NotNull((await draft.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["packId"]);
        Assert.Equal(HttpStatusCode.BadRequest, ownGroup.StatusCode);
        Assert.NotNull((await ownGroup.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["peerGroup"]);
        Assert.Equal(HttpStatusCode.BadRequest, noGroup.StatusCode);
        Assert.NotNull((await noGroup.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["peerGroup"]);
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonArray>("/api/admin/packs"))!.Count);
    }

    [Fact]
    public async Task AnEventThatUsesAPublishedPack_IsListedWhereThePackWasUsed_AndADraftCannotBeUsed()
    {
        var admin = fixture.CreateAdminClient();
        var id = (await PackSteps.CreateAsync(admin, "wales", "Testing the end-to-end service", 8))["id"]!.GetValue<string>();
        var queries = fixture.Service<PackQueries>();
        var on = new DateTimeOffset(2027, 6, 10, 18, 0, 0, TimeSpan.Zero);

        Assert.False(await queries.RecordUseAsync(id, "wales-2027-06", "Wales meet-up, June 2027", on, CancellationToken.None));
        Assert.Null(await queries.FindPublishedAsync(id, CancellationToken.None));
        await PackSteps.PublishAsync(admin, id);
        Assert.True(await queries.RecordUseAsync(id, "wales-2027-06", "Wales meet-up, June 2027", on, CancellationToken.None));
        Assert.True(await queries.RecordUseAsync(id, "wales-2027-06", "Wales meet-up, June 2027", on, CancellationToken.None));

        var pack = (await fixture.CreateClient().GetFromJsonAsync<JsonNode>($"/api/packs/{id}"))!;
        Assert.Equal(["wales-2027-06"], pack["usedBy"]!.AsArray().Select(u => u!["eventId"]!.GetValue<string>()));
        Assert.Equal(id, (await queries.FindPublishedAsync(id, CancellationToken.None))!.Id);
    }

    private static IEnumerable<string> Descriptions(JsonNode pack) =>
        pack["lineage"]!.AsArray().Select(o => o!["description"]!.GetValue<string>());
}
