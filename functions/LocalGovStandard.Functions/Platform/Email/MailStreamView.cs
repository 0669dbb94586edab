using Azure.Data.Tables;

namespace LocalGovStandard.Platform.Email;

/// <summary>
/// What one mail stream's ledger partition says about each recipient (ADR 0026): a recipient's state is that of the last
/// request row (highest sequence) listing their message id, or else of their own row, as sends wrote before request rows
/// (and as single messages still are written). A copy read earlier may be stale; every claim made from it is still guarded.
/// </summary>
public sealed class MailStreamView
{
    private readonly Dictionary<string, MailLedgerEntry> _recipients = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MailRequestRow> _holders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MailLedgerEntry> _singleRows = new(StringComparer.Ordinal);
    private readonly Dictionary<int, MailRequestRow> _requests = [];

    public MailStreamView(string partition, IEnumerable<TableEntity> rows)
    {
        Partition = partition;
        Load(rows);
    }

    /// <summary>Forgets what was read before and takes in the stream as read now.</summary>
    public void Reload(IEnumerable<TableEntity> rows)
    {
        _recipients.Clear();
        _holders.Clear();
        _singleRows.Clear();
        _requests.Clear();
        LastSequence = 0;
        Load(rows);
    }

    private void Load(IEnumerable<TableEntity> rows)
    {
        var requests = new List<MailRequestRow>();
        foreach (var row in rows)
        {
            if (MailRequestRow.IsRequestKey(row.RowKey))
            {
                requests.Add(MailRequestRow.FromEntity(row));
            }
            else
            {
                var single = SingleRow(row);
                _singleRows[single.RowKey] = single;
                _recipients[single.RowKey] = single;
            }
        }

        foreach (var request in requests.OrderBy(r => r.Sequence))
        {
            Apply(request);
        }
    }

    public string Partition { get; }

    /// <summary>Each recipient's state, keyed by message id (a request row's state, spelt as a row of its own).</summary>
    public IReadOnlyDictionary<string, MailLedgerEntry> Recipients => _recipients;

    /// <summary>The request rows, in sequence order.</summary>
    public IEnumerable<MailRequestRow> Requests => _requests.Values.OrderBy(r => r.Sequence);

    /// <summary>The highest sequence seen; the next claim inserts the one after it.</summary>
    public int LastSequence { get; private set; }

    /// <summary>Sequences are gapless in storage, so a missing one means the read raced a claim (a later page saw a later row).</summary>
    public bool IsWhole => _requests.Count == LastSequence;

    public MailRequestRow? RequestHolding(string messageId) => _holders.GetValueOrDefault(messageId);

    /// <summary>The recipient's own row (written before request rows), when no request row lists them.</summary>
    public MailLedgerEntry? SingleRowHolding(string messageId) =>
        _holders.ContainsKey(messageId) ? null : _singleRows.GetValueOrDefault(messageId);

    /// <summary>Takes in a request row, new or changed; its recipients' state follows it unless a later request lists them.</summary>
    public void Apply(MailRequestRow row)
    {
        _requests[row.Sequence] = row;
        LastSequence = Math.Max(LastSequence, row.Sequence);
        foreach (var id in row.Ids)
        {
            var holder = _holders.GetValueOrDefault(id);
            if (holder is not null && holder.Sequence > row.Sequence)
            {
                continue;
            }

            var earlier = _recipients.GetValueOrDefault(id);
            var attempts = holder?.Sequence == row.Sequence ? earlier!.Attempts : (earlier?.Attempts ?? 0) + 1;
            _holders[id] = row;
            _recipients[id] = new MailLedgerEntry
            {
                PartitionKey = Partition, RowKey = id, Category = row.Category, Subject = row.Subject, Status = row.Status, ClaimedAt = row.ClaimedAt,
                SentAt = row.SentAt, Attempts = attempts, ProviderMessageId = row.ProviderMessageId, Error = row.Error, ETag = row.ETag,
            };
        }
    }

    private static MailLedgerEntry SingleRow(TableEntity row) => new()
    {
        PartitionKey = row.PartitionKey, RowKey = row.RowKey, ETag = row.ETag, Timestamp = row.Timestamp,
        Category = row.GetString(nameof(MailLedgerEntry.Category)) ?? "",
        Subject = row.GetString(nameof(MailLedgerEntry.Subject)) ?? "",
        Status = row.GetString(nameof(MailLedgerEntry.Status)) ?? MailLedgerEntry.Claimed,
        ClaimedAt = row.GetDateTimeOffset(nameof(MailLedgerEntry.ClaimedAt)) ?? default,
        SentAt = row.GetDateTimeOffset(nameof(MailLedgerEntry.SentAt)),
        Attempts = row.GetInt32(nameof(MailLedgerEntry.Attempts)) ?? 0,
        ProviderMessageId = row.GetString(nameof(MailLedgerEntry.ProviderMessageId)),
        Error = row.GetString(nameof(MailLedgerEntry.Error)),
    };
}
