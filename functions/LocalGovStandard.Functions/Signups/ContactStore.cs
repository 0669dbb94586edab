using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Register;

namespace LocalGovStandard.Signups;

/// <summary>
/// The Signups table as other features use it: Access, Assessments, Summits, Privacy and Backups read contacts and
/// make their few changes to a contact row here, so the table keeps one owner and its keys and filters stay in Signups.
/// </summary>
public sealed class ContactStore(
    [FromKeyedServices(TableNames.Signups)] TableClient table,
    SignupQueries queries,
    ContactStandings standings,
    TimeProvider clock)
{
    public async Task<ContactEntity?> GetAsync(string region, string rowKey, CancellationToken cancellationToken) =>
        await table.GetEntityIfExistsAsync<ContactEntity>(region, rowKey, cancellationToken: cancellationToken) is { HasValue: true } found ? found.Value : null;

    public Task<ContactEntity?> GetAsync(string region, string gssCode, string contactKey, CancellationToken cancellationToken) =>
        GetAsync(region, SignupKeys.ContactRowKey(gssCode, contactKey), cancellationToken);

    public Task<ContactEntity?> FindByReferenceAsync(Council council, string reference, CancellationToken cancellationToken) =>
        queries.FindByReferenceAsync(council, reference, cancellationToken);

    /// <summary>The proven contacts in a region with this address (one person can act for several councils).</summary>
    public Task<List<ContactEntity>> VerifiedWithAddressAsync(string region, string contactKey, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {region} and Kind eq {SignupKeys.ContactKind} and ContactKey eq {contactKey} and Status eq {ContactEntity.Verified}"), cancellationToken);

    /// <summary>Every contact with this address, in any region and of any status: whether a person named by address is a contact.</summary>
    public async Task<List<ContactEntity>> AnyWithAddressAsync(string contactKey, CancellationToken cancellationToken)
    {
        var found = new List<ContactEntity>();
        foreach (var region in Regions.All)
        {
            found.AddRange(await QueryAsync(TableClient.CreateQueryFilter(
                $"PartitionKey eq {region.Slug} and Kind eq {SignupKeys.ContactKind} and ContactKey eq {contactKey}"), cancellationToken));
        }

        return found;
    }

    /// <summary>The proven contacts in a region who agreed to be contacted, proven before the given moment.</summary>
    public Task<List<ContactEntity>> ContactableAsync(string region, DateTimeOffset verifiedBefore, CancellationToken cancellationToken) =>
        ContactableAsync(region, verifiedBefore, null, cancellationToken);

    /// <param name="columns">Only these columns (besides the keys), when a caller needs few of a contact's many: a large selection reads less.</param>
    public Task<List<ContactEntity>> ContactableAsync(string region, DateTimeOffset verifiedBefore, IEnumerable<string>? columns, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {region} and Kind eq {SignupKeys.ContactKind} and Status eq {ContactEntity.Verified} and ConsentToContact eq {true} and VerifiedAt lt {verifiedBefore}"),
            columns is null ? null : ["PartitionKey", "RowKey", .. columns], cancellationToken);

    /// <summary>A council's proven and approved contacts (one partition, one council's RowKey range).</summary>
    public Task<List<ContactEntity>> ApprovedForCouncilAsync(string region, string gssCode, CancellationToken cancellationToken)
    {
        var (from, to) = SignupKeys.ContactRange(gssCode);
        return QueryAsync(TableClient.CreateQueryFilter(
            $"PartitionKey eq {region} and RowKey ge {from} and RowKey lt {to} and Kind eq {SignupKeys.ContactKind} and Status eq {ContactEntity.Verified}"), cancellationToken);
    }

    /// <summary>Keeps a new sign-in link's nonce on the contact; false when the row changed or went since it was read.</summary>
    public Task<bool> AddAccessLinkAsync(ContactEntity contact, string nonce, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        contact.AccessNonceHashes = OutstandingLinks.Add(contact.AccessNonceHashes, nonce, expiresAt, clock.GetUtcNow());
        return ReplaceUnchangedAsync(contact, cancellationToken);
    }

    /// <summary>Spends every sign-in link the contact holds and gives them a security stamp for their session; false when the row changed since it was read.</summary>
    public Task<bool> SpendAccessLinksAsync(ContactEntity contact, CancellationToken cancellationToken)
    {
        contact.AccessNonceHashes = null;
        contact.SecurityStamp ??= ContactApprovals.NewStamp();
        return ReplaceUnchangedAsync(contact, cancellationToken);
    }

    public async Task<ErasureEntity?> FindErasureAsync(Council council, string reference, CancellationToken cancellationToken) =>
        await table.GetEntityIfExistsAsync<ErasureEntity>(council.Region.Slug, ErasureEntity.RowKeyFor(council.GssCode, reference), cancellationToken: cancellationToken)
            is { HasValue: true } found ? found.Value : null;

    /// <summary>
    /// Swaps the contact row for an <see cref="ErasureEntity"/> naming the workbooks still to rebuild. A verification
    /// counted on the council row at the same moment changes its ETag: both rows are read again and it is retried.
    /// </summary>
    public async Task<ErasureEntity> ReplaceWithErasureAsync(ContactEntity contact, IReadOnlyList<string> workbooksNaming, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await ReplaceOnceAsync(contact, workbooksNaming, cancellationToken);
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 404 or 409 or 412 && attempt < 4)
            {
                contact = await GetAsync(contact.PartitionKey, contact.RowKey, cancellationToken)
                    ?? throw new RequestFailedException(409, "The contact was removed while being erased; ask again to finish.");
            }
        }
    }

    public async Task DeleteErasureAsync(ErasureEntity erasure, CancellationToken cancellationToken) =>
        await table.DeleteEntityAsync(erasure.PartitionKey, erasure.RowKey, ETag.All, cancellationToken);

    /// <summary>One entity group transaction: the contact row goes, the council's count of verified contacts follows, and the erasure row takes its place.</summary>
    private async Task<ErasureEntity> ReplaceOnceAsync(ContactEntity contact, IReadOnlyList<string> workbooksNaming, CancellationToken cancellationToken)
    {
        var erasure = new ErasureEntity
        {
            PartitionKey = contact.PartitionKey,
            RowKey = ErasureEntity.RowKeyFor(contact.GssCode, contact.Reference),
            StartedAt = clock.GetUtcNow(),
            PendingWorkbooks = string.Join(';', workbooksNaming),
        };
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Delete, contact, ETag.All),
            new(TableTransactionActionType.UpsertReplace, erasure),
        };
        // The council is signed up while someone proven acts for it: erasing the last one takes its sign-up with them.
        if (contact.Status == ContactEntity.Verified && await CouncilCount.RemoveOneAsync(table, contact, cancellationToken) is { } countDown)
        {
            actions.Add(countDown);
        }

        await table.SubmitTransactionAsync(actions, cancellationToken);
        standings.Forget(contact);
        return erasure;
    }

    private Task<bool> ReplaceUnchangedAsync(ContactEntity contact, CancellationToken cancellationToken) =>
        TryReplaceUnchangedAsync(table, contact, cancellationToken);

    /// <summary>Replaces the contact row if nobody changed or removed it since it was read; false if somebody did.</summary>
    internal static async Task<bool> TryReplaceUnchangedAsync(TableClient table, ContactEntity contact, CancellationToken cancellationToken)
    {
        try
        {
            await table.UpdateEntityAsync(contact, contact.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return false;
        }
    }

    private Task<List<ContactEntity>> QueryAsync(string filter, CancellationToken cancellationToken) => QueryAsync(filter, null, cancellationToken);

    private async Task<List<ContactEntity>> QueryAsync(string filter, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var contacts = new List<ContactEntity>();
        await foreach (var contact in table.QueryAsync<ContactEntity>(filter, select: select, cancellationToken: cancellationToken))
        {
            contacts.Add(contact);
        }

        return contacts;
    }
}
