using Azure.Data.Tables;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Summits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Platform;

/// <summary>
/// The mail ledger's batch sends keep one row per provider request (ADR 0026): the row lists the message ids it claims,
/// is inserted under the stream's next sequence number before the request and marked after it. These drive the ledger
/// itself with made-up recipients, against Azurite and the SendGrid capture server; the summit's sends and their crash
/// test are in Summits/SummitSendingTests.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class MailLedgerRequestRowTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();
    private readonly string _partition = $"test|{Guid.NewGuid():N}|batch";

    private MailLedger Ledger => fixture.Service<MailLedger>();

    private TableClient Table => fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.MailLedger);

    [Fact]
    public async Task ASendOf2100_WritesOneRowPerRequest_ListingItsRecipients_AndASecondSendSendsNothing()
    {
        fixture.SendGrid.Reset();
        var recipients = People("many", 2100);

        var first = await Ledger.SendBatchesOnceAsync(_partition, recipients.ToAsyncEnumerable(), Build, null, CancellationToken.None);
        var requestsAfterFirst = fixture.SendGrid.Requests.Count;
        var rows = await RowsAsync();
        var again = await Ledger.SendBatchesOnceAsync(_partition, recipients.ToAsyncEnumerable(), Build, null, CancellationToken.None);

        Assert.All(first.Values, r => Assert.Equal(MailLedgerOutcome.Sent, r.Outcome));
        Assert.Equal(3, requestsAfterFirst);
        Assert.Equal(["~request-000001", "~request-000002", "~request-000003"], rows.Select(r => r.RowKey));
        Assert.Equal([1000, 1000, 100], rows.Select(r => r.Ids.Count));
        Assert.All(rows, r => Assert.Equal(MailLedgerEntry.Sent, r.Status));
        Assert.Equal(recipients.Select(r => r.MessageId), rows.SelectMany(r => r.Ids));
        Assert.All(again.Values, r => Assert.Equal(MailLedgerOutcome.AlreadySent, r.Outcome));
        Assert.Equal(requestsAfterFirst, fixture.SendGrid.Requests.Count);
        AssertOneMessageEach(recipients);
    }

    [Fact]
    public async Task TwoSendsOfTheSameRecipientsAtOnce_SendEachOnlyOnce()
    {
        fixture.SendGrid.Reset();
        var recipients = People("race", 1500);

        var results = await Task.WhenAll(
            Task.Run(() => Ledger.SendBatchesOnceAsync(_partition, recipients.ToAsyncEnumerable(), Build, null, CancellationToken.None)),
            Task.Run(() => Ledger.SendBatchesOnceAsync(_partition, recipients.ToAsyncEnumerable(), Build, null, CancellationToken.None)));

        AssertOneMessageEach(recipients);
        Assert.All(recipients, r => Assert.Contains(results, run => run[r.MessageId].Outcome == MailLedgerOutcome.Sent));
        var stream = await Ledger.StreamAsync(_partition, CancellationToken.None);
        Assert.True(stream.IsWhole);
        Assert.All(recipients, r => Assert.Equal(MailLedgerEntry.Sent, stream.Recipients[r.MessageId].Status));
    }

    [Fact]
    public async Task ATimedOutClaim_MarkedSentAfterTheStreamWasRead_IsNotTakenOver()
    {
        fixture.SendGrid.Reset();
        var recipients = People("slow", 3);
        var stale = new MailRequestRow
        {
            Partition = _partition, Sequence = 1, Category = "test-batch", Subject = "Hello", ClaimedAt = _clock.GetUtcNow().AddMinutes(-11),
            ClaimToken = "slow-worker", Ids = recipients.ConvertAll(r => r.MessageId),
        };
        await Table.AddEntityAsync(stale.ToEntity());
        var readBefore = await Ledger.StreamAsync(_partition, CancellationToken.None);

        // The slow worker's 202 arrives after this send read the stream, and it marks its row sent.
        var row = (await Table.GetEntityAsync<TableEntity>(_partition, stale.RowKey)).Value;
        row["Status"] = MailLedgerEntry.Sent;
        await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        var results = await Ledger.SendBatchesOnceAsync(_partition, recipients.ToAsyncEnumerable(), Build, readBefore, CancellationToken.None);

        Assert.Empty(fixture.SendGrid.Requests);
        Assert.All(results.Values, r => Assert.Equal(MailLedgerOutcome.AlreadySent, r.Outcome));
        Assert.Equal(["~request-000001"], (await RowsAsync()).Select(r => r.RowKey));
    }

    [Fact]
    public async Task PerRecipientRowsFromBeforeRequestRows_AreHonoured_AndTheirTimedOutClaimsAreTakenOver()
    {
        fixture.SendGrid.Reset();
        var recipients = People("older", 8);
        var now = _clock.GetUtcNow();
        string[] states = [MailLedgerEntry.Sent, MailLedgerEntry.Sent, "stale", "stale", MailLedgerEntry.Failed, "fresh"];
        for (var i = 0; i < states.Length; i++)
        {
            await Table.AddEntityAsync(new MailLedgerEntry
            {
                PartitionKey = _partition, RowKey = recipients[i].MessageId, Category = "test-batch", Subject = "Hello", Attempts = 1,
                Status = states[i] is "stale" or "fresh" ? MailLedgerEntry.Claimed : states[i],
                ClaimedAt = states[i] == "fresh" ? now.AddMinutes(-1) : now.AddMinutes(-11),
            });
        }

        var results = await Ledger.SendBatchesOnceAsync(_partition, recipients.ToAsyncEnumerable(), Build, null, CancellationToken.None);

        Assert.Equal(
            [MailLedgerOutcome.AlreadySent, MailLedgerOutcome.AlreadySent, MailLedgerOutcome.Sent, MailLedgerOutcome.Sent,
                MailLedgerOutcome.Sent, MailLedgerOutcome.InProgress, MailLedgerOutcome.Sent, MailLedgerOutcome.Sent],
            recipients.Select(r => results[r.MessageId].Outcome));
        var sentTo = SummitSteps.Recipients(fixture.SendGrid.Accepted).Select(r => r.MessageId).ToList();
        Assert.Equal(recipients.Where((_, i) => i is 2 or 3 or 4 or 6 or 7).Select(r => r.MessageId), sentTo);
        var request = Assert.Single(await RowsAsync());
        Assert.Equal(sentTo, request.Ids);
        foreach (var taken in recipients.Where((_, i) => i is 2 or 3))
        {
            Assert.Equal(request.RowKey, (await Table.GetEntityAsync<TableEntity>(_partition, taken.MessageId)).Value.GetString("TakenOverBy"));
        }

        var stream = await Ledger.StreamAsync(_partition, CancellationToken.None);
        Assert.Equal(2, stream.Recipients[recipients[2].MessageId].Attempts);
        Assert.Equal(MailLedgerEntry.Claimed, stream.Recipients[recipients[5].MessageId].Status);
    }

    [Fact]
    public async Task AnIdTakenOutOfARowWhileItsRequestIsInFlight_StaysOut_AndTheRowIsStillMarkedSent()
    {
        fixture.SendGrid.Reset();
        var recipients = People("erased", 4);
        var answer = new TaskCompletionSource();
        fixture.SendGrid.Enqueue(new CannedResponse(202, Until: answer.Task));

        var sending = Ledger.SendBatchesOnceAsync(_partition, recipients.ToAsyncEnumerable(), Build, null, CancellationToken.None);
        await Eventually.TrueAsync(() => fixture.SendGrid.RequestsSoFar.Count >= 1, "the request to reach SendGrid");
        var inFlight = Assert.Single(await RowsAsync());
        var forgotten = await Ledger.ForgetAsync(_partition, recipients[1].MessageId, CancellationToken.None);
        answer.SetResult();
        var results = await sending;

        Assert.Equal(MailLedgerEntry.Claimed, inFlight.Status);
        Assert.Equal(1, forgotten);
        Assert.All(results.Values, r => Assert.Equal(MailLedgerOutcome.Sent, r.Outcome));
        var row = Assert.Single(await RowsAsync());
        Assert.Equal(MailLedgerEntry.Sent, row.Status);
        Assert.Equal(recipients.Where((_, i) => i != 1).Select(r => r.MessageId), row.Ids);
        Assert.Empty(await Ledger.BatchedAsync(_partition, _partition + "~", id => id == recipients[1].MessageId, CancellationToken.None));
    }

    private static EmailBatch Build(IReadOnlyList<BatchRecipient> recipients) =>
        new("test-batch", "Hello -name-", "Hello -name-, this is a test.", "<p>Hello -name_html-, this is a test.</p>", recipients);

    private static List<BatchRecipient> People(string kind, int count) =>
        Enumerable.Range(0, count).Select(i => new BatchRecipient(
            $"{kind}-{i:D5}", new EmailAddress($"{kind}.{i}@example.gov.uk", $"Person {i}"),
            new Dictionary<string, string> { ["name"] = $"Person {i}" }, new Dictionary<string, string>())).ToList();

    private void AssertOneMessageEach(List<BatchRecipient> recipients)
    {
        var sent = SummitSteps.Recipients(fixture.SendGrid.Accepted).GroupBy(r => r.MessageId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(recipients.Count, sent.Count);
        Assert.All(recipients, r => Assert.Equal(1, sent.GetValueOrDefault(r.MessageId)));
    }

    private async Task<List<MailRequestRow>> RowsAsync()
    {
        var rows = new List<MailRequestRow>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {_partition}")))
        {
            if (MailRequestRow.IsRequestKey(row.RowKey))
            {
                rows.Add(MailRequestRow.FromEntity(row));
            }
        }

        return rows;
    }
}
