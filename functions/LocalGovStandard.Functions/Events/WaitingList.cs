namespace LocalGovStandard.Events;

/// <summary>
/// Places on a summit's waiting list. An invitation's stored WaitlistPosition is its ticket: it
/// orders the queue and never changes while the person waits, but tickets ahead of it are freed
/// by promotions and declines. So the place anyone is told is counted from the people actually
/// waiting: one more than those waiting with an earlier ticket.
/// </summary>
public static class WaitingList
{
    public static IReadOnlyDictionary<string, int> Places(IEnumerable<InvitationEntity> invitations) =>
        invitations.Where(i => i.Response == InvitationEntity.Waitlisted)
            .OrderBy(i => i.WaitlistPosition).ThenBy(i => i.InvitationId, StringComparer.Ordinal)
            .Select((invitation, index) => (invitation.InvitationId, Place: index + 1))
            .ToDictionary(p => p.InvitationId, p => p.Place, StringComparer.Ordinal);

    /// <summary>The invitation's place, or null when it is not waiting.</summary>
    public static int? PlaceOf(InvitationEntity invitation, IEnumerable<InvitationEntity> invitations) =>
        invitation.Response == InvitationEntity.Waitlisted && Places(invitations).TryGetValue(invitation.InvitationId, out var place) ? place : null;
}
