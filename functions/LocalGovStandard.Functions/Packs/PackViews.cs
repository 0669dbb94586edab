using LocalGovStandard.Standards;

namespace LocalGovStandard.Packs;

public sealed record PackGroupView(string Slug, string Name);

public sealed record PackPointView(int Number, string Title);

public sealed record PackOriginView(string Id, string PeerGroupName, string Title, DateTimeOffset At, string Description);

public sealed record PackFileView(string Id, string FileName, string ContentType, long Size, string Url);

public sealed record PackAdoptionView(string Id, PackGroupView PeerGroup, bool Published);

public sealed record PackUseView(string EventId, string Title, DateTimeOffset On);

/// <summary>A pack as the API shows it: its words (the Markdown as written), its files, its lineage (nearest first), who adopted it and where it was used.</summary>
public sealed record PackView(
    string Id,
    string Title,
    PackGroupView PeerGroup,
    string Status,
    IReadOnlyList<PackPointView> Points,
    string Agenda,
    string Exercises,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<PackOriginView> Lineage,
    IReadOnlyList<PackAdoptionView> AdoptedBy,
    IReadOnlyList<PackUseView> UsedBy,
    IReadOnlyList<PackFileView> Files)
{
    /// <summary>Adoptions the viewer may not see (another group's drafts) are left out.</summary>
    public static PackView From(Pack pack, PackLibrary library, Standard standard, PackFacilitator viewer) => new(
        pack.Id,
        pack.Title,
        new PackGroupView(pack.GroupSlug, pack.GroupName),
        pack.IsPublished ? PackEntity.Published : PackEntity.Draft,
        pack.Points.Select(n => new PackPointView(n, standard.Point(n)?.Title ?? "")).ToList(),
        pack.Agenda,
        pack.Exercises,
        pack.UpdatedAt,
        pack.PublishedAt,
        library.Lineage(pack).Select(o => new PackOriginView(o.Id, o.GroupName, o.Title, o.At, o.Describe())).ToList(),
        library.AdoptionsOf(pack).Where(viewer.CanSee).Select(p => new PackAdoptionView(p.Id, new PackGroupView(p.GroupSlug, p.GroupName), p.IsPublished)).ToList(),
        pack.Uses.Select(u => new PackUseView(u.EventId, u.Title, u.On)).ToList(),
        pack.Files.Select(f => new PackFileView(f.Id, f.FileName, f.ContentType, f.Size, FilePath(pack.Id, f.Id))).ToList());

    public static string FilePath(string packId, string fileId) => $"/peer-groups/packs/{packId}/files/{fileId}";
}
