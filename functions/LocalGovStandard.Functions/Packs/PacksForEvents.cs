using LocalGovStandard.Events;

namespace LocalGovStandard.Packs;

/// <summary>The library as events see it (<see cref="IEventPacks"/>): published packs only, since events link to them publicly.</summary>
public sealed class PacksForEvents(PackQueries queries, PackService packs) : IEventPacks
{
    public async Task<EventPack?> FindPublishedAsync(string id, CancellationToken cancellationToken) =>
        await queries.FindPublishedAsync(id, cancellationToken) is { } pack ? Of(pack) : null;

    public async Task<IReadOnlyList<EventPack>> PublishedAsync(CancellationToken cancellationToken) =>
        (await packs.LibraryAsync(cancellationToken)).All.Where(p => p.IsPublished).OrderBy(p => p.Title, StringComparer.CurrentCulture).Select(Of).ToList();

    public Task<bool> RecordUseAsync(string id, string eventId, string eventTitle, DateTimeOffset startsAt, CancellationToken cancellationToken) =>
        queries.RecordUseAsync(id, eventId, eventTitle, startsAt, cancellationToken);

    private static EventPack Of(Pack pack) => new(pack.Id, pack.Title, pack.Points, PackQueries.PagePath(pack.Id));
}
