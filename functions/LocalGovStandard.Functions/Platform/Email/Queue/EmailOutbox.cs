using Azure;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.DataProtection;

namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>
/// Hands an email to the outbox queue, one storage request, so the request that caused it can answer at once.
/// The queue's function sends it through the <see cref="MailLedger"/>, so a message delivered twice is sent once.
/// </summary>
public sealed class EmailOutbox(QueueServiceClient queues, IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly QueueClient _queue = queues.GetQueueClient(EmailQueueOptions.QueueName);

    /// <param name="quotaKind">A per-address quota the delivery should take (see <see cref="OutboxMessage.QuotaKind"/>).</param>
    public async Task EnqueueAsync(string ledgerPartition, EmailMessage message, CancellationToken cancellationToken, string? quotaKind = null)
    {
        var text = OutboxMessage.Seal(protection, ledgerPartition, message, clock.GetUtcNow(), quotaKind).ToJson();
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
