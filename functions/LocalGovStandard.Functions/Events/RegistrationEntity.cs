using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Events;

/// <summary>
/// A registration from an event's public page, in the event's partition (RowKey <see cref="EventKeys.RegistrationRowKey"/>):
/// who asked, until they confirm their address by the emailed link. It holds no place; confirming makes an invitation row,
/// which does. One per address per event: a repeat keeps the first and is answered the same way.
/// </summary>
public sealed class RegistrationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ContactKey { get; set; } = "";
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string Organisation { get; set; } = "";
    public string GssCode { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string Region { get; set; } = "";
    public DateTimeOffset RequestedAt { get; set; }

    /// <summary>When the emailed link was used; the link works once.</summary>
    public DateTimeOffset? ConfirmedAt { get; set; }
}
