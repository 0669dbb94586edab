using Azure;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Validation;

namespace LocalGovStandard.Events;

public sealed record FollowUpRequest(string? Message);

/// <summary>What one follow-up send did, and the message every attendee gets (the first send's).</summary>
public sealed record FollowUpRun(string Message, DateTimeOffset StartedAt, int Sent, int AlreadySent, int InProgress, int Failed, int Unsubscribed);

/// <summary>
/// The follow-up after a meet-up, with the lead's message and a link to the pack it used: to everyone with a place whom the
/// saved attendance says came (someone who came without a place left no address). Each gets it exactly once, through the
/// mail ledger in a stream of its own (<c>summit|{id}|followup</c>): the first send fixes the message, and sending again after
/// a crash sends only what was not yet sent, with that message. A claim left by a crash is sent once it times out (ADR 0008).
/// Unsubscribed addresses are skipped: unlike a move or a cancellation, this is not about their place.
/// </summary>
public sealed class FollowUpSender(EventStore store, AttendanceRecorder attendance, EventLinks links, SuppressionList suppressions, MailLedger ledger, AuditLog audit, TimeProvider clock)
{
    public const int MessageMaxLength = 2000;
    public const string Category = "event-follow-up";

    public async Task<FollowUpEntity?> FindAsync(EventEntity e, CancellationToken cancellationToken) =>
        await store.Table.GetEntityIfExistsAsync<FollowUpEntity>(e.SummitId, EventKeys.FollowUpRow, cancellationToken: cancellationToken) is { HasValue: true } found
            ? found.Value
            : null;

    public async Task<(FollowUpRun? Run, FieldErrors Errors)> SendAsync(EventEntity e, string? message, string actor, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var followUp = await FindAsync(e, cancellationToken);
        if (followUp is null)
        {
            var text = errors.OptionalMultilineText("message", message, "Message", MessageMaxLength);
            if (e.AttendanceSet is null)
            {
                errors.Add("message", "Record who came before sending the follow-up");
            }
            else if (errors.IsValid && string.IsNullOrEmpty(text))
            {
                errors.Add("message", "Enter the message to send to the people who came");
            }

            if (!errors.IsValid)
            {
                return (null, errors);
            }

            followUp = await StartAsync(e, text!, actor, cancellationToken);
        }

        var came = (await attendance.AttendeesAsync(e, cancellationToken)).Where(a => !a.IsWalkIn).Select(a => a.InvitationId).ToHashSet(StringComparer.Ordinal);
        var suppressed = await suppressions.AllAsync(cancellationToken);
        var outcomes = new List<MailLedgerOutcome>();
        var unsubscribed = 0;
        foreach (var invitation in (await store.InvitationsAsync(e.SummitId, cancellationToken)).Where(i => came.Contains(i.InvitationId)).OrderBy(i => i.RowKey, StringComparer.Ordinal))
        {
            if (suppressed.Contains(invitation.ContactKey))
            {
                unsubscribed++;
                continue;
            }

            var email = EventEmails.FollowUp(e, invitation, followUp.Message, links.Material(e), links.Unsubscribe(e, invitation));
            outcomes.Add((await ledger.SendOnceAsync(EventKeys.FollowUpLedger(e.SummitId), email, cancellationToken)).Outcome);
        }

        return (new FollowUpRun(
            followUp.Message, followUp.StartedAt, outcomes.Count(o => o == MailLedgerOutcome.Sent), outcomes.Count(o => o == MailLedgerOutcome.AlreadySent),
            outcomes.Count(o => o == MailLedgerOutcome.InProgress), outcomes.Count(o => o == MailLedgerOutcome.Failed), unsubscribed), errors);
    }

    /// <summary>Stores the message (insert-if-absent, so two first sends agree on one message) and audits it.</summary>
    private async Task<FollowUpEntity> StartAsync(EventEntity e, string message, string actor, CancellationToken cancellationToken)
    {
        var followUp = new FollowUpEntity { PartitionKey = e.SummitId, Message = message, SentBy = actor, StartedAt = clock.GetUtcNow() };
        try
        {
            await store.Table.AddEntityAsync(followUp, cancellationToken);
            await audit.WriteAsync(actor, "meetup.followup", e.SummitId, cancellationToken: CancellationToken.None);
            return followUp;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return await FindAsync(e, cancellationToken) ?? throw new InvalidOperationException("The follow-up is gone.");
        }
    }
}
