using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Platform.Email;

/// <summary>
/// Personalised batches through the same ledger: one row per recipient (partition = the mail
/// stream, RowKey = the recipient's message id). For each provider request of up to 1,000
/// recipients the rows are claimed first (entity group transactions of 100, guarded by ETags),
/// then the request is made, then the rows are marked sent (only after 202) or failed.
/// </summary>
public sealed partial class MailLedger
{
    private const int TransactionSize = 100;
    private const int TransactionsInFlight = 4;

    /// <summary>
    /// Sends to each recipient at most once, in provider requests of up to 1,000 built by <paramref name="build"/>.
    /// The recipients are taken as they are needed, so a caller can make each one's personalisation just before
    /// its request. <paramref name="rows"/> is the stream's ledger partition as the caller last read it (read here when
    /// null); a stale copy is safe, as every claim is guarded by insert-if-absent or the row's ETag. The rows this
    /// send wrote are put into it, so afterwards it holds what this worker knows of the stream.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, MailLedgerResult>> SendBatchesOnceAsync(
        string partition, IEnumerable<BatchRecipient> recipients, Func<IReadOnlyList<BatchRecipient>, EmailBatch> build,
        Dictionary<string, MailLedgerEntry>? rows, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, MailLedgerResult>(StringComparer.Ordinal);
        rows ??= await PartitionAsync(partition, cancellationToken);
        var now = clock.GetUtcNow();
        var candidates = new List<(BatchRecipient Recipient, MailLedgerEntry? Row)>(EmailBatch.MaxRecipients);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recipient in recipients)
        {
            if (!seen.Add(recipient.MessageId))
            {
                continue;
            }

            var row = rows.GetValueOrDefault(recipient.MessageId);
            if (row?.Status == MailLedgerEntry.Sent)
            {
                results[recipient.MessageId] = new MailLedgerResult(MailLedgerOutcome.AlreadySent);
            }
            else if (row?.Status == MailLedgerEntry.Claimed && now - row.ClaimedAt < ClaimTimeout)
            {
                results[recipient.MessageId] = new MailLedgerResult(MailLedgerOutcome.InProgress);
            }
            else
            {
                candidates.Add((recipient, row));
                if (candidates.Count == EmailBatch.MaxRecipients)
                {
                    await SendChunkAsync(partition, build, candidates, rows, results, cancellationToken);
                    candidates.Clear();
                }
            }
        }

        if (candidates.Count > 0)
        {
            await SendChunkAsync(partition, build, candidates, rows, results, cancellationToken);
        }

        return results;
    }

    /// <summary>Claims the rows, makes one provider request for those claimed, then marks them sent (only after 202) or failed.</summary>
    private async Task SendChunkAsync(
        string partition, Func<IReadOnlyList<BatchRecipient>, EmailBatch> build, List<(BatchRecipient Recipient, MailLedgerEntry? Row)> chunk,
        Dictionary<string, MailLedgerEntry> rows, Dictionary<string, MailLedgerResult> results, CancellationToken cancellationToken)
    {
        var template = build([]);
        var claimed = await ClaimBatchAsync(partition, template, chunk, results, cancellationToken);
        if (claimed.Count == 0)
        {
            return;
        }

        var batch = build(claimed.ConvertAll(c => c.Recipient with
        {
            Headers = MessageIdHeader.With(c.Recipient.Headers, partition, c.Recipient.MessageId, sendGrid.Value.FromEmail),
        }));
        var request = batch with { HtmlTemplate = HtmlDocument.Wrap(batch.HtmlSubjectTemplate(), batch.HtmlTemplate) };
        MailLedgerResult outcome;
        try
        {
            var receipt = await batchSender.SendBatchAsync(request, cancellationToken);
            var sentAt = clock.GetUtcNow();
            foreach (var (_, row) in claimed)
            {
                row.Status = MailLedgerEntry.Sent;
                row.SentAt = sentAt;
                row.ProviderMessageId = receipt.ProviderMessageId;
                row.Error = null;
            }

            outcome = new MailLedgerResult(MailLedgerOutcome.Sent);
        }
        catch (EmailDeliveryException exception)
        {
            LogBatchNotAccepted(exception, batch.Category, claimed.Count, exception.StatusCode);
            foreach (var (_, row) in claimed)
            {
                row.Status = MailLedgerEntry.Failed;
                row.Error = exception.Message;
            }

            outcome = new MailLedgerResult(MailLedgerOutcome.Failed, exception.Message);
        }

        await UpdateRowsAsync(claimed.ConvertAll(c => c.Row), CancellationToken.None);
        foreach (var (recipient, row) in claimed)
        {
            results[recipient.MessageId] = outcome;
            rows[row.RowKey] = row;
        }
    }

    /// <summary>Whether a mail stream has any row (the first page of one, a single row).</summary>
    public async Task<bool> AnyInAsync(string partition, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var page in table.QueryAsync<MailLedgerEntry>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken).AsPages())
        {
            return page.Values.Count > 0;
        }

        return false;
    }

    /// <summary>Every ledger row of one mail stream (one partition query).</summary>
    public async Task<Dictionary<string, MailLedgerEntry>> PartitionAsync(string partition, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, MailLedgerEntry>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var row in table.QueryAsync<MailLedgerEntry>(filter, cancellationToken: cancellationToken))
        {
            rows[row.RowKey] = row;
        }

        return rows;
    }

    /// <summary>
    /// Claims in transactions of 100, a few at a time. A transaction that fails on an ETag means another worker
    /// got there first: those recipients are left to it (reported in progress), never sent twice.
    /// </summary>
    private async Task<List<(BatchRecipient Recipient, MailLedgerEntry Row)>> ClaimBatchAsync(
        string partition, EmailBatch batch, IEnumerable<(BatchRecipient Recipient, MailLedgerEntry? Row)> chunk,
        Dictionary<string, MailLedgerResult> results, CancellationToken cancellationToken)
    {
        var groups = chunk.Chunk(TransactionSize).ToArray();
        var won = new bool[groups.Length];
        var now = clock.GetUtcNow();
        var claims = groups.Select(group => group.Select(c =>
        {
            var row = c.Row ?? new MailLedgerEntry { PartitionKey = partition, RowKey = c.Recipient.MessageId, Category = batch.Category };
            row.Subject = batch.SubjectTemplate;
            row.Status = MailLedgerEntry.Claimed;
            row.ClaimedAt = now;
            row.Attempts++;
            return (c.Recipient, Row: row, IsNew: c.Row is null);
        }).ToArray()).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, groups.Length), InFlight(cancellationToken), async (g, token) =>
        {
            var actions = claims[g].Select(c => c.IsNew
                ? new TableTransactionAction(TableTransactionActionType.Add, c.Row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, c.Row, c.Row.ETag));
            try
            {
                var responses = (await table.SubmitTransactionAsync(actions, token)).Value;
                for (var i = 0; i < claims[g].Length; i++)
                {
                    claims[g][i].Row.ETag = responses[i].Headers.ETag ?? default;
                }

                won[g] = true;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412)
            {
            }
        });

        var claimed = new List<(BatchRecipient, MailLedgerEntry)>();
        for (var g = 0; g < groups.Length; g++)
        {
            foreach (var (recipient, row, _) in claims[g])
            {
                if (won[g])
                {
                    claimed.Add((recipient, row));
                }
                else
                {
                    results[recipient.MessageId] = new MailLedgerResult(MailLedgerOutcome.InProgress);
                }
            }
        }

        return claimed;
    }

    private async Task UpdateRowsAsync(IEnumerable<MailLedgerEntry> rows, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(rows.Chunk(TransactionSize), InFlight(cancellationToken), async (group, token) =>
        {
            var actions = group.Select(row => new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag));
            var responses = (await table.SubmitTransactionAsync(actions, token)).Value;
            for (var i = 0; i < group.Length; i++)
            {
                group[i].ETag = responses[i].Headers.ETag ?? default;
            }
        });

    /// <summary>A few transactions in flight at once, so their round trips overlap without crowding the partition.</summary>
    private static ParallelOptions InFlight(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = TransactionsInFlight, CancellationToken = cancellationToken };

    [LoggerMessage(LogLevel.Error, "A batch of {Count} {Category} emails was not accepted for delivery (status {Status})")]
    private partial void LogBatchNotAccepted(Exception exception, string category, int count, int? status);
}
