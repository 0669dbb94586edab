using LocalGovStandard.PeerGroups;
using LocalGovStandard.Register;

namespace LocalGovStandard.Progress;

/// <summary>Whose progress is measured: one region, a peer group, or a named list of councils.</summary>
public abstract record ProgressScope(string Slug, string Name)
{
    /// <summary>The region partitions the scope's activity is read from.</summary>
    public abstract IReadOnlyList<Region> Regions { get; }
}

public sealed record RegionScope(Region Region) : ProgressScope(Region.Slug, Region.Name)
{
    public override IReadOnlyList<Region> Regions => [Region];
}

public sealed record PeerGroupScope(PeerGroup Group) : ProgressScope(Group.Slug, Group.Name)
{
    public override IReadOnlyList<Region> Regions => Group.Partitions;
}

/// <summary>A named list of councils by <see cref="Council.Code"/>, wherever they are (an event's attendees, say).</summary>
public sealed record CouncilListGroup(string Slug, string Name, IReadOnlyList<string> CouncilCodes);

/// <param name="Councils">The listed councils the register knows; the activity is read from their regions.</param>
public sealed record CouncilListScope(CouncilListGroup Group, IReadOnlyList<Council> Councils) : ProgressScope(Group.Slug, Group.Name)
{
    public override IReadOnlyList<Region> Regions => Councils.Select(c => c.Region).DistinctBy(r => r.Slug).ToList();
}
