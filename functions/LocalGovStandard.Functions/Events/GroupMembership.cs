using LocalGovStandard.PeerGroups;
using LocalGovStandard.Register;

namespace LocalGovStandard.Events;

/// <summary>
/// Which councils belong to a peer group, for invitations: the one place that says it, so a group defined by a list of
/// councils rather than regions needs a change here only (read those councils' regions, keep only those councils).
/// </summary>
public static class GroupMembership
{
    /// <summary>The regions whose contacts a group's invitations read.</summary>
    public static IEnumerable<Region> RegionsOf(PeerGroup group) => group.Regions;

    /// <summary>Whether a council (by region and code) belongs to the group.</summary>
    public static bool Includes(PeerGroup group, string regionSlug, string gssCode) => group.Regions.Any(r => r.Slug == regionSlug);
}
