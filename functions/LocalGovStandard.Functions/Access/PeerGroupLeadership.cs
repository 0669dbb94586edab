using System.Security.Claims;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Signups;

namespace LocalGovStandard.Access;

/// <summary>
/// Who may act for a peer group besides an organiser: its leads. A lead acts as themselves, signed in with the usual
/// contact session, so a lead is a contact proven for their own council (verified and approved) whose address is
/// one of the group's leads. Nothing about the lead is taken from the request: the address comes from the contact's row.
/// </summary>
public sealed class PeerGroupLeadership(PeerGroupStore groups, ContactStore contacts)
{
    /// <summary>The groups the signed-in contact leads; none for anyone else (no session, a session that ended, not approved).</summary>
    public async Task<IReadOnlyList<PeerGroup>> GroupsLedByAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var email = await ApprovedEmailAsync(user, cancellationToken);
        if (email is null)
        {
            return [];
        }

        var all = await groups.AllAsync(cancellationToken);
        return all.Where(g => g.Leads.Any(l => string.Equals(l.Email.Trim(), email, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    /// <summary>The group with this slug when the signed-in contact leads it; otherwise null (as if it did not exist).</summary>
    public async Task<PeerGroup?> LedGroupAsync(ClaimsPrincipal user, string slug, CancellationToken cancellationToken) =>
        (await GroupsLedByAsync(user, cancellationToken)).FirstOrDefault(g => g.Slug == slug);

    private async Task<string?> ApprovedEmailAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(ContactSession.RegionClaim) is not { } region
            || user.FindFirstValue(ContactSession.CouncilClaim) is not { } gss
            || user.FindFirstValue(ContactSession.ContactClaim) is not { } contactKey)
        {
            return null;
        }

        var contact = await contacts.GetAsync(region, gss, contactKey, cancellationToken);
        return contact is { Status: ContactEntity.Verified } ? contact.ContactEmail.Trim() : null;
    }
}
