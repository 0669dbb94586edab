using System.Net;
using LocalGovStandard.Tests.Infrastructure;
using static LocalGovStandard.Tests.Dashboard.DashboardReading;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>The public dashboard's support needs: counts by peer group and point from the councils' latest answers, no council named, small groups not shown.</summary>
[Collection(DashboardData.Name)]
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SupportNeedsDashboardTests(DashboardFixture fixture)
{
    [Fact]
    public async Task NeedsByGroupAndPoint_NameNoCouncil_AndHideGroupsWhereFewerThanThreeAnswered()
    {
        var (response, page) = await GetPageAsync(fixture.CreateClient(), "/dashboard/support-needs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("table[data-table=support-needs] tbody tr")
            .ToDictionary(r => r.QuerySelector("th")!.TextContent.Trim(), r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList());
        Assert.Equal(["2", "Not shown: fewer than 3 councils answered"], rows["London"]);
        Assert.Equal(["1", "Not shown: fewer than 3 councils answered"], rows["Midlands"]);
        Assert.Equal(["0", "No council has answered yet"], rows["Wales"]);

        // The hidden groups hold three councils between them, so the total cannot single either out. Westminster's first answers no longer count.
        var all = rows["All councils"];
        Assert.Equal("3", all[0]);
        Assert.EndsWith("0 of 3", all[1], StringComparison.Ordinal);
        Assert.EndsWith("3 of 3", all[3], StringComparison.Ordinal);
        Assert.EndsWith("1 of 3", all[5], StringComparison.Ordinal);
        Assert.EndsWith("1 of 3", all[14], StringComparison.Ordinal);

        var text = page.Body!.TextContent;
        foreach (var council in new[] { TestRegister.Westminster, TestRegister.Camden, TestRegister.Birmingham })
        {
            Assert.DoesNotContain(council.GssCode, text, StringComparison.Ordinal);
            Assert.DoesNotContain(council.NiceName, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(DashboardSeed.PersonName, text, StringComparison.Ordinal);
        var (_, dashboard) = await GetPageAsync(fixture.CreateClient(), "/dashboard");
        Assert.NotNull(dashboard.QuerySelector("a[href='/dashboard/support-needs']"));
    }
}
