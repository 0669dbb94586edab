using System.Net;
using System.Text;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Platform.EmailQueue;

/// <summary>
/// Standalone, the in-process listener stands in for the host's queue trigger: it retries a failing message, moves it to
/// the poison queue after maxDequeueCount tries, and an organiser can send it again from there.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class EmailQueueListenerTests(EmailQueueListenerTests.ListenerFixture fixture) : IClassFixture<EmailQueueListenerTests.ListenerFixture>, IAsyncLifetime
{
    public const int MaxDequeueCount = 3;

    public sealed class ListenerFixture : RegisteredServiceFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["SendGrid:MaxRetries"] = "0",
            ["EmailQueue:MaxDequeueCount"] = MaxDequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["EmailQueue:RetryDelay"] = "00:00:00.100",
        };
    }

    private readonly HttpClient _client = fixture.CreateClient();

    public async Task InitializeAsync()
    {
        fixture.SendGrid.Reset();
        await EmailQueueSteps.DrainedAsync(fixture);
        await fixture.Service<PoisonedEmails>().RequeueAsync(null, "test", CancellationToken.None);
        await EmailQueueSteps.DrainedAsync(fixture);
        fixture.SendGrid.Reset();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnEmailThatKeepsFailing_IsTriedMaxDequeueCountTimes_ThenMovedToThePoisonQueue_AndARequeueSendsItOnce()
    {
        fixture.SendGrid.Down = true;
        var email = "keeps.failing@camden.gov.uk";
        var (response, _) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Camden, email));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var poison = EmailQueueSteps.Poison(fixture);
        await Eventually.TrueAsync(async () => await EmailQueueSteps.CountAsync(poison) == 1, "the email to reach the poison queue");
        Assert.True(await EmailQueueSteps.IsEmptyAsync(EmailQueueSteps.Queue(fixture)));
        Assert.Equal(MaxDequeueCount, fixture.SendGrid.RequestsSoFar.Count);

        var view = await fixture.Service<PoisonedEmails>().ViewAsync(CancellationToken.None);
        Assert.Equal(1, view.ApproximateCount);
        var poisoned = Assert.Single(view.Messages);
        Assert.Equal("verification", poisoned.Kind);
        Assert.Equal("camden.gov.uk", poisoned.RecipientDomain);
        Assert.NotNull(poisoned.FirstQueuedAt);

        fixture.SendGrid.Down = false;
        var moved = await fixture.Service<PoisonedEmails>().RequeueAsync(poisoned.QueueMessageId, "test", CancellationToken.None);

        Assert.Equal(1, moved);
        var sent = Assert.Single(fixture.SendGrid.Accepted);
        Assert.Equal(email, sent.To);
        Assert.Equal(0, await EmailQueueSteps.CountAsync(poison));
        var ledger = await fixture.Service<MailLedger>().RowsAsync(VerificationEmail.LedgerPartition, VerificationEmail.LedgerPartition, "verify-E09000007-", CancellationToken.None);
        Assert.Equal(MailLedgerEntry.Sent, Assert.Single(ledger).Status);
    }

    [Fact]
    public async Task AFailureThatMends_IsRetried_AndSentOnce()
    {
        fixture.SendGrid.Enqueue(new CannedResponse(503), new CannedResponse(500));

        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Birmingham, "mends@birmingham.gov.uk"));

        Assert.Equal([503, 500, 202], fixture.SendGrid.Requests.Select(r => r.AnsweredStatus));
        Assert.Equal(0, await EmailQueueSteps.CountAsync(EmailQueueSteps.Poison(fixture)));
    }

    [Fact]
    public async Task Standalone_TheQueueFunctionsRoute_IsNotFound()
    {
        using var response = await _client.PostAsync("/" + EmailQueueRegistration.FunctionName, new StringContent("""{"Data":{},"Metadata":{}}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
