using System.Text.Encodings.Web;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Platform.Email;

public enum MailLedgerOutcome
{
    /// <summary>Sent now: SendGrid answered 202.</summary>
    Sent,

    /// <summary>Sent before; nothing was sent again.</summary>
    AlreadySent,

    /// <summary>Another worker holds the claim right now; nothing was sent.</summary>
    InProgress,

    /// <summary>Not accepted; the failure is recorded on the ledger row.</summary>
    Failed,
}

/// <param name="ProviderStatus">When <see cref="MailLedgerOutcome.Failed"/>: the provider's HTTP status, if it answered.</param>
public sealed record MailLedgerResult(MailLedgerOutcome Outcome, string? Error = null, int? ProviderStatus = null)
{
    /// <summary>The provider refused the message itself (a 4xx other than 429): trying it again would be refused again.</summary>
    public bool IsPermanentFailure => Outcome == MailLedgerOutcome.Failed && ProviderStatus is >= 400 and < 500 and not 429;
}

/// <summary>
/// SendGrid has no idempotency key, so we keep our own: one row per message, claimed before sending
/// (insert-if-absent) and marked sent only after SendGrid accepted it. Sending the same
/// (partition, message) again is a no-op once it is sent.
/// </summary>
public sealed partial class MailLedger(
    [FromKeyedServices(TableNames.MailLedger)] TableClient table,
    IEmailSender sender,
    IBatchEmailSender batchSender,
    TimeProvider clock,
    IOptions<SendGridOptions> sendGrid,
    ILogger<MailLedger> logger)
{
    /// <summary>How long a claim without an outcome blocks others (a crashed sender's claim is then taken over).</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);

    public async Task<MailLedgerResult> SendOnceAsync(string partition, EmailMessage message, CancellationToken cancellationToken)
    {
        var claim = await ClaimAsync(partition, message, cancellationToken);
        if (claim.Entry is null)
        {
            return new MailLedgerResult(claim.Outcome);
        }

        var entry = claim.Entry;
        try
        {
            var receipt = await sender.SendAsync(
                message with
                {
                    Headers = MessageIdHeader.With(message.Headers, partition, message.MessageId, sendGrid.Value.FromEmail),
                    HtmlBody = HtmlDocument.Wrap(HtmlEncoder.Default.Encode(message.Subject), message.HtmlBody),
                },
                cancellationToken);
            entry.Status = MailLedgerEntry.Sent;
            entry.SentAt = clock.GetUtcNow();
            entry.ProviderMessageId = receipt.ProviderMessageId;
            entry.Error = null;
            await table.UpdateEntityAsync(entry, entry.ETag, TableUpdateMode.Replace, CancellationToken.None);
            return new MailLedgerResult(MailLedgerOutcome.Sent);
        }
        catch (EmailDeliveryException exception)
        {
            LogNotAccepted(exception, message.MessageId, message.Category, exception.StatusCode);
            entry.Status = MailLedgerEntry.Failed;
            entry.Error = exception.Message;
            await table.UpdateEntityAsync(entry, entry.ETag, TableUpdateMode.Replace, CancellationToken.None);
            return new MailLedgerResult(MailLedgerOutcome.Failed, exception.Message, exception.StatusCode);
        }
    }

    [LoggerMessage(LogLevel.Error, "Email {MessageId} ({Category}) was not accepted for delivery (status {Status})")]
    private partial void LogNotAccepted(Exception exception, string messageId, string category, int? status);

    public async Task<MailLedgerEntry?> FindAsync(string partition, string messageId, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<MailLedgerEntry>(partition, messageId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Rows in the partitions from <paramref name="fromPartition"/> to <paramref name="toPartition"/> (exclusive, or just the one
    /// partition when they are equal), whose message id starts with <paramref name="idPrefix"/> when one is given.
    /// </summary>
    public async Task<List<MailLedgerEntry>> RowsAsync(string fromPartition, string toPartition, string? idPrefix, CancellationToken cancellationToken)
    {
        var partitions = fromPartition == toPartition
            ? TableClient.CreateQueryFilter($"PartitionKey eq {fromPartition}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {fromPartition} and PartitionKey lt {toPartition}");
        var filter = idPrefix is null ? partitions : partitions + TableClient.CreateQueryFilter($" and RowKey ge {idPrefix} and RowKey lt {idPrefix + "~"}");
        var rows = new List<MailLedgerEntry>();
        await foreach (var row in table.QueryAsync<MailLedgerEntry>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Deletes a row, if it is still there.</summary>
    public async Task DeleteAsync(MailLedgerEntry row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
        }
    }

    private async Task<(MailLedgerOutcome Outcome, MailLedgerEntry? Entry)> ClaimAsync(string partition, EmailMessage message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entry = new MailLedgerEntry
        {
            PartitionKey = partition,
            RowKey = message.MessageId,
            Category = message.Category,
            Subject = message.Subject,
            Status = MailLedgerEntry.Claimed,
            ClaimedAt = now,
            Attempts = 1,
        };
        try
        {
            var added = await table.AddEntityAsync(entry, cancellationToken);
            entry.ETag = added.Headers.ETag ?? default;
            return (MailLedgerOutcome.Sent, entry);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
        }

        var existing = (await table.GetEntityAsync<MailLedgerEntry>(partition, message.MessageId, cancellationToken: cancellationToken)).Value;
        if (existing.Status == MailLedgerEntry.Sent)
        {
            return (MailLedgerOutcome.AlreadySent, null);
        }

        if (existing.Status == MailLedgerEntry.Claimed && now - existing.ClaimedAt < ClaimTimeout)
        {
            return (MailLedgerOutcome.InProgress, null);
        }

        existing.Status = MailLedgerEntry.Claimed;
        existing.ClaimedAt = now;
        existing.Attempts++;
        try
        {
            var updated = await table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, cancellationToken);
            existing.ETag = updated.Headers.ETag ?? default;
            return (MailLedgerOutcome.Sent, existing);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return (MailLedgerOutcome.InProgress, null);
        }
    }
}

/// <summary>One message in the ledger. Holds no body and no address: only what is needed to prove what was sent.</summary>
public sealed class MailLedgerEntry : ITableEntity
{
    public const string Claimed = "claimed";
    public const string Sent = "sent";
    public const string Failed = "failed";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Category { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Status { get; set; } = Claimed;
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? ProviderMessageId { get; set; }
    public string? Error { get; set; }
}
