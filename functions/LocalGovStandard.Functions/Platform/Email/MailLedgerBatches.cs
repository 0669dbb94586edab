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

    public async Task<IReadOnlyDictionary<string, MailLedgerResult>> SendBatchOnceAsync(
        string partition, EmailBatch batch, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, MailLedgerResult>(StringComparer.Ordinal);
        var existing = await PartitionAsync(partition, cancellationToken);
        var now = clock.GetUtcNow();
        var candidates = new List<(BatchRecipient Recipient, MailLedgerEntry? Row)>();
        foreach (var recipient in batch.Recipients.DistinctBy(r => r.MessageId))
        {
            var row = existing.GetValueOrDefault(recipient.MessageId);
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
            }
        }

        foreach (var chunk in candidates.Chunk(EmailBatch.MaxRecipients))
        {
            var claimed = await ClaimBatchAsync(partition, batch, chunk, results, cancellationToken);
            if (claimed.Count == 0)
            {
                continue;
            }

            var request = batch with
            {
                HtmlTemplate = HtmlDocument.Wrap(batch.HtmlSubjectTemplate(), batch.HtmlTemplate),
                Recipients = claimed
                    .Select(c => c.Recipient with { Headers = MessageIdHeader.With(c.Recipient.Headers, partition, c.Recipient.MessageId, sendGrid.Value.FromEmail) })
                    .ToList(),
            };
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

                await UpdateRowsAsync(claimed.Select(c => c.Row), CancellationToken.None);
                foreach (var (recipient, _) in claimed)
                {
                    results[recipient.MessageId] = new MailLedgerResult(MailLedgerOutcome.Sent);
                }
            }
            catch (EmailDeliveryException exception)
            {
                LogBatchNotAccepted(exception, batch.Category, claimed.Count, exception.StatusCode);
                foreach (var (_, row) in claimed)
                {
                    row.Status = MailLedgerEntry.Failed;
                    row.Error = exception.Message;
                }

                await UpdateRowsAsync(claimed.Select(c => c.Row), CancellationToken.None);
                foreach (var (recipient, _) in claimed)
                {
                    results[recipient.MessageId] = new MailLedgerResult(MailLedgerOutcome.Failed, exception.Message);
                }
            }
        }

        return results;
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
    /// Claims in transactions of 100. A transaction that fails on an ETag means another worker got
    /// there first: those recipients are left to it (reported in progress), never sent twice.
    /// </summary>
    private async Task<List<(BatchRecipient Recipient, MailLedgerEntry Row)>> ClaimBatchAsync(
        string partition, EmailBatch batch, IEnumerable<(BatchRecipient Recipient, MailLedgerEntry? Row)> chunk,
        Dictionary<string, MailLedgerResult> results, CancellationToken cancellationToken)
    {
        var claimed = new List<(BatchRecipient, MailLedgerEntry)>();
        foreach (var group in chunk.Chunk(TransactionSize))
        {
            var now = clock.GetUtcNow();
            var actions = new List<TableTransactionAction>();
            var rows = new List<(BatchRecipient Recipient, MailLedgerEntry Row)>();
            foreach (var (recipient, existing) in group)
            {
                var row = existing ?? new MailLedgerEntry { PartitionKey = partition, RowKey = recipient.MessageId, Category = batch.Category };
                row.Subject = batch.SubjectTemplate;
                row.Status = MailLedgerEntry.Claimed;
                row.ClaimedAt = now;
                row.Attempts++;
                actions.Add(existing is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, row)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag));
                rows.Add((recipient, row));
            }

            try
            {
                var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
                for (var i = 0; i < rows.Count; i++)
                {
                    rows[i].Row.ETag = responses[i].Headers.ETag ?? default;
                }

                claimed.AddRange(rows);
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412)
            {
                foreach (var (recipient, _) in rows)
                {
                    results[recipient.MessageId] = new MailLedgerResult(MailLedgerOutcome.InProgress);
                }
            }
        }

        return claimed;
    }

    private async Task UpdateRowsAsync(IEnumerable<MailLedgerEntry> rows, CancellationToken cancellationToken)
    {
        foreach (var group in rows.Chunk(TransactionSize))
        {
            var actions = group.Select(row => new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag)).ToList();
            var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
            for (var i = 0; i < group.Length; i++)
            {
                group[i].ETag = responses[i].Headers.ETag ?? default;
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "A batch of {Count} {Category} emails was not accepted for delivery (status {Status})")]
    private partial void LogBatchNotAccepted(Exception exception, string category, int count, int? status);
}
