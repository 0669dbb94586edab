using LocalGovStandard.Platform.Email;

namespace LocalGovStandard.Events;

public sealed record NoticeRun(int Sent, int AlreadySent, int InProgress, int Failed);

/// <summary>
/// Tells everyone with a place that their event moved or was cancelled: one message each through the mail ledger, in a
/// stream of its own (<c>summit|{id}|cancelled</c>, or <c>summit|{id}|moved|{sequence}</c> for each move), so repeating the
/// send after a crash sends only what was not yet sent, and a claim left by the crash is sent again once it times out
/// (ADR 0008). These are about the person's own place, so they go to unsubscribed addresses too, like RSVP answers.
/// </summary>
public sealed class AttendeeNotices(EventStore store, EventLinks links, MailLedger ledger, TimeProvider clock)
{
    public async Task<NoticeRun> SendAsync(EventEntity e, EventEmails.NoticeKind kind, CancellationToken cancellationToken)
    {
        var partition = kind == EventEmails.NoticeKind.Cancelled ? EventKeys.CancellationLedger(e.SummitId) : EventKeys.MoveLedger(e.SummitId, e.Sequence);
        var attendees = (await store.InvitationsAsync(e.SummitId, cancellationToken))
            .Where(i => i.Response == InvitationEntity.Accepted)
            .OrderBy(i => i.RowKey, StringComparer.Ordinal);
        var outcomes = new List<MailLedgerOutcome>();
        foreach (var attendee in attendees)
        {
            var message = EventEmails.Notice(kind, e, attendee, links.Rsvp(e, attendee), links.Unsubscribe(e, attendee), clock.GetUtcNow());
            outcomes.Add((await ledger.SendOnceAsync(partition, message, cancellationToken)).Outcome);
        }

        return new NoticeRun(
            outcomes.Count(o => o == MailLedgerOutcome.Sent), outcomes.Count(o => o == MailLedgerOutcome.AlreadySent),
            outcomes.Count(o => o == MailLedgerOutcome.InProgress), outcomes.Count(o => o == MailLedgerOutcome.Failed));
    }
}
