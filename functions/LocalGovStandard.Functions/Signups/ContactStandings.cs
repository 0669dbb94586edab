using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace LocalGovStandard.Signups;

/// <summary>
/// Whether a session's contact may still act: they are proven for the council and their security stamp is the one the
/// session was issued with. One point read, kept for a few seconds per instance, so a sign-out, decline, erasure or
/// "sign out everywhere" ends every session within that time everywhere, and at once on the instance that made it.
/// </summary>
public sealed class ContactStandings([FromKeyedServices(TableNames.Signups)] TableClient table, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private sealed record Standing(string Status, string? Stamp);

    public async Task<bool> IsCurrentAsync(string region, string gssCode, string contactKey, string? stamp, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(stamp))
        {
            return false;
        }

        var rowKey = SignupKeys.ContactRowKey(gssCode, contactKey);
        var standing = await cache.GetOrCreateAsync(CacheKey(region, rowKey), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var found = await table.GetEntityIfExistsAsync<ContactEntity>(region, rowKey, select: [nameof(ContactEntity.Status), nameof(ContactEntity.SecurityStamp)], cancellationToken: cancellationToken);
            return found.HasValue ? new Standing(found.Value!.Status, found.Value.SecurityStamp) : new Standing("", null);
        });
        return standing is { Status: ContactEntity.Verified, Stamp: { } current }
               && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(current), Encoding.UTF8.GetBytes(stamp));
    }

    /// <summary>This instance forgets what it knew of the contact at once (the others within <see cref="CacheFor"/>).</summary>
    public void Forget(ContactEntity contact) => cache.Remove(CacheKey(contact.PartitionKey, contact.RowKey));

    private static string CacheKey(string region, string rowKey) => $"contact-standing|{region}|{rowKey}";
}
