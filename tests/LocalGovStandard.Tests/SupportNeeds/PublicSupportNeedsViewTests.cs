using LocalGovStandard.PeerGroups;
using LocalGovStandard.Progress;
using LocalGovStandard.Standards;
using LocalGovStandard.SupportNeeds;

namespace LocalGovStandard.Tests.SupportNeeds;

/// <summary>The public view's suppression: a group needs three answering councils, and the total never gives a hidden group away.</summary>
public sealed class PublicSupportNeedsViewTests
{
    private static readonly Standard Lgdss = StandardCatalogue.LoadFrom(Path.Combine(AppContext.BaseDirectory, "Standards", "Data")).Find("lgdss-2016")!;

    [Fact]
    public void AGroupOfThreeIsShown_AGroupOfTwoIsNot_AndTheTotalIsLeftOutWhenItWouldGiveTheTwoAway()
    {
        var view = PublicSupportNeedsView.Of([Group("a", 3), Group("b", 2)], Lgdss);

        Assert.False(view.Groups[0].Suppressed);
        Assert.Equal(3, view.Groups[0].Tallies![2].SomeSupport);
        Assert.True(view.Groups[1].Suppressed);
        Assert.Null(view.AllCouncils);
    }

    [Fact]
    public void TheTotalIsShown_WhenTheHiddenGroupsHoldAtLeastThreeCouncilsBetweenThem_OrNone()
    {
        Assert.Equal(5, PublicSupportNeedsView.Of([Group("a", 1), Group("b", 2), Group("c", 2)], Lgdss).AllCouncils?.Answered);
        Assert.Equal(7, PublicSupportNeedsView.Of([Group("a", 3), Group("b", 4)], Lgdss).AllCouncils?.Answered);
        Assert.Null(PublicSupportNeedsView.Of([Group("a", 1), Group("b", 0), Group("c", 3)], Lgdss).AllCouncils);
    }

    private static GroupNeeds Group(string slug, int councils)
    {
        var answers = Enumerable.Range(1, councils)
            .Select(i => new CouncilNeeds($"{slug}{i}", $"{slug} council {i}", 1, DateTimeOffset.UnixEpoch, [new PointNeed(3, "partly", "some")]))
            .ToList();
        return new GroupNeeds(new PeerGroup(slug, slug, [], []), answers, PointTally.Of(answers, Lgdss), []);
    }
}
