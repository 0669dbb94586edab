using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>A poisoned email as an organiser sees it: no address, no content, only what says what it was.</summary>
/// <param name="DequeueCount">How often the poison queue's copy has been taken (the tries before it came here are not kept).</param>
public sealed record PoisonedEmail(string QueueMessageId, string Kind, string RecipientDomain, DateTimeOffset? FirstQueuedAt, DateTimeOffset? PoisonedAt, long DequeueCount);

public sealed record PoisonedEmailsView(int ApproximateCount, IReadOnlyList<PoisonedEmail> Messages);

/// <summary>The email outbox's poison queue (<c>email-outbox-poison</c>): what failed every try, to look at and send again.</summary>
public sealed class PoisonedEmails(QueueServiceClient queues)
{
    /// <summary>The most one page shows, and one requeue pass moves (the queue service's per-call maximum).</summary>
    public const int PageSize = 32;

    private readonly QueueClient _poison = queues.GetQueueClient(EmailQueueOptions.PoisonQueueName);
    private readonly QueueClient _queue = queues.GetQueueClient(EmailQueueOptions.QueueName);

    public async Task<PoisonedEmailsView> ViewAsync(CancellationToken cancellationToken)
    {
        try
        {
            var properties = await _poison.GetPropertiesAsync(cancellationToken);
            PeekedMessage[] peeked = await _poison.PeekMessagesAsync(PageSize, cancellationToken);
            var messages = peeked.Select(m => Describe(m.MessageId, m.MessageText, m.InsertedOn, m.DequeueCount)).ToList();
            return new PoisonedEmailsView(properties.Value.ApproximateMessagesCount, messages);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return new PoisonedEmailsView(0, []);
        }
    }

    /// <summary>Moves one message (or, with no id, every message) back to the outbox queue for another round of tries.</summary>
    /// <returns>How many messages went back.</returns>
    public async Task<int> RequeueAsync(string? queueMessageId, CancellationToken cancellationToken)
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

    private static PoisonedEmail Describe(string id, string text, DateTimeOffset? insertedOn, long dequeueCount)
    {
        var outbox = OutboxMessage.TryParse(text);
        return new PoisonedEmail(id, outbox?.Kind ?? "unreadable", outbox?.RecipientDomain ?? "", outbox?.QueuedAt, insertedOn, dequeueCount);
    }
}
