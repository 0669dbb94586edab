namespace LocalGovStandard.Events;

public static class EventKinds
{
    public const string Summit = "summit";
    public const string Meetup = "meetup";
}

public sealed record Speaker(string Name, string Organisation, string TalkTitle);
