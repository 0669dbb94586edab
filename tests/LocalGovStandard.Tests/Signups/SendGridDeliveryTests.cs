using System.Net;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Signups;

/// <summary>The real SendGrid SDK against the loopback capture server: payload, retries and failures, through the email queue.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SendGridDeliveryTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>, IAsyncLifetime
{
    private readonly HttpClient _client = fixture.CreateClient();

    public async Task InitializeAsync()
    {
        await EmailQueueSteps.DrainedAsync(fixture);
        fixture.SendGrid.Reset();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task VerificationEmail_IsAV3PayloadWithRecipientSenderSubjectAndAWorkingLink()
    {
        var email = "payload@westminster.gov.uk";
        var (response, _) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Westminster, email, name: "Mary Seacole"));

        var request = Assert.Single(fixture.SendGrid.Requests);
        Assert.Equal("Bearer SG.test-key", request.Authorization);
        Assert.Equal(email, request.To);
        Assert.Equal("Mary Seacole", request.Body["personalizations"]![0]!["to"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("standard@localgov.digital", request.From);
        Assert.Contains("Confirm your email address", request.Subject, StringComparison.Ordinal);
        Assert.StartsWith("verify-E09000033-", request.MessageId, StringComparison.Ordinal);
        Assert.Contains("City of Westminster", request.PlainText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var verified = await SignupSteps.VerifyAsync(_client, fixture.SendGrid, email);
        Assert.Equal(HttpStatusCode.OK, verified.Status);
    }

    [Fact]
    public async Task TooManyRequests_IsRetriedAfterTheBackoff_AndSentOnce()
    {
        fixture.SendGrid.Enqueue(new CannedResponse(429, RetryAfterSeconds: 1));

        var (_, body) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Camden, "retry429@camden.gov.uk"));

        Assert.Equal("sent", body["email"]!.GetValue<string>());
        Assert.Equal([429, 202], fixture.SendGrid.Requests.Select(r => r.AnsweredStatus));
        Assert.Single(fixture.SendGrid.Accepted);
    }

    [Fact]
    public async Task ServerErrors_AreRetried_AndSentOnce()
    {
        fixture.SendGrid.Enqueue(new CannedResponse(500), new CannedResponse(503));

        var (_, body) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Birmingham, "retry5xx@birmingham.gov.uk"));

        Assert.Equal("sent", body["email"]!.GetValue<string>());
        Assert.Equal([500, 503, 202], fixture.SendGrid.Requests.Select(r => r.AnsweredStatus));
    }

    [Fact]
    public async Task PermanentRefusal_IsNotRetried_NotEvenByTheQueue_AndIsRecorded()
    {
        fixture.SendGrid.Enqueue(new CannedResponse(400));
        var email = "refused@leicester.gov.uk";

        var (response, body) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Leicester, email));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("sent", body["email"]!.GetValue<string>());
        Assert.Single(fixture.SendGrid.Requests);
        var contact = await ContactAsync("east-midlands", TestRegister.Leicester.GssCode, email);
        var ledger = await LedgerRowsAsync(contact);
        Assert.Equal(MailLedgerEntry.Failed, Assert.Single(ledger).Status);
        Assert.Contains("400", ledger[0].Error, StringComparison.Ordinal);
        Assert.Contains(fixture.Logs.Lines, line => line.Contains("was not accepted for delivery", StringComparison.Ordinal));
        Assert.Equal(0, await EmailQueueSteps.CountAsync(EmailQueueSteps.Poison(fixture)));
    }

    [Fact]
    public async Task PersistentServerErrors_AreRetriedByTheQueue_UntilThePoisonQueue_AndNothingIsMarkedSent()
    {
        fixture.SendGrid.Down = true;
        var email = "down@cardiff.gov.wales";

        var (_, body) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Cardiff, email));

        Assert.Equal("sent", body["email"]!.GetValue<string>());
        var poison = EmailQueueSteps.Poison(fixture);
        await Eventually.TrueAsync(async () => await EmailQueueSteps.CountAsync(poison) == 1, "the email to reach the poison queue");
        // Ten tries by the queue (maxDequeueCount), each the first attempt and four retries by the SendGrid client.
        Assert.Equal(10 * 5, fixture.SendGrid.Requests.Count);
        Assert.Empty(fixture.SendGrid.Accepted);
        var contact = await ContactAsync("wales", TestRegister.Cardiff.GssCode, email);
        var ledger = await LedgerRowsAsync(contact);
        Assert.Equal(MailLedgerEntry.Failed, Assert.Single(ledger).Status);

        fixture.SendGrid.Down = false;
        Assert.Equal(1, await fixture.Service<PoisonedEmails>().RequeueAsync(null, "test", CancellationToken.None));
        Assert.Equal(email, Assert.Single(fixture.SendGrid.Accepted).To);
    }

    [Fact]
    public async Task AfterAFailedEmail_SigningUpAgain_SendsANewLink_WithTheSameReference()
    {
        fixture.SendGrid.Enqueue(new CannedResponse(400));
        var body = SignupSteps.Body(TestRegister.Fife, "second.try@fife.gov.scot");

        var (_, first) = await SignupSteps.SignUpAsync(_client, body);
        Assert.Equal(400, Assert.Single(fixture.SendGrid.Requests).AnsweredStatus);
        var (_, second) = await SignupSteps.SignUpAsync(_client, body);

        Assert.Equal("sent", first["email"]!.GetValue<string>());
        Assert.Equal("sent", second["email"]!.GetValue<string>());
        Assert.Single(fixture.SendGrid.Accepted);
        var contact = await ContactAsync("scotland", TestRegister.Fife.GssCode, "second.try@fife.gov.scot");
        Assert.Equal(contact.Reference, SignupSteps.ReferenceFor(fixture.SendGrid, "second.try@fife.gov.scot"));
    }

    private async Task<ContactEntity> ContactAsync(string region, string gss, string email)
    {
        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.Signups);
        return (await table.GetEntityAsync<ContactEntity>(region, SignupKeys.ContactRowKey(gss, SignupService.ContactKey(email)))).Value;
    }

    private async Task<List<MailLedgerEntry>> LedgerRowsAsync(ContactEntity contact)
    {
        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.MailLedger);
        var prefix = $"verify-{contact.RowKey.Replace('|', '-')}-";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {VerificationEmail.LedgerPartition} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var rows = new List<MailLedgerEntry>();
        await foreach (var row in table.QueryAsync<MailLedgerEntry>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }
}
