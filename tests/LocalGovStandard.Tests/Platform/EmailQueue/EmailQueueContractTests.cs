using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Platform.EmailQueue;

/// <summary>
/// The queue function as the Functions host drives it: the app runs as the custom handler (no in-process listener), a
/// sign-up queues its email, and the test posts the host's queue-trigger invocation for that message to the function's
/// route, with the payload shape the host uses (Data.message, Metadata.DequeueCount/Id/InsertionTime/...).
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class EmailQueueContractTests(EmailQueueContractTests.HostFixture fixture) : IClassFixture<EmailQueueContractTests.HostFixture>, IAsyncLifetime
{
    public sealed class HostFixture : RegisteredServiceFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>(FunctionsHostMode.Settings())
        {
            ["SendGrid:MaxRetries"] = "0",
        };

        protected override void ConfigureTestServices(IServiceCollection services) => FunctionsHostMode.FromLoopback(services);
    }

    private static readonly string Route = "/" + EmailQueueRegistration.FunctionName;
    private readonly HttpClient _client = fixture.CreateClient();

    public async Task InitializeAsync()
    {
        fixture.SendGrid.Reset();
        var queue = EmailQueueSteps.Queue(fixture);
        await queue.CreateIfNotExistsAsync();
        await queue.ClearMessagesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ASignUp_QueuesItsEmail_AndTheHostsInvocation_SendsIt()
    {
        var email = "queued@camden.gov.uk";
        var (response, body) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Camden, email));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("sent", body["email"]!.GetValue<string>());
        Assert.Empty(fixture.SendGrid.RequestsSoFar);
        var message = await TakeOneAsync();

        using var invocation = await _client.PostAsync(Route, EmailQueueSteps.HostContent(message));

        Assert.Equal(HttpStatusCode.OK, invocation.StatusCode);
        var answer = JsonNode.Parse(await invocation.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(answer.ContainsKey("Outputs") && answer.ContainsKey("Logs") && answer.ContainsKey("ReturnValue"));
        var sent = Assert.Single(fixture.SendGrid.Accepted);
        Assert.Equal(email, sent.To);
        Assert.StartsWith("verify-E09000007-", sent.MessageId, StringComparison.Ordinal);
        var verified = await SignupSteps.VerifyAsync(_client, fixture.SendGrid, email);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
    }

    [Fact]
    public async Task AMessageTheHostIsHolding_WhenItsRecipientIsErased_IsCompletedWithoutSending()
    {
        const string email = "held.then.erased@camden.gov.uk";
        fixture.Clock.StartTest();
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Camden, email));
        var message = await TakeOneAsync();
        var reference = await EmailQueueSteps.ReferenceOfAsync(fixture, email);
        using var erased = await fixture.CreateAdminClient().DeleteAsync(new Uri($"/api/admin/contacts/{TestRegister.Camden.GssCode}/{reference}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);

        using var invocation = await _client.PostAsync(Route, EmailQueueSteps.HostContent(message));

        Assert.Equal(HttpStatusCode.OK, invocation.StatusCode);
        Assert.Contains("handled", await invocation.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(fixture.SendGrid.RequestsSoFar);
        await AssertSubmittedByAnErasedContactAsync(reference, OutboxMessage.TryParse(message.MessageText)!.QueuedAt, TestRegister.Camden);
    }

    [Fact]
    public async Task AMessageDeliveredTwice_IsSentOnce()
    {
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Birmingham, "twice@birmingham.gov.uk"));
        var message = await TakeOneAsync();

        using var first = await _client.PostAsync(Route, EmailQueueSteps.HostContent(message, dequeueCount: 1));
        using var second = await _client.PostAsync(Route, EmailQueueSteps.HostContent(message, dequeueCount: 2));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Single(fixture.SendGrid.Requests);
    }

    [Fact]
    public async Task ASignUpsAuditEntry_RidesWithItsEmail_AndIsWrittenOnce_DatedWhenItWasQueued_HoweverOftenItIsDelivered()
    {
        const string email = "audited@birmingham.gov.uk";
        var clock = fixture.Clock.StartTest();
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Birmingham, email));
        var reference = await EmailQueueSteps.ReferenceOfAsync(fixture, email);
        var message = await TakeOneAsync();
        var queuedAt = OutboxMessage.TryParse(message.MessageText)!.QueuedAt;
        var beforeDelivery = await SubmittedEntriesAsync(reference, queuedAt);

        clock.Advance(TimeSpan.FromMinutes(3));
        using var first = await _client.PostAsync(Route, EmailQueueSteps.HostContent(message, dequeueCount: 1));
        using var second = await _client.PostAsync(Route, EmailQueueSteps.HostContent(message, dequeueCount: 2));

        Assert.Empty(beforeDelivery);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var entry = Assert.Single(await SubmittedEntriesAsync(reference, queuedAt));
        Assert.Equal(queuedAt, entry.At);
        Assert.EndsWith($"/{TestRegister.Birmingham.GssCode}", entry.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("audited", message.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignUpsAuditEntry_IsWritten_EvenWhenErasureTakesItsEmailOffTheQueueUnsent()
    {
        const string email = "audited.then.erased@camden.gov.uk";
        fixture.Clock.StartTest();
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Camden, email));
        var reference = await EmailQueueSteps.ReferenceOfAsync(fixture, email);
        var queuedAt = fixture.Clock.GetUtcNow();

        using var erased = await fixture.CreateAdminClient().DeleteAsync(new Uri($"/api/admin/contacts/{TestRegister.Camden.GssCode}/{reference}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.True(await EmailQueueSteps.IsEmptyAsync(EmailQueueSteps.Queue(fixture)));
        Assert.Empty(fixture.SendGrid.RequestsSoFar);
        await AssertSubmittedByAnErasedContactAsync(reference, queuedAt, TestRegister.Camden);
    }

    [Fact]
    public async Task WhileSendGridFails_EveryInvocationFails_SoTheHostRetries_AndTheLastTryLeavesNothingMarkedSent()
    {
        fixture.SendGrid.Down = true;
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Cardiff, "poison@cardiff.gov.wales"));
        var message = await TakeOneAsync();

        var statuses = new List<HttpStatusCode>();
        for (var dequeueCount = 1; dequeueCount <= 10; dequeueCount++)
        {
            using var invocation = await _client.PostAsync(Route, EmailQueueSteps.HostContent(message, dequeueCount));
            statuses.Add(invocation.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.InternalServerError, status));
        Assert.Equal(10, fixture.SendGrid.Requests.Count);
        Assert.Empty(fixture.SendGrid.Accepted);
        var ledger = await fixture.Service<MailLedger>().RowsAsync(VerificationEmail.LedgerPartition, VerificationEmail.LedgerPartition, "verify-W06000015-", CancellationToken.None);
        Assert.Equal(MailLedgerEntry.Failed, Assert.Single(ledger).Status);

        // SendGrid is back, and a requeued copy goes out once.
        fixture.SendGrid.Down = false;
        using var requeued = await _client.PostAsync(Route, EmailQueueSteps.HostContent(message, dequeueCount: 1));
        Assert.Equal(HttpStatusCode.OK, requeued.StatusCode);
        Assert.Single(fixture.SendGrid.Accepted);
    }

    [Fact]
    public async Task AForgedOrChangedMessage_IsRefused_AndSendsNothing()
    {
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Leicester, "forged@leicester.gov.uk"));
        var message = await TakeOneAsync();
        var outbox = OutboxMessage.TryParse(message.MessageText)!;
        var redirected = outbox with { MessageId = outbox.MessageId + "-again" };
        var garbled = outbox with { Content = outbox.Content[..^4] + "AAAA" };

        foreach (var text in new[] { redirected.ToJson(), garbled.ToJson(), "not json", "{}" })
        {
            var payload = new JsonObject
            {
                ["Data"] = new JsonObject { ["message"] = text },
                ["Metadata"] = new JsonObject { ["DequeueCount"] = 1, ["Id"] = message.MessageId, ["InsertionTime"] = message.InsertedOn },
            };
            using var invocation = await _client.PostAsync(Route, new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.InternalServerError, invocation.StatusCode);
        }

        Assert.Empty(fixture.SendGrid.Requests);
    }

    [Fact]
    public async Task TheQueuedMessage_ShowsNoAddressNameOrLink()
    {
        var email = "private.person@fife.gov.scot";
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Fife, email, name: "Private Person"));
        var message = await TakeOneAsync();

        Assert.DoesNotContain("private.person", message.MessageText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Private Person", message.MessageText, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", message.MessageText, StringComparison.Ordinal);
        var outbox = OutboxMessage.TryParse(message.MessageText)!;
        Assert.Equal("fife.gov.scot", outbox.RecipientDomain);
        Assert.Equal("verification", outbox.Kind);
    }

    [Fact]
    public async Task AnEmailOverTheQueuesLimit_IsRefusedBeforeAnythingIsQueued_AndOneJustUnderIt_IsQueuedAndSent()
    {
        var outbox = fixture.Service<EmailOutbox>();
        // A few bytes either side of the limit: the queue time in the message varies in length by a few characters.
        var largest = LargestBodyThatFits();

        var refused = await Assert.ThrowsAsync<QueuedEmailTooLargeException>(() =>
            outbox.EnqueueAsync(SizeLedger, Sized("too-large-00", largest + 64), CancellationToken.None));
        Assert.True(await EmailQueueSteps.IsEmptyAsync(EmailQueueSteps.Queue(fixture)));
        await outbox.EnqueueAsync(SizeLedger, Sized("at-the-limit", largest - 64), CancellationToken.None);
        var queued = await TakeOneAsync();
        using var invocation = await _client.PostAsync(Route, EmailQueueSteps.HostContent(queued));

        Assert.True(refused.QueuedBytes > EmailOutbox.MaxQueuedBytes);
        Assert.Contains("too-large-00", refused.Message, StringComparison.Ordinal);
        Assert.True(EmailOutbox.QueuedBytes(queued.MessageText) <= EmailOutbox.MaxQueuedBytes);
        Assert.Equal(HttpStatusCode.OK, invocation.StatusCode);
        Assert.Equal("at-the-limit", Assert.Single(fixture.SendGrid.Accepted).MessageId);
    }

    [Fact]
    public void AnEmailTooLargeToQueue_AnswersAnErrorThatSaysSo_WithAReference()
    {
        var (error, detail) = LocalGovStandard.Platform.Errors.FaultExceptionHandler.Classify(new QueuedEmailTooLargeException("approval", "x", 70_000));

        Assert.Equal(StatusCodes.Status500InternalServerError, error.Status);
        Assert.Contains("too large to send", detail, StringComparison.Ordinal);
        Assert.Contains("quote the reference", detail, StringComparison.Ordinal);
    }

    private const string SizeLedger = "test-size";

    private static EmailMessage Sized(string id, int bodyLength) =>
        new(id, "approval", new EmailAddress("sized@camden.gov.uk", "Sid Sized"), "Sized", new string('x', bodyLength), "<p>x</p>");

    /// <summary>The longest plain-text body whose sealed message still fits the queue, found the way the outbox measures it.</summary>
    private int LargestBodyThatFits()
    {
        var protection = fixture.Service<IDataProtectionProvider>();
        int Size(int length) => (int)EmailOutbox.QueuedBytes(OutboxMessage.Seal(protection, SizeLedger, Sized("probe-probe-", length), fixture.Clock.GetUtcNow(), null).ToJson());
        var (fits, over) = (0, 64 * 1024);
        while (over - fits > 1)
        {
            var middle = (fits + over) / 2;
            (fits, over) = Size(middle) <= EmailOutbox.MaxQueuedBytes ? (middle, over) : (fits, middle);
        }

        return fits;
    }

    private async Task<List<AuditEntry>> SubmittedEntriesAsync(string reference, DateTimeOffset month) =>
        (await fixture.Service<AuditLog>().ForMonthAsync(month, CancellationToken.None))
            .Where(entry => entry.Actor == $"contact:{reference}" && entry.Action == "signup.submitted")
            .ToList();

    /// <summary>The sign-up is on record, but no longer points at the person: as erasure leaves entries already written.</summary>
    private async Task AssertSubmittedByAnErasedContactAsync(string reference, DateTimeOffset month, TestCouncil council)
    {
        var entries = (await fixture.Service<AuditLog>().ForMonthAsync(month, CancellationToken.None)).Where(entry => entry.Action == "signup.submitted").ToList();
        Assert.DoesNotContain(entries, entry => entry.Actor.Contains(reference, StringComparison.Ordinal));
        var entry = Assert.Single(entries);
        Assert.Equal("contact:erased", entry.Actor);
        Assert.EndsWith($"/{council.GssCode}", entry.Subject, StringComparison.Ordinal);
    }

    private async Task<QueueMessage> TakeOneAsync()
    {
        var queue = EmailQueueSteps.Queue(fixture);
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5));
        return Assert.Single(messages);
    }
}
