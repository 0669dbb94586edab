using LocalGovStandard.PeerGroups;
using LocalGovStandard.Register;

namespace LocalGovStandard.Events;

/// <summary>Which councils belong to a peer group, for invitations: what <see cref="PeerGroup"/> says, for a region group or a list of councils.</summary>
public static class GroupMembership
{
    /// <summary>The regions whose contacts a group's invitations read.</summary>
    public static IEnumerable<Region> RegionsOf(PeerGroup group) => group.Partitions;

    /// <summary>Whether a council (by region and code) belongs to the group.</summary>
    public static bool Includes(PeerGroup group, string regionSlug, string gssCode) => group.Contains(gssCode, regionSlug);
}
