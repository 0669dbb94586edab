using System.Globalization;
using LocalGovStandard.Standards;

namespace LocalGovStandard.SupportNeeds;

/// <summary>The answers that count for one council.</summary>
public sealed record CouncilNeeds(string GssCode, string CouncilName, int Version, DateTimeOffset AnsweredAt, IReadOnlyList<PointNeed> Points)
{
    public PointNeed? For(int point) => Points.FirstOrDefault(p => p.Point == point);

    public static CouncilNeeds From(SupportNeedEntity row) => new(row.GssCode, row.CouncilName, row.Version, row.AnsweredAt, row.Answers());
}

/// <summary>How a set of councils answered one point: how many gave each support answer, and their understanding weights summed.</summary>
public sealed record PointTally(int Point, string Title, int Answered, int NoSupport, int SomeSupport, int ALotOfSupport, int UnderstandingNeed)
{
    public int NeedingSupport => SomeSupport + ALotOfSupport;

    public int SupportNeed => SomeSupport + (2 * ALotOfSupport);

    public static IReadOnlyList<PointTally> Of(IReadOnlyCollection<CouncilNeeds> councils, Standard standard) =>
        standard.Points.Select(point =>
        {
            var answers = councils.Select(c => c.For(point.Number)).OfType<PointNeed>().ToList();
            return new PointTally(
                point.Number, point.Title, answers.Count,
                answers.Count(a => a.Support == "none"), answers.Count(a => a.Support == "some"), answers.Count(a => a.Support == "a-lot"),
                answers.Sum(a => SupportNeedScales.FindUnderstanding(a.Understanding)?.Need ?? 0));
        }).ToList();
}

/// <summary>A published content pack that covers a suggested point, most adopted first.</summary>
public sealed record SuggestedPack(string Id, string Title, string Href);

/// <summary>A point suggested as a next meet-up topic, why, and the packs that cover it.</summary>
public sealed record SuggestedTopic(int Point, string Title, string Reason, IReadOnlyList<SuggestedPack> Packs);

/// <summary>
/// The points most in need, as next meet-up topics: the most support asked for first (a lot counts twice some), then
/// the least understanding, then the lower point number, so the same answers always give the same suggestions.
/// Points nobody needs support with are never suggested.
/// </summary>
public static class TopicSuggestions
{
    public const int Count = 3;

    public static IReadOnlyList<SuggestedTopic> For(IReadOnlyCollection<CouncilNeeds> councils, Standard standard, int count = Count) =>
        PointTally.Of(councils, standard)
            .Where(t => t.SupportNeed > 0)
            .OrderByDescending(t => t.SupportNeed)
            .ThenByDescending(t => t.UnderstandingNeed)
            .ThenBy(t => t.Point)
            .Take(count)
            .Select(t => new SuggestedTopic(t.Point, t.Title, Reason(t), []))
            .ToList();

    public static string Reason(PointTally tally)
    {
        var parts = new List<string>();
        if (tally.ALotOfSupport > 0)
        {
            parts.Add($"{Councils(tally.ALotOfSupport)} {(tally.ALotOfSupport == 1 ? "needs" : "need")} a lot of support");
        }

        if (tally.SomeSupport > 0)
        {
            parts.Add($"{Councils(tally.SomeSupport)} {(tally.SomeSupport == 1 ? "needs" : "need")} some");
        }

        return $"{string.Join(", ", parts)} (of {Councils(tally.Answered)} that answered)";
    }

    private static string Councils(int count) => count == 1 ? "1 council" : count.ToString(CultureInfo.InvariantCulture) + " councils";
}
