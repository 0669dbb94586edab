using System.Globalization;

namespace LocalGovStandard.Events;

/// <summary>
/// The door a meet-up page was opened through: a group's lead on the lead's pages, or an organiser in the console. Both show
/// the same pages over <see cref="MeetupScheduler"/>; the door gives the links, the layout and who the audit log says acted.
/// </summary>
public sealed record MeetupDoor(PeerGroups.PeerGroup Group, bool ForOrganiser, string Actor)
{
    public string EventsPath => (ForOrganiser ? "/organiser" : "") + $"/peer-groups/{Group.Slug}/events";

    public string PathOf(EventEntity meetup, string page) => $"{EventsPath}/{Uri.EscapeDataString(meetup.SummitId)}/{page}";

    public static string People(int count, string one = "person", string many = "people") =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many)}";
}
