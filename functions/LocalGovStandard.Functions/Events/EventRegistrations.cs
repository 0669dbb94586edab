using Azure;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Validation;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Events;

public enum ConfirmStatus
{
    Confirmed,
    AlreadyUsed,
    Invalid,
    Expired,
    Closed,
    Unsubscribed,
}

/// <summary>What pressing the emailed link's button came to; <see cref="Outcome"/> is the place, when <see cref="Status"/> is Confirmed.</summary>
public sealed record ConfirmResult(ConfirmStatus Status, EventEntity? Meetup = null, InvitationEntity? Invitation = null, RsvpOutcome? Outcome = null, int? WaitingPlace = null);

/// <summary>
/// Open registration for meet-ups (ADR 0024). A lead or an organiser opens or closes a meet-up; anyone with a permitted address
/// in the group's area registers on its public page; the emailed link proves the address, and only then does the person get an
/// invitation row, answered "attending" through <see cref="RsvpService"/>: the same capacity, waitlist, confirmation and .ics as an invitee.
/// </summary>
public sealed class EventRegistrations(
    EventStore store, RegistrationRules rules, RsvpService rsvp, SuppressionList suppressions, EventLinks links, EmailOutbox outbox, AuditLog audit,
    IOptionsMonitor<ServiceOptions> options, TimeProvider clock)
{
    private const int MaxAttempts = 10;

    /// <summary>Whether the meet-up takes registrations now: open, not cancelled, not yet started.</summary>
    public static bool TakesRegistrations(EventEntity meetup, DateTimeOffset now) =>
        meetup.OpenForRegistration && meetup.CancelledAt is null && now < meetup.RsvpBy;

    /// <summary>Opens or closes the meet-up to registration. A cancelled or past meet-up cannot be opened.</summary>
    public async Task<(EventEntity? Meetup, FieldErrors Errors)> SetOpenAsync(EventEntity meetup, bool open, string actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (open && meetup.CancelledAt is not null)
        {
            errors.Add("open", "This meet-up is cancelled, so it cannot be opened to registration");
        }
        else if (open && clock.GetUtcNow() >= meetup.RsvpBy)
        {
            errors.Add("open", "This meet-up has started, so it cannot be opened to registration");
        }

        if (!errors.IsValid)
        {
            return (null, errors);
        }

        var current = meetup;
        for (var attempt = 0; attempt < MaxAttempts && current.OpenForRegistration != open; attempt++)
        {
            current.OpenForRegistration = open;
            if (await store.SaveDefinitionAsync(current, cancellationToken))
            {
                await audit.WriteAsync(actor, open ? "meetup.registration.opened" : "meetup.registration.closed", current.SummitId, cancellationToken: CancellationToken.None);
                break;
            }

            current = await store.FindAsync(meetup.SummitId, cancellationToken) ?? throw new InvalidOperationException("The meet-up is gone.");
        }

        return (current, errors);
    }

    /// <summary>
    /// Records the registration (the first one per address stays) and queues the link, which the mail ledger sends once per
    /// address per event. The caller answers every valid registration alike: new, repeated, or from an unsubscribed address
    /// (which is sent nothing). Errors name the field; a refused address is refused whoever it belongs to.
    /// </summary>
    public async Task<FieldErrors> RegisterAsync(PeerGroup group, EventEntity meetup, RegistrationRequest request, CancellationToken cancellationToken)
    {
        var (valid, errors) = await rules.ValidateAsync(group, request, cancellationToken);
        if (valid is null)
        {
            return errors;
        }

        if (await suppressions.FindAsync(valid.ContactKey, cancellationToken) is not null)
        {
            await audit.WriteAsync($"registrant:{valid.ContactKey}", "meetup.registration.unsubscribed", meetup.SummitId, "not sent: the address is on the suppression list", CancellationToken.None);
            return errors;
        }

        var now = clock.GetUtcNow();
        var registration = new RegistrationEntity
        {
            PartitionKey = meetup.SummitId, RowKey = EventKeys.RegistrationRowKey(valid.ContactKey), ContactKey = valid.ContactKey, Name = valid.Name,
            Email = valid.Email, Organisation = valid.Organisation, GssCode = valid.Council.GssCode, CouncilName = valid.Council.OfficialName,
            Region = valid.Council.Region.Slug, RequestedAt = now,
        };
        try
        {
            await store.Table.AddEntityAsync(registration, cancellationToken);
            await audit.WriteAsync($"registrant:{valid.ContactKey}", "meetup.registration.requested", meetup.SummitId, cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            registration = await FindAsync(meetup.SummitId, valid.ContactKey, cancellationToken) ?? registration;
        }

        // Queued again on a repeat: if the first was never queued (a crash), this one is sent; if it was, the ledger sends nothing.
        var expiresAt = LinkExpiry(meetup, registration.RequestedAt);
        if (registration.ConfirmedAt is null && now < expiresAt)
        {
            await outbox.EnqueueAsync(EventKeys.RegistrationLedger(meetup.SummitId),
                RegistrationEmail.Build(meetup, registration, links.Registration(meetup, registration, expiresAt), expiresAt), cancellationToken, QuotaKinds.EventRegistration);
        }

        return errors;
    }

    /// <summary>Reads the emailed link without changing anything (a mail scanner's GET): the meet-up it is for, or why it cannot be used.</summary>
    public async Task<ConfirmResult> OpenLinkAsync(string? token, CancellationToken cancellationToken)
    {
        var (status, meetup, registration) = await ReadLinkAsync(token, cancellationToken);
        return status is ConfirmStatus.Confirmed && registration!.ConfirmedAt is not null
            ? new ConfirmResult(ConfirmStatus.AlreadyUsed, meetup)
            : new ConfirmResult(status, meetup);
    }

    /// <summary>
    /// The button on the emailed link: once only. Gives the registrant an invitation (or finds the one they have) and answers it
    /// "attending", so capacity, the waitlist and the confirmation email are the RSVP engine's; then spends the link.
    /// </summary>
    public async Task<ConfirmResult> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var (status, meetup, registration) = await ReadLinkAsync(token, cancellationToken);
        if (status != ConfirmStatus.Confirmed)
        {
            return new ConfirmResult(status, meetup);
        }

        if (registration!.ConfirmedAt is not null)
        {
            return new ConfirmResult(ConfirmStatus.AlreadyUsed, meetup);
        }

        if (!TakesRegistrations(meetup!, clock.GetUtcNow()))
        {
            return new ConfirmResult(ConfirmStatus.Closed, meetup);
        }

        if (await suppressions.FindAsync(registration.ContactKey, cancellationToken) is not null)
        {
            return new ConfirmResult(ConfirmStatus.Unsubscribed, meetup);
        }

        var invitation = await InvitationForAsync(meetup!, registration, cancellationToken);
        var (outcome, latest, answered) = await rsvp.AnswerAsync(meetup!.SummitId, invitation.InvitationId, new RsvpAnswer(true, registration.Name, null, null), cancellationToken);
        if (outcome == RsvpOutcome.Closed)
        {
            return new ConfirmResult(ConfirmStatus.Closed, latest);
        }

        registration.ConfirmedAt = clock.GetUtcNow();
        try
        {
            await store.Table.UpdateEntityAsync(registration, registration.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            // A second press at the same moment spent it first; the place is the same one.
        }

        await audit.WriteAsync($"registrant:{registration.ContactKey}", "meetup.registration.confirmed", $"{meetup.SummitId}/{answered.InvitationId}", answered.Response, CancellationToken.None);
        return new ConfirmResult(ConfirmStatus.Confirmed, latest, answered, outcome, await store.WaitingPlaceAsync(answered, cancellationToken));
    }

    /// <summary>The link lasts the sign-up verification's lifetime, and never beyond the meet-up's start.</summary>
    private DateTimeOffset LinkExpiry(EventEntity meetup, DateTimeOffset requestedAt)
    {
        var lifetime = requestedAt + options.CurrentValue.VerificationLinkLifetime;
        return lifetime < meetup.RsvpBy ? lifetime : meetup.RsvpBy;
    }

    private async Task<(ConfirmStatus Status, EventEntity? Meetup, RegistrationEntity? Registration)> ReadLinkAsync(string? token, CancellationToken cancellationToken)
    {
        if (links.ReadRegistration(token) is not { } payload)
        {
            return (ConfirmStatus.Invalid, null, null);
        }

        if (clock.GetUtcNow() >= payload.ExpiresAt)
        {
            return (ConfirmStatus.Expired, null, null);
        }

        var meetup = await store.FindAsync(payload.EventId, cancellationToken);
        var registration = meetup is null ? null : await FindAsync(meetup.SummitId, payload.ContactKey, cancellationToken);
        return registration is null ? (ConfirmStatus.Invalid, null, null) : (ConfirmStatus.Confirmed, meetup, registration);
    }

    private async Task<RegistrationEntity?> FindAsync(string eventId, string contactKey, CancellationToken cancellationToken)
    {
        var found = await store.Table.GetEntityIfExistsAsync<RegistrationEntity>(eventId, EventKeys.RegistrationRowKey(contactKey), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The person's invitation to this meet-up: the one they were sent as a contact of any council, else a new one (insert-if-absent).</summary>
    private async Task<InvitationEntity> InvitationForAsync(EventEntity meetup, RegistrationEntity registration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var invitationId = InviteeSelector.InvitationId(registration.GssCode, registration.ContactKey);
        var added = new InvitationEntity
        {
            PartitionKey = meetup.SummitId, RowKey = EventKeys.InvitationRowKey(invitationId), InvitationId = invitationId, Region = registration.Region,
            ContactRowKey = "", ContactKey = registration.ContactKey, GssCode = registration.GssCode, CouncilName = registration.CouncilName,
            ContactName = registration.Name, ContactEmail = registration.Email, Organisation = registration.Organisation,
            Reason = $"Registered on the meet-up's public page with a verified {registration.CouncilName} address", InvitedAt = now, RegisteredAt = now,
        };
        var all = await store.AddInvitationsAsync(meetup.SummitId, [added], cancellationToken);
        return all.First(i => i.ContactKey == registration.ContactKey);
    }
}
