using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Platform.Email;

/// <summary>
/// Personalised batches through the same ledger, one row per provider request (ADR 0026; partition = the mail stream).
/// For each request of up to 1,000 recipients a request row listing their message ids is inserted first, under the next
/// sequence number (insert-if-absent, so any claim made since the stream was read makes it fail and the stream is read
/// again), together with an ETag guard on each timed-out claim it takes over; then the request is made; then the row is
/// marked sent (only after 202) or failed.
/// </summary>
public sealed partial class MailLedger
{
    /// <summary>An entity group transaction holds at most 100 operations: the request row and up to 99 guards.</summary>
    private const int MaxGuards = 99;

    /// <summary>How often a claim is tried again after losing a race to another worker before its recipients are left to it.</summary>
    private const int ClaimTries = 5;

    /// <summary>
    /// Sends to each recipient at most once, in provider requests of up to 1,000 built by <paramref name="build"/>.
    /// The recipients are taken as they are needed, so a caller can make each one's personalisation just before
    /// its request, or hold a recipient back until something is ready (their invitation being stored); a full request
    /// goes at once, without waiting for the next recipient. <paramref name="stream"/> is the stream as the caller last read it (read here when null); a stale copy
    /// is safe, as every claim is guarded. The rows this send wrote are put into it, so afterwards it holds what this
    /// worker knows of the stream.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, MailLedgerResult>> SendBatchesOnceAsync(
        string partition, IAsyncEnumerable<BatchRecipient> recipients, Func<IReadOnlyList<BatchRecipient>, EmailBatch> build,
        MailStreamView? stream, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, MailLedgerResult>(StringComparer.Ordinal);
        stream ??= await StreamAsync(partition, cancellationToken);
        var now = clock.GetUtcNow();
        var chunk = new List<BatchRecipient>(EmailBatch.MaxRecipients);
        var (idCharacters, guards) = (0, new HashSet<object>());
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var recipient in recipients.WithCancellation(cancellationToken))
        {
            if (!seen.Add(recipient.MessageId) || Settled(stream, recipient.MessageId, now, results))
            {
                continue;
            }

            var guard = TimedOutClaim(stream, recipient.MessageId, now);
            if (chunk.Count > 0 && (idCharacters + recipient.MessageId.Length > MailRequestRow.MaxIdCharacters
                || (guard is not null && !guards.Contains(guard) && guards.Count == MaxGuards)))
            {
                await FlushAsync();
            }

            chunk.Add(recipient);
            idCharacters += recipient.MessageId.Length + 1;
            if (guard is not null)
            {
                guards.Add(guard);
            }

            // A full request goes at once, without waiting for the next recipient (who may still be waiting to be stored).
            if (chunk.Count == EmailBatch.MaxRecipients)
            {
                await FlushAsync();
            }
        }

        if (chunk.Count > 0)
        {
            await FlushAsync();
        }

        return results;

        async Task FlushAsync()
        {
            await SendChunkAsync(stream, build, chunk, results, cancellationToken);
            (idCharacters, guards) = (0, []);
            chunk.Clear();
        }
    }

    /// <summary>Every row of one mail stream, as what it says about each recipient (one partition query).</summary>
    public async Task<MailStreamView> StreamAsync(string partition, CancellationToken cancellationToken)
    {
        var stream = new MailStreamView(partition, []);
        await ReadAsync(stream, cancellationToken);
        return stream;
    }

    /// <summary>
    /// Reads the stream again. A read that missed a request row (a claim landed between two pages of the query, after its
    /// place had been passed) is read again, up to three times in all; only a row deleted by hand leaves a lasting gap.
    /// </summary>
    private async Task ReadAsync(MailStreamView stream, CancellationToken cancellationToken)
    {
        for (var read = 1; read == 1 || (!stream.IsWhole && read <= 3); read++)
        {
            stream.Reload(await EntitiesAsync(stream.Partition, cancellationToken));
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

    /// <summary>Every ledger row of one mail stream of single messages (one partition query).</summary>
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

    private async Task<List<TableEntity>> EntitiesAsync(string partition, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Sent already, or claimed by someone within the timeout: recorded in the results and left alone.</summary>
    private static bool Settled(MailStreamView stream, string messageId, DateTimeOffset now, Dictionary<string, MailLedgerResult> results)
    {
        var state = stream.Recipients.GetValueOrDefault(messageId);
        if (state?.Status == MailLedgerEntry.Sent)
        {
            results[messageId] = new MailLedgerResult(MailLedgerOutcome.AlreadySent);
            return true;
        }

        if (state?.Status == MailLedgerEntry.Claimed && now - state.ClaimedAt < ClaimTimeout)
        {
            results[messageId] = new MailLedgerResult(MailLedgerOutcome.InProgress);
            return true;
        }

        return false;
    }

    /// <summary>The row (a request row, or the recipient's own) whose timed-out claim taking this recipient over must be guarded by its ETag.</summary>
    private static object? TimedOutClaim(MailStreamView stream, string messageId, DateTimeOffset now) =>
        stream.Recipients.GetValueOrDefault(messageId) is { Status: MailLedgerEntry.Claimed } state && now - state.ClaimedAt >= ClaimTimeout
            ? (object?)stream.RequestHolding(messageId) ?? stream.SingleRowHolding(messageId)
            : null;

    /// <summary>Claims a request row for the chunk, makes one provider request for those claimed, then marks the row sent (only after 202) or failed.</summary>
    private async Task SendChunkAsync(
        MailStreamView stream, Func<IReadOnlyList<BatchRecipient>, EmailBatch> build, List<BatchRecipient> chunk,
        Dictionary<string, MailLedgerResult> results, CancellationToken cancellationToken)
    {
        var template = build([]);
        var (row, claimed) = await ClaimAsync(stream, template, chunk, results, cancellationToken);
        if (row is null)
        {
            return;
        }

        var batch = build(claimed.ConvertAll(recipient => recipient with
        {
            Headers = MessageIdHeader.With(recipient.Headers, stream.Partition, recipient.MessageId, sendGrid.Value.FromEmail),
        }));
        var request = batch with { HtmlTemplate = HtmlDocument.Wrap(batch.HtmlSubjectTemplate(), batch.HtmlTemplate) };
        MailLedgerResult outcome;
        try
        {
            var receipt = await batchSender.SendBatchAsync(request, cancellationToken);
            row.Status = MailLedgerEntry.Sent;
            row.SentAt = clock.GetUtcNow();
            row.ProviderMessageId = receipt.ProviderMessageId;
            outcome = new MailLedgerResult(MailLedgerOutcome.Sent);
        }
        catch (EmailDeliveryException exception)
        {
            LogBatchNotAccepted(exception, batch.Category, claimed.Count, exception.StatusCode);
            row.Status = MailLedgerEntry.Failed;
            row.Error = exception.Message;
            outcome = new MailLedgerResult(MailLedgerOutcome.Failed, exception.Message);
        }

        stream.Apply(await MarkAsync(row, CancellationToken.None));
        foreach (var recipient in claimed)
        {
            results[recipient.MessageId] = outcome;
        }
    }

    /// <summary>
    /// Inserts the next request row with the chunk's unsettled recipients, with a guard on each timed-out claim it takes over,
    /// in one entity group transaction. Losing (409: another claim took the sequence number; 412: a guarded row changed) means
    /// the stream moved on: it is read again and the chunk decided again, so nobody is claimed twice.
    /// </summary>
    private async Task<(MailRequestRow? Row, List<BatchRecipient> Claimed)> ClaimAsync(
        MailStreamView stream, EmailBatch template, List<BatchRecipient> chunk, Dictionary<string, MailLedgerResult> results, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var (claimed, guards) = (new List<BatchRecipient>(chunk.Count), new List<object>());
            foreach (var recipient in chunk.Where(r => !Settled(stream, r.MessageId, now, results)))
            {
                var guard = TimedOutClaim(stream, recipient.MessageId, now);
                if (attempt > ClaimTries || (guard is not null && !guards.Contains(guard) && guards.Count == MaxGuards))
                {
                    // Left as they are for the next send: another worker keeps winning, or the transaction has no room for the guard.
                    results[recipient.MessageId] = new MailLedgerResult(MailLedgerOutcome.InProgress);
                    continue;
                }

                claimed.Add(recipient);
                if (guard is not null && !guards.Contains(guard))
                {
                    guards.Add(guard);
                }
            }

            if (claimed.Count == 0)
            {
                return (null, claimed);
            }

            var row = new MailRequestRow
            {
                Partition = stream.Partition, Sequence = stream.LastSequence + 1, Category = template.Category, Subject = template.SubjectTemplate,
                ClaimedAt = now, ClaimToken = Guid.NewGuid().ToString("N"), Ids = claimed.ConvertAll(r => r.MessageId),
            };
            var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, row.ToEntity()) };
            actions.AddRange(guards.Select(guard => guard switch
            {
                MailRequestRow request => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                    new TableEntity(request.Partition, request.RowKey) { ["TakenOverBy"] = row.RowKey }, request.ETag),
                MailLedgerEntry single => new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                    new TableEntity(single.PartitionKey, single.RowKey) { ["TakenOverBy"] = row.RowKey }, single.ETag),
                _ => throw new InvalidOperationException("not a ledger row"),
            }));
            try
            {
                var responses = (await table.SubmitTransactionAsync(actions, cancellationToken)).Value;
                row.ETag = responses[0].Headers.ETag ?? default;
                for (var g = 0; g < guards.Count; g++)
                {
                    if (guards[g] is MailRequestRow request)
                    {
                        request.ETag = responses[g + 1].Headers.ETag ?? default;
                        request.TakenOverBy = row.RowKey;
                    }
                    else
                    {
                        ((MailLedgerEntry)guards[g]).ETag = responses[g + 1].Headers.ETag ?? default;
                    }
                }

                stream.Apply(row);
                return (row, claimed);
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412)
            {
                await ReadAsync(stream, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Writes the request's outcome under the row's ETag. If the row was rewritten meanwhile (an erasure took an id out of it,
    /// or a take-over put its guard on it) but still holds this claim, the outcome goes onto the row as it is now.
    /// </summary>
    private async Task<MailRequestRow> MarkAsync(MailRequestRow row, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await table.UpdateEntityAsync(row.ToEntity(), row.ETag, TableUpdateMode.Replace, cancellationToken);
                row.ETag = response.Headers.ETag ?? default;
                return row;
            }
            catch (RequestFailedException exception) when (exception.Status == 412 && attempt < ClaimTries)
            {
                var current = MailRequestRow.FromEntity((await table.GetEntityAsync<TableEntity>(row.Partition, row.RowKey, cancellationToken: cancellationToken)).Value);
                if (current.ClaimToken != row.ClaimToken)
                {
                    throw;
                }

                (current.Status, current.SentAt, current.ProviderMessageId, current.Error) = (row.Status, row.SentAt, row.ProviderMessageId, row.Error);
                row = current;
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "A batch of {Count} {Category} emails was not accepted for delivery (status {Status})")]
    private partial void LogBatchNotAccepted(Exception exception, string category, int count, int? status);
}
