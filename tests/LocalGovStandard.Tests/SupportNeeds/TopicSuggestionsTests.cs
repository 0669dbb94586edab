using LocalGovStandard.Standards;
using LocalGovStandard.SupportNeeds;

namespace LocalGovStandard.Tests.SupportNeeds;

/// <summary>The suggested topics are the same for the same answers, whatever order the councils come in.</summary>
public sealed class TopicSuggestionsTests
{
    private static readonly Standard Lgdss = StandardCatalogue.LoadFrom(Path.Combine(AppContext.BaseDirectory, "Standards", "Data")).Find("lgdss-2016")!;

    [Fact]
    public void MostSupportFirst_ThenLeastUnderstanding_ThenLowestPoint_AndNeverAPointNobodyNeedsHelpWith()
    {
        var a = Council("A", (5, "well", "a-lot"), (6, "partly", "some"), (2, "not-at-all", "some"));
        var b = Council("B", (6, "partly", "some"), (2, "well", "some"), (11, "not-at-all", "none"));

        var suggested = TopicSuggestions.For([a, b], Lgdss, count: 5);

        // 2 and 5 and 6 each need 2; 2 is understood least (3), 6 next (2), 5 last (0). 11 needs no support.
        Assert.Equal([2, 6, 5], suggested.Select(s => s.Point));
        Assert.Equal("2 councils need some (of 2 councils that answered)", suggested[0].Reason);
        Assert.All(suggested, s => Assert.Empty(s.Packs));
        Assert.Equal(suggested, TopicSuggestions.For([b, a], Lgdss, count: 5));
    }

    [Fact]
    public void EqualNeeds_AreOrderedByPointNumber()
    {
        var suggested = TopicSuggestions.For([Council("A", (9, "partly", "some"), (4, "partly", "some"), (13, "partly", "some"), (1, "partly", "some"))], Lgdss);

        Assert.Equal([1, 4, 9], suggested.Select(s => s.Point));
    }

    private static CouncilNeeds Council(string name, params (int Point, string Understanding, string Support)[] answers) =>
        new("E0000000" + name, name, 1, DateTimeOffset.UnixEpoch,
            [.. Enumerable.Range(1, 15).Select(p => SupportNeedSteps.AnswerFor(p, answers) is var (u, s) ? new PointNeed(p, u, s) : null!)]);
}
