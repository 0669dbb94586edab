using LocalGovStandard.PeerGroups;

namespace LocalGovStandard.Privacy;

/// <summary>A contact can also be a peer group's lead (by the same address): erasure takes them off, through the same editor as the organiser.</summary>
public sealed class ContactLeadership(PeerGroupStore store, PeerGroupEditor editor)
{
    public async Task<IReadOnlyList<PeerGroup>> GroupsLedByAsync(string email, CancellationToken cancellationToken) =>
        (await store.AllAsync(cancellationToken)).Where(g => g.Leads.Any(l => IsSame(l, email))).ToList();

    public async Task<int> EraseAsync(string email, string actor, CancellationToken cancellationToken)
    {
        var groups = await GroupsLedByAsync(email, cancellationToken);
        foreach (var group in groups)
        {
            var remaining = group.Leads.Where(l => !IsSame(l, email)).Select(l => new PeerGroupLeadRequest(l.Name, l.Email)).ToList();
            await editor.SaveAsync(group.Slug, new PeerGroupRequest(group.Name, group.Regions.Select(r => r.Slug).ToList(), remaining), actor, cancellationToken);
        }

        return groups.Count;
    }

    private static bool IsSame(PeerGroupLead lead, string email) => string.Equals(lead.Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase);
}
