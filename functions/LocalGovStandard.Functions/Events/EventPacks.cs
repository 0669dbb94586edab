namespace LocalGovStandard.Events;

/// <summary>A published content pack as an event shows it: its id, title, the points it covers and its public page.</summary>
public sealed record EventPack(string Id, string Title, IReadOnlyList<int> Points, string PagePath);

/// <summary>
/// What events need of the pack library, declared here and implemented by Packs (which already depends on the console, which
/// depends on Events): so Events never depends on Packs and no cycle closes (ADR 0025).
/// </summary>
public interface IEventPacks
{
    /// <summary>The pack when it is published; null for a draft or no such pack.</summary>
    Task<EventPack?> FindPublishedAsync(string id, CancellationToken cancellationToken);

    /// <summary>The published packs covering any of the points, for the pack choice on the meet-up forms.</summary>
    Task<IReadOnlyList<EventPack>> PublishedAsync(CancellationToken cancellationToken);

    /// <summary>Records (once per event; again replaces) that the event used the pack, so the library says where it was used.</summary>
    Task<bool> RecordUseAsync(string id, string eventId, string eventTitle, DateTimeOffset startsAt, CancellationToken cancellationToken);
}
