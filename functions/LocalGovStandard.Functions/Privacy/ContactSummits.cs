using Azure.Data.Tables;
using LocalGovStandard.Summits;

namespace LocalGovStandard.Privacy;

/// <summary>A contact's summit invitations: one point read per summit (the invitation's key comes from the contact's).</summary>
public sealed class ContactSummits(SummitStore store, RsvpService rsvp)
{
    private const int MaxAttempts = 10;

    public async Task<IReadOnlyList<(SummitEntity Summit, InvitationEntity Invitation, int? WaitingPlace)>> InvitationsAsync(
        string gssCode, string contactKey, CancellationToken cancellationToken)
    {
        var invitationId = InviteeSelector.InvitationId(gssCode, contactKey);
        var found = new List<(SummitEntity, InvitationEntity, int?)>();
        foreach (var summit in await store.ListAsync(cancellationToken))
        {
            if (await store.FindInvitationAsync(summit.SummitId, invitationId, cancellationToken) is { } invitation)
            {
                found.Add((summit, invitation, await store.WaitingPlaceAsync(invitation, cancellationToken)));
            }
        }

        return found;
    }

    /// <summary>
    /// Deletes each invitation (answers, badge name and needs with it). A place they held is given up in
    /// the same transaction as the delete, then offered to the waitlist as a decline would be.
    /// </summary>
    public async Task<int> EraseAsync(string gssCode, string contactKey, CancellationToken cancellationToken)
    {
        var invitations = await InvitationsAsync(gssCode, contactKey, cancellationToken);
        foreach (var (summit, invitation, _) in invitations)
        {
            if (await DeleteAsync(summit.SummitId, invitation.InvitationId, cancellationToken))
            {
                await rsvp.PromoteFromWaitlistAsync(summit.SummitId, cancellationToken);
            }
        }

        return invitations.Count;
    }

    /// <returns>Whether a place was freed.</returns>
    private async Task<bool> DeleteAsync(string summitId, string invitationId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var invitation = await store.FindInvitationAsync(summitId, invitationId, cancellationToken);
            if (invitation is null)
            {
                return false;
            }

            var delete = new TableTransactionAction(TableTransactionActionType.Delete, invitation, invitation.ETag);
            var held = invitation.Response == InvitationEntity.Accepted;
            var actions = new List<TableTransactionAction> { delete };
            if (held && await store.FindAsync(summitId, cancellationToken) is { } state)
            {
                state.Accepted = Math.Max(0, state.Accepted - 1);
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, state, state.ETag));
            }

            try
            {
                await store.Table.SubmitTransactionAsync(actions, cancellationToken);
                return held;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 412 or 404)
            {
            }
        }

        throw new Azure.RequestFailedException(503, "The summit kept changing while the invitation was being erased.");
    }
}
