namespace LocalGovStandard.Packs;

/// <summary>
/// What other features (events) ask of packs: a published pack to link to, and recording that an event used one, so the
/// library can say where each pack has been used.
/// </summary>
public sealed class PackQueries(PackService packs)
{
    /// <summary>The pack when it is published; null for a draft or no such pack.</summary>
    public Task<Pack?> FindPublishedAsync(string id, CancellationToken cancellationToken) =>
        packs.FindAsync(PackFacilitator.Public, id, cancellationToken);

    /// <summary>
    /// Published packs by the points they cover, the most adopted first, then the most recently published: what a
    /// suggested meet-up topic offers. One read of the library.
    /// </summary>
    public async Task<ILookup<int, Pack>> PublishedByPointAsync(CancellationToken cancellationToken)
    {
        var all = (await packs.LibraryAsync(cancellationToken)).All;
        var adoptions = all.Where(p => p.Origin is not null).GroupBy(p => p.Origin!.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return all.Where(p => p.IsPublished)
            .OrderByDescending(p => adoptions.GetValueOrDefault(p.Id))
            .ThenByDescending(p => p.PublishedAt)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .SelectMany(p => p.Points.Select(point => (Point: point, Pack: p)))
            .ToLookup(x => x.Point, x => x.Pack);
    }

    /// <summary>The pack's public page, for invitations and follow-up emails.</summary>
    public static string PagePath(string id) => $"/peer-groups/packs/{Uri.EscapeDataString(id)}";

    /// <summary>Records (once per event; again replaces) that the event used the published pack. False when there is no such published pack.</summary>
    public Task<bool> RecordUseAsync(string id, string eventId, string eventTitle, DateTimeOffset on, CancellationToken cancellationToken) =>
        packs.RecordUseAsync(id, new PackUse(eventId, eventTitle, on), cancellationToken);
}
