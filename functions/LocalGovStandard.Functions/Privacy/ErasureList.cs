using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;

namespace LocalGovStandard.Privacy;

/// <summary>One erased contact: their council and the hash of their address (as the suppression list keys it), never the address itself.</summary>
public sealed class ErasedContactEntity : ITableEntity
{
    /// <summary>The council's GSS code.</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary>The contact key: the hash of the address, as on the contact row and the suppression list.</summary>
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>When the erased sign-up was made. A sign-up of the same address made later is a new one, and stays when a backup is restored.</summary>
    public DateTimeOffset SignedUpAt { get; set; }

    public DateTimeOffset ErasedAt { get; set; }
}

/// <summary>
/// Everyone ever erased, kept apart from the backups (<see cref="TableNames.BackedUp"/> leaves it out), so a
/// restore of an older backup can erase again whoever it would bring back.
/// </summary>
public sealed class ErasureList([FromKeyedServices(TableNames.ErasedContacts)] TableClient table, TimeProvider clock) : IErasedAddresses
{
    /// <summary>The partition of people erased by address who were never contacts: no GSS code looks like it.</summary>
    public const string AddressPartition = "address";

    /// <summary>
    /// The list is keyed by council, and a queued email knows only its address, so this reads across councils: the list
    /// holds one small row per erasure ever made, and the queue's function asks, not a request anyone waits on.
    /// </summary>
    public async Task<bool> ErasedSinceAsync(string address, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {SignupService.ContactKey(address)} and ErasedAt gt {since}");
        await foreach (var _ in table.QueryAsync<ErasedContactEntity>(filter, maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }

    /// <summary>
    /// Written before anything is erased, so an erasure cut off part-way is on the list too. Erasing a later sign-up
    /// of the same address moves the entry on; erasing an earlier one again (a restore) leaves it.
    /// </summary>
    public async Task AddAsync(string gssCode, string contactKey, DateTimeOffset signedUpAt, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<ErasedContactEntity>(gssCode, contactKey, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value!.SignedUpAt >= signedUpAt)
        {
            return;
        }

        await table.UpsertEntityAsync(
            new ErasedContactEntity { PartitionKey = gssCode, RowKey = contactKey, SignedUpAt = signedUpAt, ErasedAt = clock.GetUtcNow() },
            TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Someone who was never a contact (a meet-up registrant), erased by address: one entry under <see cref="AddressPartition"/>,
    /// whose SignedUpAt is the earliest moment anything about them was recorded, so asking again reads the audit trail from there.
    /// </summary>
    public async Task<DateTimeOffset> AddAddressAsync(string contactKey, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<ErasedContactEntity>(AddressPartition, contactKey, cancellationToken: cancellationToken);
        var earliest = existing.HasValue && existing.Value!.SignedUpAt < since ? existing.Value.SignedUpAt : since;
        await table.UpsertEntityAsync(
            new ErasedContactEntity { PartitionKey = AddressPartition, RowKey = contactKey, SignedUpAt = earliest, ErasedAt = clock.GetUtcNow() },
            TableUpdateMode.Replace, cancellationToken);
        return earliest;
    }

    public async Task<IReadOnlyList<ErasedContactEntity>> AllAsync(CancellationToken cancellationToken)
    {
        var entries = new List<ErasedContactEntity>();
        await foreach (var entry in table.QueryAsync<ErasedContactEntity>(cancellationToken: cancellationToken))
        {
            entries.Add(entry);
        }

        return entries;
    }
}
