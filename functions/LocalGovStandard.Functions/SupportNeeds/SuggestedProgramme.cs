using System.Globalization;
using LocalGovStandard.Packs;
using LocalGovStandard.Standards;

namespace LocalGovStandard.SupportNeeds;

/// <summary>One meet-up of a group's suggested programme: a point, why it comes where it does, and the pack to run it with (if any is published).</summary>
public sealed record ProgrammeMeetup(int Point, string Title, string Reason, SuggestedPack? Pack);

/// <summary>
/// A group's suggested programme (issue 15, §4): one meet-up per point of the Standard, ordered by the group's support needs as
/// <see cref="TopicSuggestions"/> orders them (most support asked for, then least understanding, then point number), with the
/// points no council answered last, in point order. Each offers the most-adopted published pack for its point.
/// </summary>
public static class SuggestedProgramme
{
    public static IReadOnlyList<ProgrammeMeetup> For(IReadOnlyCollection<CouncilNeeds> councils, Standard standard, ILookup<int, Pack> packsByPoint) =>
        PointTally.Of(councils, standard)
            .OrderBy(t => t.Answered == 0)
            .ThenByDescending(t => t.SupportNeed)
            .ThenByDescending(t => t.UnderstandingNeed)
            .ThenBy(t => t.Point)
            .Select(t => new ProgrammeMeetup(t.Point, t.Title, Reason(t), packsByPoint[t.Point].Select(p => new SuggestedPack(p.Id, $"{p.Title} ({p.GroupName})", PackQueries.PagePath(p.Id))).FirstOrDefault()))
            .ToList();

    private static string Reason(PointTally tally) => tally switch
    {
        { Answered: 0 } => "No council in the group has answered for this point yet",
        { SupportNeed: 0 } => $"None of the {Councils(tally.Answered)} that answered needs support",
        _ => TopicSuggestions.Reason(tally),
    };

    private static string Councils(int count) => count == 1 ? "1 council" : count.ToString(CultureInfo.InvariantCulture) + " councils";
}
