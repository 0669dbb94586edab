using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Signups;

/// <summary>
/// Written by a personal-data erasure (Privacy) through <see cref="ContactStore"/>. Takes the contact row's place, in the same transaction that deletes it, until the stored workbooks
/// that named the person have been rebuilt; then it is deleted too. It holds no personal data, and
/// lets an erasure interrupted part-way be finished by asking again.
/// </summary>
public sealed class ErasureEntity : ITableEntity
{
    public const string ErasureKind = "erasure";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>Not "contact": every query of contacts filters on Kind, so none of them sees this row.</summary>
    public string Kind { get; set; } = ErasureKind;
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Stored workbooks (blob names in the reports container) still to rebuild, separated by ';'.</summary>
    public string PendingWorkbooks { get; set; } = "";

    public static string RowKeyFor(string gssCode, string reference) => $"erasure|{gssCode}|{reference}";

    public IReadOnlyList<string> Workbooks() => PendingWorkbooks.Split(';', StringSplitOptions.RemoveEmptyEntries);
}
