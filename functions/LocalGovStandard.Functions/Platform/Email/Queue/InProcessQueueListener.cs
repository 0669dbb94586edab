using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>
/// Standalone stand-in for the Functions host's queue trigger on the email outbox, as the timer scheduler is for
/// timers: it takes messages with a visibility timeout, hands each to <see cref="OutboxDelivery"/>, deletes it when
/// delivered, makes it visible again after <see cref="EmailQueueOptions.RetryDelay"/> when not, and once a message has
/// failed <see cref="EmailQueueOptions.MaxDequeueCount"/> times moves it to the poison queue, as the host does.
/// Off under the Functions host.
/// </summary>
public sealed partial class InProcessQueueListener(
    QueueServiceClient queues,
    OutboxDelivery delivery,
    IOptions<EmailQueueOptions> options,
    ILogger<InProcessQueueListener> logger) : BackgroundService
{
    private const int BatchSize = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInProcess)
        {
            return;
        }

        var queue = queues.GetQueueClient(EmailQueueOptions.QueueName);
        var poison = queues.GetQueueClient(EmailQueueOptions.PoisonQueueName);
        var created = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!created)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    created = true;
                }

                QueueMessage[] messages = await queue.ReceiveMessagesAsync(BatchSize, options.Value.VisibilityTimeout, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                    continue;
                }

                await Task.WhenAll(messages.Select(message => HandleAsync(queue, poison, message, stoppingToken)));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Storage went away mid-batch, or one message's cleanup failed: its message reappears after the visibility timeout.
                LogQueueUnavailable(exception);
                await DelayQuietlyAsync(options.Value.RetryDelay, stoppingToken);
            }
        }
    }

    private async Task HandleAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        var max = options.Value.MaxDequeueCount;
        if (message.DequeueCount > max)
        {
            await MoveToPoisonAsync(queue, poison, message, stoppingToken);
            return;
        }

        try
        {
            await delivery.DeliverAsync(message.MessageText, message.DequeueCount, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogFailed(exception, message.MessageId, message.DequeueCount, max);
            if (message.DequeueCount >= max)
            {
                await MoveToPoisonAsync(queue, poison, message, stoppingToken);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: options.Value.RetryDelay, cancellationToken: stoppingToken);
            }

            return;
        }

        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
    }

    /// <summary>As the host: the message's text goes to <c>{queue}-poison</c> as a new message, then leaves the queue.</summary>
    private async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        await poison.SendMessageAsync(message.MessageText, stoppingToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, stoppingToken);
        LogPoisoned(message.MessageId, message.DequeueCount);
    }

    private static async Task DelayQuietlyAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(LogLevel.Warning, "Queued email {QueueMessageId} failed on try {DequeueCount} of {MaxDequeueCount}")]
    private partial void LogFailed(Exception exception, string queueMessageId, long dequeueCount, int maxDequeueCount);

    [LoggerMessage(LogLevel.Error, "Queued email {QueueMessageId} moved to the poison queue after {DequeueCount} tries")]
    private partial void LogPoisoned(string queueMessageId, long dequeueCount);

    [LoggerMessage(LogLevel.Warning, "The email queue did not answer; trying again")]
    private partial void LogQueueUnavailable(Exception exception);
}
