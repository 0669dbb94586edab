using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Organiser;

namespace LocalGovStandard.Tests.Packs;

/// <summary>A draft, its page and its files, are its own group's facilitators' only: the public and other groups' leads are told it does not exist.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PackVisibilityTests(PackFixture fixture) : IClassFixture<PackFixture>
{
    [Fact]
    public async Task ADraft_IsSeenByItsOwnLeadAndTheOrganiser_AndNotFoundForThePublicAndOtherLeads_UntilPublished()
    {
        var londonLead = await PageSession.SignInAsync(fixture, PackFixture.LondonLead);
        var id = await PackSteps.CreateOnPagesAsync(londonLead, "london", "Agile in a council", 3, 4);
        var uploaded = await PackSteps.UploadOnPagesAsync(londonLead, "london", id, "Handout.pdf", PackSteps.PdfBytes("handout"));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.Status);
        var admin = fixture.CreateAdminClient();
        var fileUrl = (await PackSteps.OrganiserViewAsync(admin, id))!["files"]![0]!["url"]!.GetValue<string>();

        var anonymous = PageSession.Anonymous(fixture);
        var midlandsLead = await PageSession.SignInAsync(fixture, PackFixture.MidlandsLead);
        var console = await ConsoleSteps.SignInAsync(fixture);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/peer-groups/packs/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Client.GetAsync(new Uri(fileUrl, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.CreateClient().GetAsync(new Uri($"/api/packs/{id}", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain((await fixture.CreateClient().GetFromJsonAsync<JsonArray>("/api/packs"))!, p => p!["id"]!.GetValue<string>() == id);
        Assert.DoesNotContain("Agile in a council", (await anonymous.GetAsync("/peer-groups/packs")).Document.Body!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await midlandsLead.GetAsync($"/peer-groups/packs/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await midlandsLead.Client.GetAsync(new Uri(fileUrl, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await midlandsLead.GetAsync("/peer-groups/london/packs")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await midlandsLead.GetAsync($"/peer-groups/london/packs/{id}")).Status);
        var ownForm = await midlandsLead.GetAsync("/peer-groups/midlands/packs/new");
        var token = ownForm.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var publishAttempt = await midlandsLead.PostAsync($"/peer-groups/london/packs/{id}/publish", [KeyValuePair.Create("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.NotFound, publishAttempt.Status);

        var ownView = await londonLead.GetAsync($"/peer-groups/packs/{id}");
        Assert.Equal(HttpStatusCode.OK, ownView.Status);
        Assert.Equal("Draft", ownView.Element("main .govuk-tag")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await londonLead.Client.GetAsync(new Uri(fileUrl, UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await console.GetAsync($"/organiser/packs/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await console.Client.GetAsync(new Uri($"/organiser/packs/{id}/files/{fileUrl.Split('/')[^1]}", UriKind.Relative))).StatusCode);
        Assert.Equal("draft", (await PackSteps.OrganiserViewAsync(admin, id))!["status"]!.GetValue<string>());

        var edit = await londonLead.GetAsync($"/peer-groups/london/packs/{id}");
        var published = await londonLead.SubmitAsync(edit, action: $"/peer-groups/london/packs/{id}/publish");
        Assert.Equal(HttpStatusCode.Redirect, published.Status);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/peer-groups/packs/{id}")).Status);
        var file = await anonymous.Client.GetAsync(new Uri(fileUrl, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("attachment", file.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(HttpStatusCode.OK, (await midlandsLead.GetAsync($"/peer-groups/packs/{id}")).Status);
        Assert.Contains("Agile in a council", (await anonymous.GetAsync("/peer-groups/packs?point=3")).Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Agile in a council", (await anonymous.GetAsync("/peer-groups/packs?point=9")).Document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALeadsPages_ForAGroupTheyDoNotLead_AreNotFound_AndWithoutASessionAskForOne()
    {
        var walesLead = await PageSession.SignInAsync(fixture, PackFixture.WalesLead);

        Assert.Equal(HttpStatusCode.NotFound, (await walesLead.GetAsync("/peer-groups/london/packs/new")).Status);
        Assert.Equal(HttpStatusCode.OK, (await walesLead.GetAsync("/peer-groups/wales/packs/new")).Status);
        var anonymous = await PageSession.Anonymous(fixture).GetAsync("/peer-groups/wales/packs");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Status);
        Assert.Contains("/assessments/start", anonymous.Location, StringComparison.Ordinal);
    }
}
