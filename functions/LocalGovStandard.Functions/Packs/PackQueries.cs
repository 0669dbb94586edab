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

    /// <summary>The pack's public page, for invitations and follow-up emails.</summary>
    public static string PagePath(string id) => $"/peer-groups/packs/{Uri.EscapeDataString(id)}";

    /// <summary>Records (once per event; again replaces) that the event used the published pack. False when there is no such published pack.</summary>
    public Task<bool> RecordUseAsync(string id, string eventId, string eventTitle, DateTimeOffset on, CancellationToken cancellationToken) =>
        packs.RecordUseAsync(id, new PackUse(eventId, eventTitle, on), cancellationToken);
}
