using LocalGovStandard.Packs;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Standards;

namespace LocalGovStandard.SupportNeeds;

/// <summary>A peer group's councils' answers (those that have answered), the tallies per point and the suggested topics.</summary>
public sealed record GroupNeeds(PeerGroup Group, IReadOnlyList<CouncilNeeds> Councils, IReadOnlyList<PointTally> Tallies, IReadOnlyList<SuggestedTopic> Suggestions)
{
    /// <summary>The group's suggested programme (<see cref="SuggestedProgramme"/>): every point, most needed first.</summary>
    public IReadOnlyList<ProgrammeMeetup> Programme { get; init; } = [];
}

/// <summary>
/// The answers that count, read for the heat maps and for other features (Progress, for the workbook, the dashboard and
/// the feed): one partition query per region. Nothing here says who answered.
/// </summary>
public sealed class SupportNeedQueries(SupportNeedStore store, SupportNeedValidator validator, PackQueries packs)
{
    private const int PacksPerTopic = 3;

    public Standard Standard => validator.Standard;

    public async Task<IReadOnlyList<CouncilNeeds>> LatestInRegionsAsync(IEnumerable<string> regionSlugs, CancellationToken cancellationToken)
    {
        var perRegion = await Task.WhenAll(regionSlugs.Distinct(StringComparer.Ordinal).Select(region => store.LatestInRegionAsync(region, cancellationToken)));
        return perRegion.SelectMany(rows => rows).Select(CouncilNeeds.From).OrderBy(c => c.CouncilName, StringComparer.Ordinal).ThenBy(c => c.GssCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>Each council's answers as they stood just before <paramref name="end"/>: its last version answered by then.</summary>
    public async Task<IReadOnlyList<CouncilNeeds>> AsAtInRegionsAsync(IEnumerable<string> regionSlugs, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var perRegion = await Task.WhenAll(regionSlugs.Distinct(StringComparer.Ordinal).Select(region => store.VersionsInRegionAsync(region, cancellationToken)));
        return perRegion.SelectMany(rows => rows)
            .Where(r => r.AnsweredAt < end)
            .GroupBy(r => r.GssCode, StringComparer.Ordinal)
            .Select(g => CouncilNeeds.From(g.MaxBy(r => r.Version)!))
            .OrderBy(c => c.CouncilName, StringComparer.Ordinal).ThenBy(c => c.GssCode, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<GroupNeeds> ForGroupAsync(PeerGroup group, CancellationToken cancellationToken) =>
        await ForGroupAsync(group, await packs.PublishedByPointAsync(cancellationToken), cancellationToken);

    /// <summary>Every group's needs, reading the pack library once for all of them.</summary>
    public async Task<IReadOnlyList<GroupNeeds>> ForGroupsAsync(IEnumerable<PeerGroup> groups, CancellationToken cancellationToken)
    {
        var packsByPoint = await packs.PublishedByPointAsync(cancellationToken);
        var result = new List<GroupNeeds>();
        foreach (var group in groups)
        {
            result.Add(await ForGroupAsync(group, packsByPoint, cancellationToken));
        }

        return result;
    }

    private async Task<GroupNeeds> ForGroupAsync(PeerGroup group, ILookup<int, Pack> packsByPoint, CancellationToken cancellationToken)
    {
        var councils = group.Members(await LatestInRegionsAsync(group.PartitionSlugs, cancellationToken), c => c.GssCode).ToList();
        var suggestions = TopicSuggestions.For(councils, Standard)
            .Select(topic => topic with { Packs = packsByPoint[topic.Point].Take(PacksPerTopic).Select(p => new SuggestedPack(p.Id, $"{p.Title} ({p.GroupName})", PackQueries.PagePath(p.Id))).ToList() })
            .ToList();
        return new GroupNeeds(group, councils, PointTally.Of(councils, Standard), suggestions) { Programme = SuggestedProgramme.For(councils, Standard, packsByPoint) };
    }
}
