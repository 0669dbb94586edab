using System.Net;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Packs;

namespace LocalGovStandard.Tests.GroupExtras;

/// <summary>The suggested programme on a group's meet-ups page (lead and console), with the library's most-adopted pack, and its link that fills in the schedule form.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SuggestedProgrammePageTests(GroupExtrasFixture fixture) : IClassFixture<GroupExtrasFixture>
{
    [Fact]
    public async Task TheLeadsPage_ShowsEveryPoint_WithTheMostAdoptedPublishedPack_AndScheduling_StartsFromTheSuggestion_WithItsPack()
    {
        var admin = fixture.CreateAdminClient();
        var lonely = (await PackSteps.CreateAsync(admin, "wales", "Testing, the Welsh way", 13))["id"]!.GetValue<string>();
        var popular = (await PackSteps.CreateAsync(admin, "wales", "Testing with real users", 13))["id"]!.GetValue<string>();
        await PackSteps.PublishAsync(admin, lonely);
        await PackSteps.PublishAsync(admin, popular);
        await PackSteps.AdoptAsync(admin, popular, "midlands");
        var draft = (await PackSteps.CreateAsync(admin, "wales", "A draft on point 2", 2))["id"]!.GetValue<string>();
        var lead = await PageSession.SignInAsync(fixture, GroupExtrasFixture.LondonLead);

        var page = await lead.GetAsync("/peer-groups/london/events");
        var rows = page.Document.QuerySelectorAll("#programme tbody tr");
        var point13 = rows.Single(r => r.GetAttribute("data-point") == "13");
        var schedule = point13.QuerySelector("a[href*='point=13']")!.GetAttribute("href")!;
        var form = await lead.GetAsync(schedule);
        var console = await (await Organiser.ConsoleSteps.SignInAsync(fixture)).GetAsync("/organiser/peer-groups/london/events");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(Enumerable.Range(1, 15).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r.GetAttribute("data-point")));
        Assert.Equal($"/peer-groups/packs/{popular}", point13.QuerySelector("td:nth-child(3) a")!.GetAttribute("href"));
        Assert.DoesNotContain(draft, page.Document.QuerySelector("#programme")!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Equal(point13.QuerySelector("td")!.TextContent.Split(", ", 2)[1], form.ValueOf("title"));
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)form.Element("#points-13")!).IsChecked);
        Assert.False(((AngleSharp.Html.Dom.IHtmlInputElement)form.Element("#points-12")!).IsChecked);
        Assert.Contains($"pack={popular}", schedule, StringComparison.Ordinal);
        Assert.Equal(popular, ((AngleSharp.Html.Dom.IHtmlSelectElement)form.Element("#packId")!).Value);
        Assert.Equal(15, console.Document.QuerySelectorAll("#programme tbody tr").Length);
        Assert.Contains("point=13", console.Document.QuerySelector("#programme tr[data-point='13'] a[href^='/organiser/peer-groups/london/events?']")!.GetAttribute("href"), StringComparison.Ordinal);
    }
}
