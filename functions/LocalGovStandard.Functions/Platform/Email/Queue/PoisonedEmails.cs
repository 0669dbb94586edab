using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LocalGovStandard.Platform.Audit;

namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>A poisoned email as an organiser sees it: no address, no content, only what says what it was and why it failed.</summary>
/// <param name="Tries">How often it was handed to the email provider, from its mail-ledger row; null when it never got that far (it could not be opened, say).</param>
/// <param name="LastError">What the provider last answered, from the same row, when it refused.</param>
public sealed record PoisonedEmail(
    string QueueMessageId, string Kind, string RecipientDomain, DateTimeOffset? FirstQueuedAt, DateTimeOffset? PoisonedAt, int? Tries, string? LastError);

public sealed record PoisonedEmailsView(int ApproximateCount, IReadOnlyList<PoisonedEmail> Messages);

/// <summary>The email outbox's poison queue (<c>email-outbox-poison</c>): what failed every try, to look at and send again.</summary>
public sealed class PoisonedEmails(QueueServiceClient queues, MailLedger ledger, AuditLog audit)
{
    /// <summary>The most one page shows, and one requeue pass moves (the queue service's per-call maximum).</summary>
    public const int PageSize = 32;

    private readonly QueueClient _poison = queues.GetQueueClient(EmailQueueOptions.PoisonQueueName);
    private readonly QueueClient _queue = queues.GetQueueClient(EmailQueueOptions.QueueName);

    /// <summary>How many emails are in the poison queue, as the queue service counts them (one storage request).</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await _poison.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return 0;
        }
    }

    public async Task<PoisonedEmailsView> ViewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var properties = await _poison.GetPropertiesAsync(cancellationToken);
            PeekedMessage[] peeked = await _poison.PeekMessagesAsync(PageSize, cancellationToken);
            var messages = new List<PoisonedEmail>(peeked.Length);
            foreach (var message in peeked)
            {
                messages.Add(await DescribeAsync(message, cancellationToken));
            }

            return new PoisonedEmailsView(properties.Value.ApproximateMessagesCount, messages);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return new PoisonedEmailsView(0, []);
        }
    }

    /// <summary>
    /// Moves one message (or, with no id, every message) back to the outbox queue for another round of tries, and says so in
    /// the audit log. The mail ledger still sends each email once, so requeueing one that did go out sends nothing.
    /// </summary>
    /// <returns>How many messages went back: 0 when the one asked for is no longer in the poison queue.</returns>
    public async Task<int> RequeueAsync(string? queueMessageId, string actor, CancellationToken cancellationToken)
    {
        var moved = await MoveBackAsync(queueMessageId, cancellationToken);
        if (moved > 0)
        {
            await audit.WriteAsync(actor, "email.requeued", queueMessageId ?? "all poisoned email",
                $"{moved} poisoned {(moved == 1 ? "email" : "emails")} back in the outbox queue", cancellationToken);
        }

        return moved;
    }

    private async Task<int> MoveBackAsync(string? queueMessageId, CancellationToken cancellationToken)
    {
        var moved = 0;
        try
        {
            while (true)
            {
                QueueMessage[] taken = await _poison.ReceiveMessagesAsync(PageSize, TimeSpan.FromSeconds(30), cancellationToken);
                if (taken.Length == 0)
                {
                    return moved;
                }

                foreach (var message in taken)
                {
                    if (queueMessageId is null || message.MessageId == queueMessageId)
                    {
                        await _queue.SendMessageAsync(message.MessageText, cancellationToken);
                        await _poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                        moved++;
                    }
                    else
                    {
                        await _poison.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
                    }
                }

                if (queueMessageId is not null)
                {
                    return moved;
                }
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return moved;
        }
    }

    private async Task<PoisonedEmail> DescribeAsync(PeekedMessage message, CancellationToken cancellationToken)
    {
        var outbox = OutboxMessage.TryParse(message.MessageText);
        var row = outbox is null ? null : await ledger.FindAsync(outbox.LedgerPartition, outbox.MessageId, cancellationToken);
        return new PoisonedEmail(message.MessageId, outbox?.Kind ?? "unreadable", outbox?.RecipientDomain ?? "", outbox?.QueuedAt, message.InsertedOn,
            row?.Attempts, row?.Error);
    }
}
