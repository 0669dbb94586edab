using System.Security.Cryptography;
using System.Text;
using LocalGovStandard.Platform.Audit;

namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>
/// Writes the audit entry a queued email carries (<see cref="OpenedEmail.Audit"/>), dated when the email was queued,
/// exactly once: the delivery writes it before its first try, and erasure before it deletes the message, so taking a
/// message off the queue never loses the record of the change that queued it. The entry's actor is the email's
/// recipient ("contact:{reference}"); once the recipient is erased it reads "contact:erased", as erasure leaves the
/// entries already in the log (<see cref="AuditPersonalData"/>).
/// </summary>
public sealed class QueuedAudit(AuditLog audit)
{
    /// <summary>As the change was made: by the recipient, named by their reference.</summary>
    public Task WriteAsync(OutboxMessage outbox, OpenedEmail email, CancellationToken cancellationToken) =>
        email.Audit is { } record ? audit.WriteOnceAsync(record, outbox.QueuedAt, KeyOf(outbox), cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// With the recipient no longer named, in place of the entry if <see cref="WriteAsync"/> wrote it: an erasure that
    /// scrubbed the log just before that write would otherwise have missed it.
    /// </summary>
    public Task WriteErasedAsync(OutboxMessage outbox, OpenedEmail email, CancellationToken cancellationToken) =>
        email.Audit is { } record
            ? audit.WriteOnceAsync(record with { Actor = $"{record.Actor.Split(':')[0]}:{AuditPersonalData.Replacement}" }, outbox.QueuedAt, KeyOf(outbox), cancellationToken, replace: true)
            : Task.CompletedTask;

    /// <summary>The same for every delivery of one queued email, and safe in a row key.</summary>
    private static string KeyOf(OutboxMessage outbox) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{outbox.LedgerPartition}\n{outbox.MessageId}\n{outbox.QueuedAt:O}")))[..32];
}
