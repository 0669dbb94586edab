namespace LocalGovStandard.Events;

/// <summary>The body of a reminder send: which round (1 or 2).</summary>
public sealed record ReminderRequest(int? Round);
