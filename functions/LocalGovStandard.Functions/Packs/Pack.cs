using System.Globalization;

namespace LocalGovStandard.Packs;

/// <summary>Where an adopted pack came from, as it was when adopted.</summary>
public sealed record PackOrigin(string Id, string GroupName, string Title, DateTimeOffset At)
{
    /// <summary>"revised from London's pack of May 2027".</summary>
    public string Describe() => $"revised from {GroupName}'s pack of {At.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";
}

public sealed record Pack(
    string Id,
    string GroupSlug,
    string GroupName,
    string Title,
    IReadOnlyList<int> Points,
    string Agenda,
    string Exercises,
    bool IsPublished,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    PackOrigin? Origin,
    IReadOnlyList<PackFile> Files,
    IReadOnlyList<PackUse> Uses,
    string ETag)
{
    public static Pack From(PackEntity entity) => new(
        entity.RowKey,
        entity.GroupSlug,
        entity.GroupName,
        entity.Title,
        entity.PointNumbers(),
        entity.Agenda,
        entity.Exercises,
        entity.Status == PackEntity.Published,
        entity.CreatedAt,
        entity.UpdatedAt,
        entity.PublishedAt,
        entity.OriginId is { } origin ? new PackOrigin(origin, entity.OriginGroupName ?? "", entity.OriginTitle ?? "", entity.OriginAt ?? entity.CreatedAt) : null,
        entity.Files(),
        entity.Uses(),
        entity.ETag.ToString());
}

/// <summary>The whole library, read once: each pack's lineage and who adopted it are worked out from it.</summary>
public sealed class PackLibrary(IReadOnlyList<Pack> packs)
{
    private const int MaxLineage = 50;

    public IReadOnlyList<Pack> All { get; } = packs;

    public Pack? Find(string id) => All.FirstOrDefault(p => p.Id == id);

    /// <summary>The packs this one was revised from, nearest first; an origin no longer in the library ends the chain with its snapshot.</summary>
    public IReadOnlyList<PackOrigin> Lineage(Pack pack)
    {
        var chain = new List<PackOrigin>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { pack.Id };
        for (var origin = pack.Origin; origin is not null && chain.Count < MaxLineage && seen.Add(origin.Id); origin = Find(origin.Id)?.Origin)
        {
            chain.Add(origin);
        }

        return chain;
    }

    /// <summary>The groups' copies made from this pack, oldest first.</summary>
    public IReadOnlyList<Pack> AdoptionsOf(Pack pack) =>
        All.Where(p => p.Origin?.Id == pack.Id).OrderBy(p => p.CreatedAt).ToList();
}
