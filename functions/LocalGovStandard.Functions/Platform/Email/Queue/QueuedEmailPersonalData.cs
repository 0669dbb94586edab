using System.Security.Cryptography;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LocalGovStandard.Platform.Privacy;
using Microsoft.AspNetCore.DataProtection;

namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>An email still in a queue, as a person's export lists it.</summary>
/// <param name="Queue">"waiting" (the outbox queue) or "failed" (the poison queue).</param>
public sealed record QueuedEmail(string Queue, string Kind, string Subject, DateTimeOffset QueuedAt);

/// <summary>
/// Emails in the outbox queue and its poison queue that are to a person or give their address: the export lists them and
/// erasure deletes them. Only messages the queue shows can be swept; one being tried at that moment, or waiting out its
/// retry delay, is out of sight, so <see cref="OutboxDelivery"/> also asks <see cref="IErasedAddresses"/> before sending
/// and drops an email queued before its recipient was erased (ADR 0015).
/// </summary>
[HoldsPersonalData(EmailQueueOptions.QueueName, EmailQueueOptions.PoisonQueueName)]
public sealed class QueuedEmailPersonalData(QueueServiceClient queues, IDataProtectionProvider protection, QueuedAudit audit) : IPersonalDataHolder
{
    /// <summary>How long a swept message stays out of sight if the sweep stops before it puts it back.</summary>
    private static readonly TimeSpan SweepVisibility = TimeSpan.FromSeconds(30);

    private static readonly (string Queue, string Label)[] Queues = [(EmailQueueOptions.QueueName, "waiting"), (EmailQueueOptions.PoisonQueueName, "failed")];

    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken)
    {
        var found = new List<QueuedEmail>();
        foreach (var (queue, label) in Queues)
        {
            found.AddRange(await SweepAsync(queue, label, subject.Email, erase: false, cancellationToken));
        }

        sections.Add("queuedEmails", found);
    }

    public async Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken)
    {
        var erased = 0;
        foreach (var (queue, label) in Queues)
        {
            erased += (await SweepAsync(queue, label, subject.Email, erase: true, cancellationToken)).Count;
        }

        erasure.Count("queuedEmails", "Queued emails removed", erased);
    }

    /// <summary>
    /// Takes every message the queue shows (each taken one stays out of sight until the sweep ends, so none is seen twice),
    /// deletes or notes those to or about the person, then makes the rest visible again. Taking a message counts as a
    /// dequeue, so a sweep costs each waiting email one of its tries.
    /// </summary>
    private async Task<List<QueuedEmail>> SweepAsync(string queueName, string label, string address, bool erase, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(queueName);
        var found = new List<QueuedEmail>();
        var kept = new List<QueueMessage>();
        try
        {
            while (true)
            {
                QueueMessage[] taken = await queue.ReceiveMessagesAsync(PoisonedEmails.PageSize, SweepVisibility, cancellationToken);
                if (taken.Length == 0)
                {
                    break;
                }

                foreach (var message in taken)
                {
                    if (OpenIfAbout(message.MessageText, address) is not { } email)
                    {
                        kept.Add(message);
                        continue;
                    }

                    found.Add(new QueuedEmail(label, email.Outbox.Kind, email.Opened.Message.Subject, email.Outbox.QueuedAt));
                    if (erase)
                    {
                        // Only an email to the person carries a change made by them; one that merely mentions them keeps its actor.
                        await (IsTo(email.Opened, address)
                            ? audit.WriteErasedAsync(email.Outbox, email.Opened, cancellationToken)
                            : audit.WriteAsync(email.Outbox, email.Opened, cancellationToken));
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    }
                    else
                    {
                        kept.Add(message);
                    }
                }
            }
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return found;
        }

        foreach (var message in kept)
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
        }

        return found;
    }

    /// <summary>The message, when it is an email to this address or whose text gives it; null otherwise, or when it cannot be opened.</summary>
    private (OutboxMessage Outbox, OpenedEmail Opened)? OpenIfAbout(string text, string address)
    {
        if (OutboxMessage.TryParse(text) is not { } outbox)
        {
            return null;
        }

        try
        {
            var opened = outbox.Open(protection);
            var about = IsTo(opened, address) || opened.Message.TextBody.Contains(address, StringComparison.OrdinalIgnoreCase);
            return about ? (outbox, opened) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool IsTo(OpenedEmail email, string address) => string.Equals(email.Message.To.Email, address, StringComparison.OrdinalIgnoreCase);
}
