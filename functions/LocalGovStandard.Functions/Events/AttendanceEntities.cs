using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Events;

/// <summary>
/// One person who came, in one saved set of an event's attendance (RowKey <see cref="EventKeys.AttendeeRowKey"/>, in the
/// event's partition): someone with a place (<see cref="InvitationId"/>; their name stays on the invitation) or someone who
/// came without one (<see cref="WalkInName"/>).
/// </summary>
public sealed class AttendeeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string InvitationId { get; set; } = "";
    public string GssCode { get; set; } = "";
    public string CouncilName { get; set; } = "";

    /// <summary>Only for someone who came without a place: the name the lead typed.</summary>
    public string WalkInName { get; set; } = "";

    public bool IsWalkIn => InvitationId.Length == 0;
}

/// <summary>How many people from one council came to an event: what the workbook and the council's page show.</summary>
public sealed record CouncilAttendance(string GssCode, string CouncilName, int Attended);

/// <summary>The follow-up email of one event (RowKey <see cref="EventKeys.FollowUpRow"/>): its message is fixed by the first send, so a resumed send repeats it.</summary>
public sealed class FollowUpEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = EventKeys.FollowUpRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Message { get; set; } = "";
    public string SentBy { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
}
