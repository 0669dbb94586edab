using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.PeerGroups;

/// <summary>A contact can also be a peer group's lead (by the same address): erasure takes them off, through the same editor as the organiser.</summary>
[HoldsPersonalData(TableNames.PeerGroups)]
public sealed class PeerGroupLeadPersonalData(PeerGroupStore store, PeerGroupEditor editor) : IPersonalDataHolder
{
    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken) =>
        sections.Add("peerGroupsLed", (await GroupsLedByAsync(subject.Email, cancellationToken)).Select(g => g.Name).ToList());

    public async Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken)
    {
        var groups = await GroupsLedByAsync(subject.Email, cancellationToken);
        foreach (var group in groups)
        {
            var remaining = group.Leads.Where(l => !IsSame(l, subject.Email)).Select(l => new PeerGroupLeadRequest(l.Name, l.Email)).ToList();
            var councils = group.Kind == PeerGroup.CouncilsKind ? group.Councils.Select(c => c.GssCode).ToList() : null;
            await editor.SaveAsync(group.Slug, new PeerGroupRequest(group.Name, group.Regions.Select(r => r.Slug).ToList(), remaining, councils), erasure.Actor, cancellationToken);
        }

        erasure.Count("peerGroupsLed", "Peer groups they no longer lead", groups.Count);
    }

    private async Task<IReadOnlyList<PeerGroup>> GroupsLedByAsync(string email, CancellationToken cancellationToken) =>
        (await store.AllAsync(cancellationToken)).Where(g => g.Leads.Any(l => IsSame(l, email))).ToList();

    private static bool IsSame(PeerGroupLead lead, string email) => string.Equals(lead.Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase);
}
