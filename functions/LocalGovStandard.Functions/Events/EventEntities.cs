using Azure;
using Azure.Data.Tables;

namespace LocalGovStandard.Events;

/// <summary>
/// The <c>Summits</c> table, which holds every event (ADR 0016): the name is kept so the rows, the backups and the
/// ledger streams written before events stay where they are. An event's partition (PartitionKey = summit id) holds its state row
/// (<see cref="StateRow"/>: the definition plus the seat counter) and one row per invitation, so
/// taking a seat is one entity group transaction over the counter and the invitation. The
/// <see cref="IndexPartition"/> partition lists the summits (one row each, the definition only).
/// </summary>
public static class EventKeys
{
    public const string IndexPartition = "summits";
    public const string StateRow = "summit";
    public const string InvitationPrefix = "inv|";

    /// <summary>A peer group's meet-ups are listed in a partition of their own, so a group's page is one partition query.</summary>
    public static string GroupIndexPartition(string peerGroup) => "group|" + peerGroup;

    public static string InvitationRowKey(string invitationId) => InvitationPrefix + invitationId;

    /// <summary>A registration from the public page, one per address per event (the address's pseudonymous key).</summary>
    public static string RegistrationRowKey(string contactKey) => "reg|" + contactKey;

    public static string RegistrationLedger(string eventId) => $"summit|{eventId}|registration";

    /// <summary>MailLedger partitions: one stream per summit and kind of mail.</summary>
    public static string InvitationLedger(string summitId) => $"summit|{summitId}|invitation";

    public static string ReminderLedger(string summitId, int round) => $"summit|{summitId}|reminder|{round}";

    public static string AnswerLedger(string summitId) => $"summit|{summitId}|answer";

    public static string CancellationLedger(string eventId) => $"summit|{eventId}|cancelled";

    public const string AttendeePrefix = "att|";
    public const string FollowUpRow = "followup";

    /// <summary>An attendee row of one saved set of attendance: a place's invitation id, or <c>walkin-{n}</c> for someone who came without one.</summary>
    public static string AttendeeRowKey(string set, string attendeeId) => $"{AttendeeSetPrefix(set)}{attendeeId}";

    public static string AttendeeSetPrefix(string set) => $"{AttendeePrefix}{set}|";

    public static string FollowUpLedger(string eventId) => $"summit|{eventId}|followup";

    /// <summary>One stream per move: the <paramref name="sequence"/> the move gave the event.</summary>
    public static string MoveLedger(string eventId, int sequence) => $"summit|{eventId}|moved|{sequence}";
}

public sealed class EventEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = EventKeys.StateRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string SummitId { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public string Venue { get; set; } = "";
    public string Address { get; set; } = "";
    public int Capacity { get; set; }
    public DateTimeOffset RsvpBy { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// <see cref="EventKinds.Summit"/> or <see cref="EventKinds.Meetup"/>. Rows written before events have none and are summits
    /// (<see cref="KindOrSummit"/>); <see cref="EventKindMigration"/> writes it into them.
    /// </summary>
    public string? Kind { get; set; }

    public string KindOrSummit => string.IsNullOrEmpty(Kind) ? EventKinds.Summit : Kind;

    /// <summary>A meet-up's peer group (slug); empty for a summit.</summary>
    public string? PeerGroup { get; set; }

    /// <summary>A meet-up's points of the Standard, as their numbers separated by commas ("1,8").</summary>
    public string? Points { get; set; }

    public string? OnlineLink { get; set; }

    /// <summary>The speakers as JSON (<see cref="Speaker"/>[]).</summary>
    public string? Speakers { get; set; }

    public string? Agenda { get; set; }

    /// <summary>The series a meet-up was scheduled in, if any.</summary>
    public string? SeriesId { get; set; }

    /// <summary>The iCalendar SEQUENCE: raised each time the event moves or is cancelled, so calendars replace the earlier copy (same UID).</summary>
    public int Sequence { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>Open to registration (ADR 0024): anyone with a permitted public-sector address in the group's area may register on the public page.</summary>
    public bool OpenForRegistration { get; set; }
    /// <summary>Why a meet-up was cancelled, as its lead or organiser gave it; told to those with a place.</summary>
    public string? CancelReason { get; set; }

    /// <summary>Seats taken. Changed only together with an invitation, in one transaction guarded by this row's ETag.</summary>
    public int Accepted { get; set; }

    /// <summary>The last waitlist position handed out; positions only grow, so the waitlist keeps its order.</summary>
    public int WaitlistSequence { get; set; }

    /// <summary>The published content pack the meet-up uses (its id and, for lists and mail, its title), if any.</summary>
    public string? PackId { get; set; }

    public string? PackTitle { get; set; }

    /// <summary>The pack's public page (a path), which invitations and the follow-up link to.</summary>
    public string? PackPath { get; set; }

    /// <summary>
    /// Which set of attendee rows counts (<see cref="EventKeys.AttendeeRowKey"/>); null until attendance is first recorded.
    /// Saving attendance writes a new set, then points this at it on the state row: one write, so a reader sees the old set or the new.
    /// </summary>
    public string? AttendanceSet { get; set; }

    /// <summary>How many came, per council (JSON <see cref="CouncilAttendance"/>[]); names stay on the attendee rows.</summary>
    public string? AttendedCouncils { get; set; }

    public int Attended { get; set; }

    public DateTimeOffset? AttendanceRecordedAt { get; set; }
}

public sealed class InvitationEntity : ITableEntity
{
    public const string NoAnswer = "none";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Waitlisted = "waitlisted";

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string InvitationId { get; set; } = "";
    public string Region { get; set; } = "";
    public string ContactRowKey { get; set; } = "";
    public string ContactKey { get; set; } = "";
    public string GssCode { get; set; } = "";
    public string CouncilName { get; set; } = "";
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset InvitedAt { get; set; }

    public string Response { get; set; } = NoAnswer;
    public DateTimeOffset? RespondedAt { get; set; }
    /// <summary>The ticket that orders the waiting list (see <see cref="WaitingList"/>), not the place anyone is told.</summary>
    public int WaitlistPosition { get; set; }

    /// <summary>How many times this invitee has moved into "accepted": one confirmation email each time.</summary>
    public int AcceptanceCount { get; set; }

    public string? BadgeName { get; set; }
    public string? DietaryNeeds { get; set; }
    public string? AccessNeeds { get; set; }

    /// <summary>When the person confirmed a registration from the public page; null for someone invited. Registrants are never sent invitations or reminders.</summary>
    public DateTimeOffset? RegisteredAt { get; set; }

    /// <summary>The organisation a registrant gave (their council is <see cref="CouncilName"/>, from their address).</summary>
    public string? Organisation { get; set; }
}

/// <summary>
/// The suppression list: PartitionKey "email", RowKey the address's pseudonymous key (a hash, as
/// in the Signups table), so the list itself holds no addresses.
/// </summary>
public sealed class SuppressionEntity : ITableEntity
{
    public const string Partition = "email";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset UnsubscribedAt { get; set; }
    public string Source { get; set; } = "";
}
