using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;

namespace LocalGovStandard.Events;

public enum RsvpLinkResult
{
    Valid,
    Invalid,
    Expired,
}

public sealed record RsvpAnswer(bool Attending, string? BadgeName, string? DietaryNeeds, string? AccessNeeds);

public enum RsvpOutcome
{
    Accepted,
    Waitlisted,
    Declined,
    Closed,
}

/// <summary>
/// RSVP answers with a race-safe capacity. Every answer that can change the seat count is one
/// entity group transaction over the summit's state row (the counter) and the invitation, both
/// guarded by their ETags; a lost race re-reads and decides again. So N concurrent accepts for
/// fewer places leave exactly the capacity accepted and the rest waitlisted, in the order they won.
/// </summary>
public sealed partial class RsvpService(
    EventStore store, EventLinks links, EmailOutbox outbox, AuditLog audit, TimeProvider clock, ILogger<RsvpService> logger)
{
    private const int MaxAttempts = 200;

    public async Task<(RsvpLinkResult Result, EventEntity? Summit, InvitationEntity? Invitation)> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        var payload = links.ReadRsvp(token);
        if (payload is null)
        {
            return (RsvpLinkResult.Invalid, null, null);
        }

        if (clock.GetUtcNow() >= payload.ExpiresAt)
        {
            return (RsvpLinkResult.Expired, null, null);
        }

        var summit = await store.FindAsync(payload.SummitId, cancellationToken);
        var invitation = summit is null ? null : await store.FindInvitationAsync(summit.SummitId, payload.InvitationId, cancellationToken);
        return invitation is null ? (RsvpLinkResult.Invalid, null, null) : (RsvpLinkResult.Valid, summit, invitation);
    }

    public async Task<(RsvpOutcome Outcome, EventEntity Summit, InvitationEntity Invitation)> AnswerAsync(
        string summitId, string invitationId, RsvpAnswer answer, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var summit = await store.FindAsync(summitId, cancellationToken) ?? throw new InvalidOperationException("The summit is gone.");
            var invitation = await store.FindInvitationAsync(summitId, invitationId, cancellationToken) ?? throw new InvalidOperationException("The invitation is gone.");
            var now = clock.GetUtcNow();
            if (now > summit.RsvpBy || summit.CancelledAt is not null)
            {
                return (RsvpOutcome.Closed, summit, invitation);
            }

            var before = invitation.Response;
            invitation.BadgeName = answer.Attending ? answer.BadgeName : null;
            invitation.DietaryNeeds = answer.Attending ? answer.DietaryNeeds : null;
            invitation.AccessNeeds = answer.Attending ? answer.AccessNeeds : null;
            invitation.RespondedAt = now;
            var seatChange = Decide(summit, invitation, answer.Attending);
            try
            {
                if (seatChange)
                {
                    await store.Table.SubmitTransactionAsync(
                    [
                        new TableTransactionAction(TableTransactionActionType.UpdateReplace, summit, summit.ETag),
                        new TableTransactionAction(TableTransactionActionType.UpdateReplace, invitation, invitation.ETag),
                    ], cancellationToken);
                }
                else
                {
                    await store.Table.UpdateEntityAsync(invitation, invitation.ETag, TableUpdateMode.Replace, cancellationToken);
                }
            }
            catch (Exception exception) when (exception is TableTransactionFailedException { Status: 412 } or RequestFailedException { Status: 412 })
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 40)), clock, cancellationToken);
                continue;
            }

            await audit.WriteAsync($"invitee:{invitationId}", "summit.rsvp", $"{summitId}/{invitationId}", $"{before} -> {invitation.Response}", CancellationToken.None);
            await AfterAnswerAsync(summit, invitation, before, cancellationToken);
            var outcome = invitation.Response switch
            {
                InvitationEntity.Accepted => RsvpOutcome.Accepted,
                InvitationEntity.Waitlisted => RsvpOutcome.Waitlisted,
                _ => RsvpOutcome.Declined,
            };
            return (outcome, summit, invitation);
        }

        throw new RequestFailedException(503, "The summit kept changing while the answer was being saved.");
    }

    /// <summary>Applies the answer to the two rows in memory; true when the summit's counters take part.</summary>
    private static bool Decide(EventEntity summit, InvitationEntity invitation, bool attending)
    {
        switch (invitation.Response, attending)
        {
            case (InvitationEntity.Accepted, true):
                return false;
            case (InvitationEntity.Accepted, false):
                summit.Accepted--;
                invitation.Response = InvitationEntity.Declined;
                return true;
            case (InvitationEntity.Waitlisted, true) when summit.Accepted >= summit.Capacity:
                return false;
            case (_, true) when summit.Accepted < summit.Capacity:
                summit.Accepted++;
                invitation.Response = InvitationEntity.Accepted;
                invitation.AcceptanceCount++;
                invitation.WaitlistPosition = 0;
                return true;
            case (_, true):
                summit.WaitlistSequence++;
                invitation.Response = InvitationEntity.Waitlisted;
                invitation.WaitlistPosition = summit.WaitlistSequence;
                return true;
            default:
                invitation.Response = InvitationEntity.Declined;
                invitation.WaitlistPosition = 0;
                return false;
        }
    }

    private async Task AfterAnswerAsync(EventEntity summit, InvitationEntity invitation, string before, CancellationToken cancellationToken)
    {
        if (invitation.Response == InvitationEntity.Accepted && before != InvitationEntity.Accepted)
        {
            await EmailAsync(EventEmails.AnswerKind.Accepted, summit, invitation);
        }
        else if (invitation.Response == InvitationEntity.Waitlisted && before != InvitationEntity.Waitlisted)
        {
            await EmailAsync(EventEmails.AnswerKind.Waitlisted, summit, invitation, await store.WaitingPlaceAsync(invitation, cancellationToken));
        }
        else if (before == InvitationEntity.Accepted && invitation.Response == InvitationEntity.Declined)
        {
            await PromoteFromWaitlistAsync(summit.SummitId, cancellationToken);
        }
    }

    /// <summary>A freed place goes to the first on the waitlist (lowest position), in the same kind of guarded transaction.</summary>
    public async Task PromoteFromWaitlistAsync(string summitId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var summit = await store.FindAsync(summitId, cancellationToken);
            if (summit is null || summit.Accepted >= summit.Capacity)
            {
                return;
            }

            var first = (await store.InvitationsAsync(summitId, cancellationToken))
                .Where(i => i.Response == InvitationEntity.Waitlisted)
                .MinBy(i => i.WaitlistPosition);
            if (first is null)
            {
                return;
            }

            summit.Accepted++;
            first.Response = InvitationEntity.Accepted;
            first.AcceptanceCount++;
            first.WaitlistPosition = 0;
            try
            {
                await store.Table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, summit, summit.ETag),
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, first, first.ETag),
                ], cancellationToken);
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 412)
            {
                continue;
            }

            LogPromoted(summitId, first.InvitationId);
            await audit.WriteAsync("system", "summit.waitlist.promoted", $"{summitId}/{first.InvitationId}", cancellationToken: CancellationToken.None);
            await EmailAsync(EventEmails.AnswerKind.PromotedFromWaitlist, summit, first);
            return;
        }
    }

    /// <summary>Answers are transactional mail about the person's own place, so they are sent even to an unsubscribed address. Queued: the answer does not wait for SendGrid.</summary>
    private Task EmailAsync(EventEmails.AnswerKind kind, EventEntity summit, InvitationEntity invitation, int? waitingPlace = null) =>
        outbox.EnqueueAsync(
            EventKeys.AnswerLedger(summit.SummitId),
            EventEmails.Answer(kind, summit, invitation, waitingPlace, links.Rsvp(summit, invitation), links.Unsubscribe(summit, invitation), clock.GetUtcNow()),
            CancellationToken.None);

    [LoggerMessage(LogLevel.Information, "Summit {SummitId}: a freed place went to {InvitationId} from the waitlist")]
    private partial void LogPromoted(string summitId, string invitationId);
}
