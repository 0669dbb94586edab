using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;

namespace LocalGovStandard.Events;

public sealed record SendRun(int Sent, int AlreadySent, int InProgress, int Failed, int Unsubscribed);

/// <summary>Who a send would email now (in the order it sends), and who it would pass over.</summary>
public sealed record SendPreview(IReadOnlyList<InvitationEntity> Recipients, int AlreadySent, int Unsubscribed);

public sealed record InvitationCounts(int Invited, int Queued, int Sent, int Failed, int Accepted, int Declined, int Waitlisted, int NoAnswer, int Unsubscribed);

public sealed record InvitationRow(
    string InvitationId, string CouncilCode, string CouncilName, string ContactName, string ContactEmail, string Reason,
    string Delivery, string? DeliveryError, int Attempts, DateTimeOffset? SentAt,
    string Response, DateTimeOffset? RespondedAt, int? WaitlistPosition);

public sealed record InvitationStatus(string SummitId, InvitationCounts Counts, IReadOnlyList<InvitationRow> Invitations);

/// <summary>A send of invitations, and the summit's invitation counts just after it.</summary>
public sealed record InvitationsSent(SendRun Run, InvitationCounts Counts);

/// <summary>
/// Sends invitations and reminders through the mail ledger: one mail stream per summit for invitations and per
/// (summit, round) for reminders, each holding a row per provider request that lists its recipients, so a repeat never
/// sends twice and a resume sends whoever is not yet confirmed sent. See ADRs 0008 and 0026.
/// </summary>
public sealed class EventSender(EventStore store, SuppressionList suppressions, EventLinks links, MailLedger ledger, AuditLog audit, TimeProvider clock)
{
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Unsubscribed = "unsubscribed";

    /// <summary>A registrant (ADR 0024): asked for their place themselves, so is never sent an invitation or a reminder.</summary>
    public const string Registered = "registered";

    /// <summary>
    /// Records the invitees (if given) and sends to everyone recorded whose invitation is not yet confirmed sent. The two
    /// overlap: each provider request goes out once its recipients' rows are stored, while later rows are still being
    /// written (<see cref="InvitationRecording"/>), so an email never names an invitation a resumed send could not find.
    /// The counts afterwards come from what this send read and wrote, not from reading every row again.
    /// </summary>
    public async Task<InvitationsSent> SendInvitationsAsync(EventEntity summit, IReadOnlyList<Invitee>? invitees, string actor, CancellationToken cancellationToken)
    {
        var partition = EventKeys.InvitationLedger(summit.SummitId);
        var reading = (Invitations: store.InvitationsAsync(summit.SummitId, cancellationToken), Sent: ledger.StreamAsync(partition, cancellationToken),
            Suppressed: suppressions.AllAsync(cancellationToken));
        await Task.WhenAll(reading.Invitations, reading.Sent, reading.Suppressed);
        var (sent, suppressed) = (await reading.Sent, await reading.Suppressed);
        var recording = store.StartRecording(await reading.Invitations, invitees is null ? [] : Invitations(summit, invitees), cancellationToken);
        SendRun run;
        try
        {
            run = await SendAsync(partition, recording.All, recording.RecordedAsync, recipients => EventEmails.Invitation(summit, recipients),
                summit, sent, suppressed, cancellationToken);
        }
        catch
        {
            // No write outlives the request; the send's own fault is the one to report.
            await recording.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        // Invitations nobody is emailed (unsubscribed, registered) were not waited for by the send.
        await recording.Completion;
        await audit.WriteAsync(actor, "summit.invitations.sent", summit.SummitId, $"sent {run.Sent}, already sent {run.AlreadySent}, failed {run.Failed}", CancellationToken.None);
        var invitations = recording.Raced ? await store.InvitationsAsync(summit.SummitId, cancellationToken) : recording.All;
        return new InvitationsSent(run, Status(summit, invitations, sent.Recipients, suppressed).Counts);
    }

    /// <summary>
    /// Whom <see cref="SendInvitationsAsync"/> would email with these invitees, without recording or sending anything:
    /// those already recorded and not yet sent, and the new ones the store would add (a person already invited is not added twice).
    /// </summary>
    public async Task<SendPreview> PreviewInvitationsAsync(EventEntity summit, IReadOnlyList<Invitee> invitees, CancellationToken cancellationToken)
    {
        var recorded = await store.InvitationsAsync(summit.SummitId, cancellationToken);
        var rowKeys = recorded.Select(i => i.RowKey).ToHashSet(StringComparer.Ordinal);
        var people = recorded.Select(i => i.ContactKey).ToHashSet(StringComparer.Ordinal);
        var added = Invitations(summit, invitees).Where(i => !rowKeys.Contains(i.RowKey) && !people.Contains(i.ContactKey)).DistinctBy(i => i.ContactKey);
        return await PendingAsync(EventKeys.InvitationLedger(summit.SummitId), [.. recorded, .. added], cancellationToken);
    }

    /// <summary>Whom <see cref="SendRemindersAsync"/> would email in this round, without sending anything.</summary>
    public async Task<SendPreview> PreviewRemindersAsync(EventEntity summit, int round, CancellationToken cancellationToken) =>
        await PendingAsync(EventKeys.ReminderLedger(summit.SummitId, round), await UnansweredAsync(summit, cancellationToken), cancellationToken);

    private List<InvitationEntity> Invitations(EventEntity summit, IReadOnlyList<Invitee> invitees)
    {
        var now = clock.GetUtcNow();
        return invitees.Select(i => new InvitationEntity
        {
            PartitionKey = summit.SummitId, RowKey = EventKeys.InvitationRowKey(i.InvitationId), InvitationId = i.InvitationId,
            Region = i.Region, ContactRowKey = i.ContactRowKey, ContactKey = i.ContactKey, GssCode = i.GssCode, CouncilName = i.CouncilName,
            ContactName = i.ContactName, ContactEmail = i.ContactEmail, Reason = i.Reason, InvitedAt = now,
        }).ToList();
    }

    public const int MaxReminderRounds = 20;

    /// <summary>Why a reminder round cannot be sent, or null when it can.</summary>
    public static string? ReminderProblem(EventEntity summit, int? round, DateTimeOffset now) =>
        round is not (>= 1 and <= MaxReminderRounds) ? $"round must be a whole number from 1 to {MaxReminderRounds}: each round is sent once"
        : now > summit.RsvpBy ? "RSVPs for this summit are closed, so there is nothing to remind people about."
        : null;

    /// <summary>The first reminder round not yet sent to anyone (each round is its own mail stream in the ledger); null once all are used.</summary>
    public async Task<int?> NextReminderRoundAsync(EventEntity summit, CancellationToken cancellationToken)
    {
        for (var round = 1; round <= MaxReminderRounds; round++)
        {
            if (!await ledger.AnyInAsync(EventKeys.ReminderLedger(summit.SummitId, round), cancellationToken))
            {
                return round;
            }
        }

        return null;
    }

    /// <summary>A reminder round goes to invitees whose invitation was sent and who have not answered; each round once.</summary>
    public async Task<SendRun> SendRemindersAsync(EventEntity summit, int round, string actor, CancellationToken cancellationToken)
    {
        var unanswered = await UnansweredAsync(summit, cancellationToken);
        var partition = EventKeys.ReminderLedger(summit.SummitId, round);
        var run = await SendAsync(partition, unanswered, AlreadyStored, recipients => EventEmails.Reminder(summit, recipients), summit,
            await ledger.StreamAsync(partition, cancellationToken), await suppressions.AllAsync(cancellationToken), cancellationToken);
        await audit.WriteAsync(actor, "summit.reminders.sent", summit.SummitId, $"round {round}: sent {run.Sent}, already sent {run.AlreadySent}, failed {run.Failed}", CancellationToken.None);
        return run;
    }

    private async Task<List<InvitationEntity>> UnansweredAsync(EventEntity summit, CancellationToken cancellationToken)
    {
        var invitations = await store.InvitationsAsync(summit.SummitId, cancellationToken);
        var sent = (await ledger.StreamAsync(EventKeys.InvitationLedger(summit.SummitId), cancellationToken)).Recipients;
        return invitations
            .Where(i => i.Response == InvitationEntity.NoAnswer && sent.GetValueOrDefault(i.InvitationId)?.Status == MailLedgerEntry.Sent)
            .ToList();
    }

    /// <summary>Of these invitations, those this mail stream has not yet sent to and who have not unsubscribed: what a send emails, and what a preview counts.</summary>
    private async Task<SendPreview> PendingAsync(string ledgerPartition, IReadOnlyList<InvitationEntity> invitations, CancellationToken cancellationToken) =>
        Pending(invitations, (await ledger.StreamAsync(ledgerPartition, cancellationToken)).Recipients, await suppressions.AllAsync(cancellationToken));

    private static SendPreview Pending(
        IReadOnlyList<InvitationEntity> invitations, IReadOnlyDictionary<string, MailLedgerEntry> already, IReadOnlySet<string> suppressed)
    {
        var unsubscribed = 0;
        var alreadySent = 0;
        var recipients = new List<InvitationEntity>();
        foreach (var invitation in invitations.Where(i => i.RegisteredAt is null).OrderBy(i => i.RowKey, StringComparer.Ordinal))
        {
            if (already.GetValueOrDefault(invitation.InvitationId)?.Status == MailLedgerEntry.Sent)
            {
                alreadySent++;
            }
            else if (suppressed.Contains(invitation.ContactKey))
            {
                unsubscribed++;
            }
            else
            {
                recipients.Add(invitation);
            }
        }

        return new SendPreview(recipients, alreadySent, unsubscribed);
    }

    /// <summary>For sends to invitations read from storage, which are stored already.</summary>
    private static Task AlreadyStored(InvitationEntity invitation) => Task.CompletedTask;

    /// <summary>
    /// Sends to the pending invitations; each one's personalisation is made just before its provider request.
    /// <paramref name="sent"/> is the stream's ledger as read before; afterwards it holds what this send wrote.
    /// </summary>
    /// <param name="stored">Completes once an invitation's row is stored: each recipient waits for it before joining a request.</param>
    private async Task<SendRun> SendAsync(
        string ledgerPartition, IReadOnlyList<InvitationEntity> invitations, Func<InvitationEntity, Task> stored, Func<IReadOnlyList<BatchRecipient>, EmailBatch> build,
        EventEntity summit, MailStreamView sent, IReadOnlySet<string> suppressed, CancellationToken cancellationToken)
    {
        var (pending, alreadySent, unsubscribed) = Pending(invitations, sent.Recipients, suppressed);
        if (pending.Count == 0)
        {
            return new SendRun(0, alreadySent, 0, 0, unsubscribed);
        }

        async IAsyncEnumerable<BatchRecipient> Recipients()
        {
            foreach (var invitation in pending)
            {
                await stored(invitation);
                var unsubscribe = links.Unsubscribe(summit, invitation);
                yield return new BatchRecipient(
                    invitation.InvitationId,
                    new EmailAddress(invitation.ContactEmail, invitation.ContactName),
                    EventEmails.Values(summit, invitation, links.Rsvp(summit, invitation), unsubscribe, links.Material(summit)),
                    EventLinks.UnsubscribeHeaders(unsubscribe));
            }
        }

        var results = await ledger.SendBatchesOnceAsync(ledgerPartition, Recipients(), build, sent, cancellationToken);
        return new SendRun(
            results.Values.Count(r => r.Outcome == MailLedgerOutcome.Sent),
            alreadySent + results.Values.Count(r => r.Outcome == MailLedgerOutcome.AlreadySent),
            results.Values.Count(r => r.Outcome == MailLedgerOutcome.InProgress),
            results.Values.Count(r => r.Outcome == MailLedgerOutcome.Failed),
            unsubscribed);
    }

    public async Task<InvitationStatus> StatusAsync(EventEntity summit, CancellationToken cancellationToken) =>
        Status(
            summit,
            await store.InvitationsAsync(summit.SummitId, cancellationToken),
            (await ledger.StreamAsync(EventKeys.InvitationLedger(summit.SummitId), cancellationToken)).Recipients,
            await suppressions.AllAsync(cancellationToken));

    private static InvitationStatus Status(
        EventEntity summit, IReadOnlyList<InvitationEntity> invitations, IReadOnlyDictionary<string, MailLedgerEntry> sent, IReadOnlySet<string> suppressed)
    {
        var places = WaitingList.Places(invitations);
        var rows = invitations
            .Select(i =>
            {
                var entry = sent.GetValueOrDefault(i.InvitationId);
                var delivery = entry?.Status switch
                {
                    MailLedgerEntry.Sent => MailLedgerEntry.Sent,
                    MailLedgerEntry.Failed => MailLedgerEntry.Failed,
                    MailLedgerEntry.Claimed => Sending,
                    _ when i.RegisteredAt is not null => Registered,
                    _ when suppressed.Contains(i.ContactKey) => Unsubscribed,
                    _ => Queued,
                };
                return new InvitationRow(i.InvitationId, i.GssCode, i.CouncilName, i.ContactName, i.ContactEmail, i.Reason,
                    delivery, entry?.Status == MailLedgerEntry.Failed ? entry.Error : null, entry?.Attempts ?? 0, entry?.SentAt,
                    i.Response, i.RespondedAt, places.TryGetValue(i.InvitationId, out var place) ? place : null);
            })
            .OrderBy(r => r.CouncilName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.ContactName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var counts = new InvitationCounts(
            rows.Count,
            rows.Count(r => r.Delivery == Queued || r.Delivery == Sending),
            rows.Count(r => r.Delivery == MailLedgerEntry.Sent),
            rows.Count(r => r.Delivery == MailLedgerEntry.Failed),
            rows.Count(r => r.Response == InvitationEntity.Accepted),
            rows.Count(r => r.Response == InvitationEntity.Declined),
            rows.Count(r => r.Response == InvitationEntity.Waitlisted),
            rows.Count(r => r.Delivery == MailLedgerEntry.Sent && r.Response == InvitationEntity.NoAnswer),
            rows.Count(r => r.Delivery == Unsubscribed));
        return new InvitationStatus(summit.SummitId, counts, rows);
    }
}
