using System.Text;
using Azure;
using Azure.Storage.Queues;
using LocalGovStandard.Platform.Audit;
using Microsoft.AspNetCore.DataProtection;

namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>
/// Hands an email to the outbox queue, one storage request, so the request that caused it can answer at once.
/// The queue's function sends it through the <see cref="MailLedger"/>, so a message delivered twice is sent once.
/// </summary>
public sealed class EmailOutbox(QueueServiceClient queues, IDataProtectionProvider protection, TimeProvider clock)
{
    /// <summary>Azure Queue Storage's limit on one message, which applies to the base64 the app and the queue trigger use.</summary>
    public const int MaxQueuedBytes = 64 * 1024;

    private readonly QueueClient _queue = queues.GetQueueClient(EmailQueueOptions.QueueName);

    /// <summary>What the text takes in the queue: its UTF-8 bytes, in base64.</summary>
    public static long QueuedBytes(string text) => 4L * ((Encoding.UTF8.GetByteCount(text) + 2) / 3);

    /// <param name="quotaKind">A per-address quota the delivery should take (see <see cref="OutboxMessage.QuotaKind"/>).</param>
    /// <param name="audit">An audit entry the delivery should write, dated now (see <see cref="OpenedEmail.Audit"/>).</param>
    /// <exception cref="QueuedEmailTooLargeException">The sealed email would be over the queue's limit; nothing was queued.</exception>
    public async Task EnqueueAsync(string ledgerPartition, EmailMessage message, CancellationToken cancellationToken, string? quotaKind = null, AuditRecord? audit = null)
    {
        var text = OutboxMessage.Seal(protection, ledgerPartition, message, clock.GetUtcNow(), quotaKind, audit).ToJson();
        var size = QueuedBytes(text);
        if (size > MaxQueuedBytes)
        {
            throw new QueuedEmailTooLargeException(message.Category, message.MessageId, size);
        }

        try
        {
            await _queue.SendMessageAsync(text, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Bicep creates the queue in Azure; against a fresh Azurite the first message creates it.
            await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await _queue.SendMessageAsync(text, cancellationToken);
        }
    }
}
