using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Platform.Audit;

/// <summary>
/// Append-only record of every change made by a person or a timer. Partitioned by month;
/// row keys sort newest first. Subjects are record keys, never personal data.
/// </summary>
public sealed class AuditLog([FromKeyedServices(TableNames.AuditLog)] TableClient table, TimeProvider clock)
{
    public async Task WriteAsync(string actor, string action, string subject, string? details = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await table.AddEntityAsync(Entry(new AuditRecord(actor, action, subject, details), now, Guid.NewGuid().ToString("N")), cancellationToken);
    }

    /// <summary>
    /// Writes a change recorded earlier, at <paramref name="at"/>, once: <paramref name="key"/> names it (letters, digits
    /// and hyphens), and writing it again, as a retried delivery does, finds it there and changes nothing, unless
    /// <paramref name="replace"/> says to put this wording in place of what is there (the same entry, scrubbed).
    /// </summary>
    public async Task WriteOnceAsync(AuditRecord record, DateTimeOffset at, string key, CancellationToken cancellationToken, bool replace = false)
    {
        if (replace)
        {
            await table.UpsertEntityAsync(Entry(record, at, key), TableUpdateMode.Replace, cancellationToken);
            return;
        }

        try
        {
            await table.AddEntityAsync(Entry(record, at, key), cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
        }
    }

    private static AuditEntry Entry(AuditRecord record, DateTimeOffset at, string key) => new()
    {
        PartitionKey = at.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        RowKey = $"{DateTimeOffset.MaxValue.Ticks - at.Ticks:D19}-{key}",
        At = at,
        Actor = record.Actor,
        Action = record.Action,
        Subject = record.Subject,
        Details = record.Details,
    };

    /// <summary>One page of a month's entries, newest first (the row keys sort that way), and where the next page starts.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, string? Next)> PageAsync(DateTimeOffset month, string? continuation, int size, CancellationToken cancellationToken)
    {
        var partition = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var page in table.QueryAsync<AuditEntry>(filter, maxPerPage: size, cancellationToken: cancellationToken).AsPages(continuation, size))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    public async Task<IReadOnlyList<AuditEntry>> ForMonthAsync(DateTimeOffset month, CancellationToken cancellationToken)
    {
        var partition = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        var entries = new List<AuditEntry>();
        await foreach (var entry in table.QueryAsync<AuditEntry>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(entry);
        }

        return entries;
    }
}

/// <summary>What an audit entry says: who did what to which record (a key, never personal data).</summary>
public sealed record AuditRecord(string Actor, string Action, string Subject, string? Details = null);

public sealed class AuditEntry : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset At { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? Details { get; set; }
}
