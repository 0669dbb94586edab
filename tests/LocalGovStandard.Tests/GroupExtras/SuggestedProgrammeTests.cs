using LocalGovStandard.Packs;
using LocalGovStandard.Standards;
using LocalGovStandard.SupportNeeds;

namespace LocalGovStandard.Tests.GroupExtras;

/// <summary>A new group's suggested programme: every point once, most needed first, unanswered points last in point order, each with the first (most adopted) pack.</summary>
public sealed class SuggestedProgrammeTests
{
    private static readonly Standard Lgdss = StandardCatalogue.LoadFrom(Path.Combine(AppContext.BaseDirectory, "Standards", "Data")).Find("lgdss-2016")!;

    [Fact]
    public void MostNeedFirst_ThenPointsAnsweredWithNoNeed_ThenUnansweredPointsInPointOrder()
    {
        var a = Council("A", (5, "well", "a-lot"), (2, "not-at-all", "some"), (11, "well", "none"), (9, "partly", "some"));
        var b = Council("B", (5, "partly", "some"), (9, "partly", "some"));

        var programme = SuggestedProgramme.For([a, b], Lgdss, Packs());

        // 5 needs 3 (a lot counts twice), 9 needs 2, 2 needs 1; 11 was answered with no need; the rest nobody answered.
        int[] unanswered = [.. Enumerable.Range(1, Lgdss.Points.Count).Except([5, 9, 2, 11])];
        Assert.Equal([5, 9, 2, 11, .. unanswered], programme.Select(m => m.Point));
        Assert.Equal("1 council needs a lot of support, 1 council needs some (of 2 councils that answered)", programme[0].Reason);
        Assert.Equal("None of the 1 council that answered needs support", programme[3].Reason);
        Assert.Equal("No council in the group has answered for this point yet", programme[4].Reason);
        Assert.Equal(Lgdss.Points.Select(p => p.Title).Order(), programme.Select(m => m.Title).Order());
    }

    [Fact]
    public void EachMeetup_OffersTheFirstPackForItsPoint_AndNoneWhenNoPackCoversIt()
    {
        var programme = SuggestedProgramme.For([], Lgdss, Packs());

        Assert.Equal("Most adopted (London)", programme.Single(m => m.Point == 3).Pack!.Title);
        Assert.Equal($"/peer-groups/packs/{PackId('b')}", programme.Single(m => m.Point == 3).Pack!.Href);
        Assert.Equal("Most adopted (London)", programme.Single(m => m.Point == 7).Pack!.Title);
        Assert.Null(programme.Single(m => m.Point == 1).Pack);
    }

    [Fact]
    public void AGroupWithNoNeeds_GetsEveryPointInPointOrder()
    {
        var programme = SuggestedProgramme.For([], Lgdss, Packs());

        Assert.Equal(Enumerable.Range(1, Lgdss.Points.Count), programme.Select(m => m.Point));
        Assert.All(programme, m => Assert.Equal("No council in the group has answered for this point yet", m.Reason));
    }

    private static string PackId(char letter) => new(letter, 32);

    /// <summary>As <see cref="PackQueries.PublishedByPointAsync"/> gives them: the most adopted first within each point.</summary>
    private static ILookup<int, Pack> Packs()
    {
        var adopted = Pack(PackId('b'), "Most adopted", 3, 7);
        var other = Pack(PackId('c'), "Less adopted", 3);
        return new[] { adopted, other }.SelectMany(p => p.Points.Select(point => (point, p))).ToLookup(x => x.point, x => x.p);
    }

    private static Pack Pack(string id, string title, params int[] points) =>
        new(id, "london", "London", title, points, "", "", true, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, [], [], "");

    private static CouncilNeeds Council(string name, params (int Point, string Understanding, string Support)[] answers) =>
        new("E0000000" + name, name, 1, DateTimeOffset.UnixEpoch, [.. answers.Select(a => new PointNeed(a.Point, a.Understanding, a.Support))]);
}
