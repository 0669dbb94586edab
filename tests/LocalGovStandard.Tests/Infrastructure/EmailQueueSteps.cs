using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;
using Microsoft.AspNetCore.DataProtection;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>The email outbox queue as a test sees it, in the fixture's Azurite.</summary>
public static class EmailQueueSteps
{
    public static QueueClient Queue(ServiceFixture fixture) => Client(fixture, EmailQueueOptions.QueueName);

    public static QueueClient Poison(ServiceFixture fixture) => Client(fixture, EmailQueueOptions.PoisonQueueName);

    /// <summary>True once the queue holds nothing (messages being delivered still count, until they are deleted).</summary>
    /// <remarks>A queue that does not answer counts as empty: with storage down, nothing is delivered to wait for.</remarks>
    public static async Task<bool> IsEmptyAsync(QueueClient queue)
    {
        try
        {
            return await CountAsync(queue) == 0;
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            return true;
        }
    }

    public static Task DrainedAsync(ServiceFixture fixture)
    {
        var queue = Queue(fixture);
        return Eventually.TrueAsync(() => IsEmptyAsync(queue), "the email queue to be empty");
    }

    /// <summary>
    /// Under the Functions host (no in-process listener) the test plays the host's queue trigger: each visible message
    /// is posted to the function's route with the host's payload, and deleted when the handler answers 200.
    /// </summary>
    public static async Task DeliverAsTheHostAsync(ServiceFixture fixture)
    {
        var queue = Queue(fixture);
        if (!await queue.ExistsAsync())
        {
            return;
        }

        using var client = fixture.CreateClient();
        while (true)
        {
            QueueMessage[] messages = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1));
            if (messages.Length == 0)
            {
                return;
            }

            foreach (var message in messages)
            {
                using var response = await client.PostAsync("/" + EmailQueueRegistration.FunctionName, HostContent(message));
                if (response.IsSuccessStatusCode)
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }
        }
    }

    /// <summary>
    /// Puts an email straight into the poison queue, as the host would after its last try: the provider refused it once
    /// (so its ledger row says failed, with the provider's answer), then its sealed message went to the poison queue.
    /// </summary>
    /// <returns>The poison queue's message id.</returns>
    public static async Task<string> PoisonAsync(ServiceFixture fixture, string address, string kind = "approval")
    {
        var message = new EmailMessage($"poisoned-{Guid.NewGuid():N}", kind, new EmailAddress(address, "Pat Poisoned"), "Please approve Pat", "Text", "<p>Html</p>");
        fixture.SendGrid.Enqueue(new CannedResponse(400));
        var tried = await fixture.Service<MailLedger>().SendOnceAsync(PoisonedLedgerPartition, message, CancellationToken.None);
        Assert.Equal(MailLedgerOutcome.Failed, tried.Outcome);
        var text = OutboxMessage.Seal(fixture.Service<IDataProtectionProvider>(), PoisonedLedgerPartition, message, fixture.Clock.GetUtcNow(), null).ToJson();
        var poison = Poison(fixture);
        await poison.CreateIfNotExistsAsync();
        return (await poison.SendMessageAsync(text)).Value.MessageId;
    }

    public const string PoisonedLedgerPartition = "test-poisoned";

    /// <summary>A contact's sign-up reference, read from storage (the email that gives it may not have gone out yet).</summary>
    public static async Task<string> ReferenceOfAsync(ServiceFixture fixture, string address)
    {
        var councils = await fixture.Service<SignupQueries>().ForRegionsAsync(Regions.All.ToList(), CancellationToken.None);
        return councils.SelectMany(c => c.Contacts).Single(c => c.ContactEmail == address).Reference;
    }

    public static async Task<int> CountAsync(QueueClient queue) =>
        await queue.ExistsAsync() ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0;

    /// <summary>
    /// The host's queue-trigger invocation for one message, as the Functions host posts it to a custom handler:
    /// the message under its binding name in <c>Data</c>, the message's properties in <c>Metadata</c>.
    /// </summary>
    public static string HostPayload(QueueMessage message, long? dequeueCount = null)
    {
        var metadata = new Dictionary<string, object?>
        {
            ["DequeueCount"] = dequeueCount ?? message.DequeueCount,
            ["ExpirationTime"] = message.ExpiresOn,
            ["Id"] = message.MessageId,
            ["InsertionTime"] = message.InsertedOn,
            ["NextVisibleTime"] = message.NextVisibleOn,
            ["PopReceipt"] = message.PopReceipt,
            ["sys"] = new Dictionary<string, object?> { ["MethodName"] = EmailQueueRegistration.FunctionName, ["UtcNow"] = message.InsertedOn, ["RandGuid"] = Guid.NewGuid() },
        };
        var payload = new Dictionary<string, object?>
        {
            ["Data"] = new Dictionary<string, object?> { ["message"] = message.MessageText },
            ["Metadata"] = metadata,
        };
        return System.Text.Json.JsonSerializer.Serialize(payload);
    }

    public static StringContent HostContent(QueueMessage message, long? dequeueCount = null) =>
        new(HostPayload(message, dequeueCount), Encoding.UTF8, "application/json");

    private static QueueClient Client(ServiceFixture fixture, string name) =>
        new(fixture.Storage.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
}
