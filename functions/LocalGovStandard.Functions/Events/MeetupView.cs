using System.Globalization;
using System.Text.Json;

namespace LocalGovStandard.Events;

/// <summary>The pack a meet-up uses: its id, title and public page.</summary>
public sealed record MeetupPackView(string Id, string Title, string Page);

/// <summary>A meet-up as the API answers it, read from its stored row.</summary>
public sealed record MeetupView(
    string Id, string PeerGroup, string Title, IReadOnlyList<int> Points, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Venue, string Address,
    string OnlineLink, int Capacity, int Accepted, IReadOnlyList<Speaker> Speakers, string Agenda, string? SeriesId, int Sequence, DateTimeOffset? CancelledAt,
    bool OpenForRegistration, string PublicPage, MeetupPackView? Pack, int? Attended)
{
    public static MeetupView From(EventEntity e) => new(
        e.SummitId, e.PeerGroup ?? "", e.Name, PointsOf(e), e.StartsAt, e.EndsAt, e.Venue, e.Address, e.OnlineLink ?? "", e.Capacity, e.Accepted,
        SpeakersOf(e), e.Agenda ?? "", e.SeriesId, e.Sequence, e.CancelledAt, e.OpenForRegistration, PublicEventPages.PathOf(e),
        string.IsNullOrEmpty(e.PackId) ? null : new MeetupPackView(e.PackId, e.PackTitle ?? "", e.PackPath ?? ""), e.AttendanceSet is null ? null : e.Attended);

    public static IReadOnlyList<int> PointsOf(EventEntity e) =>
        (e.Points ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();

    public static IReadOnlyList<Speaker> SpeakersOf(EventEntity e) =>
        string.IsNullOrEmpty(e.Speakers) ? [] : JsonSerializer.Deserialize<List<Speaker>>(e.Speakers, JsonSerializerOptions.Web) ?? [];
}
