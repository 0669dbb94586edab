using System.Net;
using System.Net.Http.Json;
using LocalGovStandard.Events;
using LocalGovStandard.Tests.Infrastructure;
using static LocalGovStandard.Tests.Dashboard.DashboardReading;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>A listed council's public page lists the meet-ups its people came to, with how many came and never who.</summary>
[Collection(DashboardData.Name)]
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CouncilMeetupsTests(DashboardFixture fixture)
{
    [Fact]
    public async Task AListedCouncilsPage_ShowsTheMeetupsItsPeopleCameTo_AsCounts_WithoutNames()
    {
        var started = fixture.Clock.GetUtcNow().AddDays(-1);
        var meetup = new ValidMeetup("Open standards over lunch", [7], started, started.AddHours(1), "", "", "https://meet.example.gov.uk/london", 20, [], "", 1, 1);
        var id = (await fixture.Service<EventStore>().CreateMeetupsAsync("london", meetup, null, CancellationToken.None)).Single().SummitId;
        var walkIns = new[] { new { name = "Sam Walker", council = TestRegister.Westminster.GssCode }, new { name = "Kit Jones", council = TestRegister.Westminster.GssCode } };
        using (var recorded = await fixture.CreateAdminClient().PutAsJsonAsync($"/api/admin/peer-groups/london/events/{id}/attendance", new { walkIns }))
        {
            Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        }

        var (response, page) = await GetPageAsync(fixture.CreateClient(), $"/dashboard/councils/{TestRegister.Westminster.GssCode}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = page.QuerySelectorAll("table[data-table='council-meetups'] tbody tr").Single(r => r.TextContent.Contains("Open standards over lunch", StringComparison.Ordinal));
        Assert.Equal("2", row.QuerySelectorAll("td")[^1].TextContent.Trim());
        Assert.DoesNotContain("Sam Walker", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Kit Jones", page.Body!.TextContent, StringComparison.Ordinal);
    }
}
