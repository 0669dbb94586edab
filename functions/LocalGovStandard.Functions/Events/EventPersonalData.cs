using Azure.Data.Tables;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Events;

public sealed record ExportedInvitation(
    string SummitId, string SummitName, DateTimeOffset InvitedAt, string Reason, string Response, DateTimeOffset? RespondedAt,
    int? WaitlistPosition, string? BadgeName, string? DietaryNeeds, string? AccessNeeds)
{
    public static ExportedInvitation From(EventEntity summit, InvitationEntity i, int? waitingPlace) => new(
        summit.SummitId, summit.Name, i.InvitedAt, i.Reason, i.Response, i.RespondedAt, waitingPlace, i.BadgeName, i.DietaryNeeds, i.AccessNeeds);
}

public sealed record ExportedSuppression(DateTimeOffset UnsubscribedAt, string Source);

public sealed record ExportedRegistration(
    string EventId, string EventName, string Name, string Email, string Organisation, string CouncilName, DateTimeOffset RequestedAt, DateTimeOffset? ConfirmedAt)
{
    public static ExportedRegistration From(EventEntity e, RegistrationEntity r) =>
        new(e.SummitId, e.Name, r.Name, r.Email, r.Organisation, r.CouncilName, r.RequestedAt, r.ConfirmedAt);
}
public sealed record ExportedAttendance(string EventId, string EventName, DateTimeOffset StartsAt, bool WithoutAPlace);

/// <summary>
/// A contact's summit invitations (one point read per summit: the invitation's key comes from the contact's), their
/// registrations from meet-ups' public pages (one point read per event, by the address's key) with the invitation each gave
/// them (under the council of the address they registered with), and whether they unsubscribed from summit mail. Erasure keeps the unsubscribe, which holds only the address's hash, so they are never mailed again.
/// </summary>
[HoldsPersonalData(TableNames.Summits, TableNames.Suppressions)]
public sealed class EventPersonalData(EventStore store, RsvpService rsvp, SuppressionList suppressions, AttendanceRecorder attendance) : IPersonalDataHolder
{
    private const int MaxAttempts = 10;

    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken)
    {
        var registrations = await RegistrationsAsync(subject.ContactKey, cancellationToken);
        var invitations = subject.IsContact
            ? await InvitationsAsync(subject.GssCode, subject.ContactKey, cancellationToken)
            : await RegistrantInvitationsAsync(registrations, cancellationToken);
        sections.Add("summitInvitations", invitations.Select(i => ExportedInvitation.From(i.Summit, i.Invitation, i.WaitingPlace)).ToList());
        sections.Add("eventRegistrations", registrations.Select(r => ExportedRegistration.From(r.Event, r.Registration)).ToList());
        var suppressed = await suppressions.FindAsync(subject.ContactKey, cancellationToken);
        sections.Add("summitMailSuppression", suppressed is null ? null : new ExportedSuppression(suppressed.UnsubscribedAt, suppressed.Source));
        var attended = new List<ExportedAttendance>();
        foreach (var (e, row) in await AttendanceAsync(subject, cancellationToken))
        {
            if (e.AttendanceSet is { } set && row.RowKey.StartsWith(EventKeys.AttendeeSetPrefix(set), StringComparison.Ordinal))
            {
                attended.Add(new ExportedAttendance(e.SummitId, e.Name, e.StartsAt, row.IsWalkIn));
            }
        }

        sections.Add("meetupAttendance", attended);
    }

    /// <summary>
    /// The attendee rows in every saved set (by their invitation, or, for someone recorded as coming without a place, who
    /// left no address, by the same name at the same council; the per-council counts stay: they name nobody), the
    /// invitations, and the registrations from public pages.
    /// </summary>
    public async Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken)
    {
        var rows = await AttendanceAsync(subject, cancellationToken);
        foreach (var (_, row) in rows)
        {
            await store.Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, Azure.ETag.All, cancellationToken);
        }

        erasure.Count("meetupAttendance", "Meet-up attendance records removed", rows.Count);
        var registrations = await RegistrationsAsync(subject.ContactKey, cancellationToken);
        erasure.Count("summitInvitations", "Summit invitations removed", await EraseInvitationsAsync(subject.GssCode, subject.ContactKey, cancellationToken));
        erasure.Count("eventRegistrations", "Event registrations removed", await EraseRegistrationsAsync(registrations, cancellationToken));
    }

    public async Task<IReadOnlyList<(EventEntity Event, RegistrationEntity Registration)>> RegistrationsAsync(string contactKey, CancellationToken cancellationToken)
    {
        var found = new List<(EventEntity, RegistrationEntity)>();
        foreach (var e in await store.AllAsync(cancellationToken))
        {
            var registration = await store.Table.GetEntityIfExistsAsync<RegistrationEntity>(e.SummitId, EventKeys.RegistrationRowKey(contactKey), cancellationToken: cancellationToken);
            if (registration.HasValue)
            {
                found.Add((e, registration.Value!));
            }
        }

        return found;
    }

    private async Task<List<(EventEntity Event, AttendeeEntity Row)>> AttendanceAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        // Someone known by address alone came through their registrations' invitations, and was never a walk-in by name.
        var invitationIds = subject.IsContact
            ? [InviteeSelector.InvitationId(subject.GssCode, subject.ContactKey)]
            : (await RegistrationsAsync(subject.ContactKey, cancellationToken)).Select(r => InviteeSelector.InvitationId(r.Registration.GssCode, r.Registration.ContactKey)).ToHashSet(StringComparer.Ordinal);
        var found = new List<(EventEntity, AttendeeEntity)>();
        foreach (var e in (await store.AllAsync(cancellationToken)).Where(e => e.KindOrSummit == EventKinds.Meetup))
        {
            found.AddRange((await attendance.RowsAsync(e.SummitId, EventKeys.AttendeePrefix, cancellationToken))
                .Where(r => invitationIds.Contains(r.InvitationId)
                    || (subject.IsContact && r.IsWalkIn && r.GssCode == subject.GssCode
                        && string.Equals(r.WalkInName.Trim(), subject.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
                .Select(r => (e, r)));
        }

        return found;
    }

    /// <summary>Each registration's invitation (its place given up as <see cref="EraseInvitationsAsync"/> does), then the registration.</summary>
    private async Task<int> EraseRegistrationsAsync(IReadOnlyList<(EventEntity Event, RegistrationEntity Registration)> registrations, CancellationToken cancellationToken)
    {
        foreach (var (e, registration) in registrations)
        {
            if (await DeleteAsync(e.SummitId, InviteeSelector.InvitationId(registration.GssCode, registration.ContactKey), cancellationToken))
            {
                await rsvp.PromoteFromWaitlistAsync(e.SummitId, cancellationToken);
            }

            try
            {
                await store.Table.DeleteEntityAsync(registration.PartitionKey, registration.RowKey, Azure.ETag.All, cancellationToken);
            }
            catch (Azure.RequestFailedException exception) when (exception.Status == 404)
            {
            }
        }

        return registrations.Count;
    }

    /// <summary>The invitation each confirmed registration gave someone known by address alone (under the council of the address they registered with).</summary>
    private async Task<IReadOnlyList<(EventEntity Summit, InvitationEntity Invitation, int? WaitingPlace)>> RegistrantInvitationsAsync(
        IReadOnlyList<(EventEntity Event, RegistrationEntity Registration)> registrations, CancellationToken cancellationToken)
    {
        var found = new List<(EventEntity, InvitationEntity, int?)>();
        foreach (var (e, registration) in registrations)
        {
            if (await store.FindInvitationAsync(e.SummitId, InviteeSelector.InvitationId(registration.GssCode, registration.ContactKey), cancellationToken) is { } invitation)
            {
                found.Add((e, invitation, await store.WaitingPlaceAsync(invitation, cancellationToken)));
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<(EventEntity Summit, InvitationEntity Invitation, int? WaitingPlace)>> InvitationsAsync(
        string gssCode, string contactKey, CancellationToken cancellationToken)
    {
        var invitationId = InviteeSelector.InvitationId(gssCode, contactKey);
        var found = new List<(EventEntity, InvitationEntity, int?)>();
        foreach (var summit in await store.AllAsync(cancellationToken))
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
    public async Task<int> EraseAsync(string gssCode, string contactKey, CancellationToken cancellationToken) =>
        await EraseInvitationsAsync(gssCode, contactKey, cancellationToken)
        + await EraseRegistrationsAsync(await RegistrationsAsync(contactKey, cancellationToken), cancellationToken);

    private async Task<int> EraseInvitationsAsync(string gssCode, string contactKey, CancellationToken cancellationToken)
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
