using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Platform.Email;

/// <summary>
/// One provider request of a personalised batch in the mail ledger (ADR 0026): the message ids it claims, written before the
/// request and marked sent (only after 202) or failed after it. Its RowKey carries a sequence number, gapless within the stream,
/// so inserting the next number is a compare-and-swap on everything claimed so far. Holds no address and no body.
/// </summary>
public sealed class MailRequestRow
{
    /// <summary>Sorts after every message id, which never starts with a tilde.</summary>
    public const string KeyPrefix = "~request-";

    /// <summary>A string property holds at most 32K characters; the ids are split over properties of at most this many.</summary>
    private const int PartLength = 30_000;

    /// <summary>The ids' share of the 1 MiB entity limit (two bytes a character), leaving room for the rest of the row.</summary>
    public const int MaxIdCharacters = 400_000;

    private const string IdsProperty = "Ids";

    public required string Partition { get; init; }
    public required int Sequence { get; init; }
    public string RowKey => Key(Sequence);
    public ETag ETag { get; set; }

    public string Category { get; init; } = "";
    public string Subject { get; init; } = "";
    public string Status { get; set; } = MailLedgerEntry.Claimed;
    public DateTimeOffset ClaimedAt { get; init; }

    /// <summary>Set once at the claim: lets the claimant mark its own row after someone else (an erasure) rewrote its id list.</summary>
    public required string ClaimToken { get; init; }
    public DateTimeOffset? SentAt { get; set; }
    public string? ProviderMessageId { get; set; }
    public string? Error { get; set; }

    /// <summary>The later request that took over this one's timed-out claim (for the record; its write is the take-over's ETag guard).</summary>
    public string? TakenOverBy { get; set; }
    public List<string> Ids { get; init; } = [];

    public static string Key(int sequence) => KeyPrefix + sequence.ToString("D6", CultureInfo.InvariantCulture);

    public static bool IsRequestKey(string rowKey) => rowKey.StartsWith(KeyPrefix, StringComparison.Ordinal);

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(Partition, RowKey)
        {
            ["Category"] = Category, ["Subject"] = Subject, ["Status"] = Status, ["ClaimedAt"] = ClaimedAt, ["ClaimToken"] = ClaimToken,
            ["SentAt"] = SentAt, ["ProviderMessageId"] = ProviderMessageId, ["Error"] = Error, ["TakenOverBy"] = TakenOverBy, ["Count"] = Ids.Count,
        };
        var part = 0;
        var text = new System.Text.StringBuilder();
        foreach (var id in Ids)
        {
            if (text.Length > 0 && text.Length + 1 + id.Length > PartLength)
            {
                entity[IdsProperty + part++.ToString(CultureInfo.InvariantCulture)] = text.ToString();
                text.Clear();
            }

            text.Append(text.Length > 0 ? "\n" : "").Append(id);
        }

        if (text.Length > 0)
        {
            entity[IdsProperty + part.ToString(CultureInfo.InvariantCulture)] = text.ToString();
        }

        entity.ETag = ETag;
        return entity;
    }

    public static MailRequestRow FromEntity(TableEntity entity)
    {
        var ids = new List<string>(entity.GetInt32("Count") ?? 0);
        for (var part = 0; entity.GetString(IdsProperty + part.ToString(CultureInfo.InvariantCulture)) is { } text; part++)
        {
            ids.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return new MailRequestRow
        {
            Partition = entity.PartitionKey,
            Sequence = int.Parse(entity.RowKey.AsSpan(KeyPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture),
            ETag = entity.ETag,
            Category = entity.GetString("Category") ?? "",
            Subject = entity.GetString("Subject") ?? "",
            Status = entity.GetString("Status") ?? MailLedgerEntry.Claimed,
            ClaimedAt = entity.GetDateTimeOffset("ClaimedAt") ?? default,
            ClaimToken = entity.GetString("ClaimToken") ?? "",
            SentAt = entity.GetDateTimeOffset("SentAt"),
            ProviderMessageId = entity.GetString("ProviderMessageId"),
            Error = entity.GetString("Error"),
            TakenOverBy = entity.GetString("TakenOverBy"),
            Ids = ids,
        };
    }
}
