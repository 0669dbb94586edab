using System.Security.Claims;
using LocalGovStandard.Access;
using LocalGovStandard.PeerGroups;

namespace LocalGovStandard.Packs;

/// <summary>
/// Who is looking at or changing packs: an organiser facilitates every group; a lead, the groups they lead; anyone else,
/// none. Published packs are everyone's; a draft is seen only by its group's facilitators.
/// </summary>
public sealed record PackFacilitator(string Actor, bool IsOrganiser, IReadOnlyList<PeerGroup> Groups)
{
    public static readonly PackFacilitator Public = new("public", false, []);

    public bool IsFacilitator => IsOrganiser || Groups.Count > 0;

    public bool Facilitates(string groupSlug) => Groups.Any(g => g.Slug == groupSlug);

    public bool CanSee(Pack pack) => pack.IsPublished || Facilitates(pack.GroupSlug);
}

/// <summary>The two doors: the organiser (console or key) and a signed-in peer-group lead.</summary>
public sealed class PackFacilitators(PeerGroupStore groups, PeerGroupLeadership leadership)
{
    public async Task<PackFacilitator> OrganiserAsync(string actor, CancellationToken cancellationToken) =>
        new(actor, true, await groups.AllAsync(cancellationToken));

    /// <summary>The signed-in contact as a facilitator of the groups they lead; <see cref="PackFacilitator.Public"/> for anyone else.</summary>
    public async Task<PackFacilitator> ContactAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var led = await leadership.GroupsLedByAsync(user, cancellationToken);
        return led.Count == 0 || user.FindFirstValue(ContactSession.ReferenceClaim) is not { } reference
            ? PackFacilitator.Public
            : new PackFacilitator($"contact:{reference}", false, led);
    }
}
