using System.Security.Cryptography;
using LocalGovStandard.Platform.Privacy;
using Microsoft.AspNetCore.DataProtection;

namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>A delivery failed; the queue (the host's trigger, or the in-process listener) tries it again later.</summary>
public sealed class OutboxDeliveryException(string message, Exception? inner = null) : Exception(message, inner);

public enum OutboxDeliveryOutcome
{
    Sent,
    AlreadySent,

    /// <summary>The provider refused the message itself; the ledger records it, and trying again would not help.</summary>
    Refused,

    /// <summary>The address had its hourly share of this kind of email; nothing was sent.</summary>
    OverQuota,

    /// <summary>The recipient's personal data was erased after the email was queued; nothing was sent, and the message is dropped.</summary>
    Erased,
}

/// <summary>
/// What the outbox queue's function does with one message, under the host and standalone alike: send it once
/// through the mail ledger. A failure that a later try may mend throws, so the message is retried and, after the
/// last try, moved to the poison queue.
/// </summary>
public sealed partial class OutboxDelivery(
    MailLedger ledger, AddressQuota quota, IErasedAddresses erased, IDataProtectionProvider protection, QueuedAudit audit, ILogger<OutboxDelivery> logger)
{
    public async Task<OutboxDeliveryOutcome> DeliverAsync(string? queueMessage, long dequeueCount, CancellationToken cancellationToken)
    {
        var outbox = OutboxMessage.TryParse(queueMessage) ?? throw new OutboxDeliveryException("The queue message is not an outbox message.");
        OpenedEmail email;
        try
        {
            email = outbox.Open(protection);
        }
        catch (CryptographicException exception)
        {
            throw new OutboxDeliveryException($"Queued email {outbox.MessageId} could not be opened.", exception);
        }

        // Before anything that may end the delivery: whatever becomes of the email, the change that queued it is recorded.
        // Written before the erasure check, not after: an erasure lists the address before it scrubs the log, so an
        // entry written after its scrub is always caught here and rewritten without the person.
        await audit.WriteAsync(outbox, email, cancellationToken);
        if (await erased.ErasedSinceAsync(email.Message.To.Email, outbox.QueuedAt, cancellationToken))
        {
            await audit.WriteErasedAsync(outbox, email, cancellationToken);
            LogDelivered(outbox.MessageId, outbox.Kind, dequeueCount, OutboxDeliveryOutcome.Erased);
            return OutboxDeliveryOutcome.Erased;
        }

        // The quota counts an email once: only before its first try, which leaves no ledger row behind.
        if (outbox.QuotaKind is { } kind
            && await ledger.FindAsync(email.LedgerPartition, email.Message.MessageId, cancellationToken) is null
            && !await quota.TryTakeAsync(kind, email.Message.To.Email, cancellationToken))
        {
            LogDelivered(outbox.MessageId, outbox.Kind, dequeueCount, OutboxDeliveryOutcome.OverQuota);
            return OutboxDeliveryOutcome.OverQuota;
        }

        var result = await ledger.SendOnceAsync(email.LedgerPartition, email.Message, cancellationToken);
        var outcome = result switch
        {
            { Outcome: MailLedgerOutcome.Sent } => OutboxDeliveryOutcome.Sent,
            { Outcome: MailLedgerOutcome.AlreadySent } => OutboxDeliveryOutcome.AlreadySent,
            { IsPermanentFailure: true } => OutboxDeliveryOutcome.Refused,
            { Outcome: MailLedgerOutcome.InProgress } => throw new OutboxDeliveryException($"Email {outbox.MessageId} is being sent by another delivery."),
            _ => throw new OutboxDeliveryException($"Email {outbox.MessageId} was not accepted: {result.Error}"),
        };
        LogDelivered(outbox.MessageId, outbox.Kind, dequeueCount, outcome);
        return outcome;
    }

    [LoggerMessage(LogLevel.Information, "Queued email {MessageId} ({Kind}), try {DequeueCount}: {Outcome}")]
    private partial void LogDelivered(string messageId, string kind, long dequeueCount, OutboxDeliveryOutcome outcome);
}
