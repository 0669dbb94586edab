using Azure.Data.Tables;

namespace LocalGovStandard.Signups;

/// <summary>
/// The council's signed-up row counts its proven contacts; it is created by the first one, at the moment the council
/// counts as signed up. Callers put the returned action in the same transaction as the contact's change.
/// </summary>
internal static class CouncilCount
{
    public static async Task<TableTransactionAction> AddOneAsync(TableClient table, ContactEntity contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<CouncilSignupEntity>(contact.PartitionKey, contact.GssCode, cancellationToken: cancellationToken);
        if (existing.HasValue)
        {
            var council = existing.Value!;
            council.VerifiedContacts++;
            return new TableTransactionAction(TableTransactionActionType.UpdateReplace, council, council.ETag);
        }

        return new TableTransactionAction(TableTransactionActionType.Add, new CouncilSignupEntity
        {
            PartitionKey = contact.PartitionKey,
            RowKey = contact.GssCode,
            CouncilName = contact.CouncilName,
            SignedUpAt = now,
            VerifiedContacts = 1,
        });
    }

    /// <summary>Null when the council has no row (nothing to count down).</summary>
    public static async Task<TableTransactionAction?> RemoveOneAsync(TableClient table, ContactEntity contact, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<CouncilSignupEntity>(contact.PartitionKey, contact.GssCode, cancellationToken: cancellationToken);
        if (!existing.HasValue)
        {
            return null;
        }

        var council = existing.Value!;
        if (council.VerifiedContacts <= 1)
        {
            return new TableTransactionAction(TableTransactionActionType.Delete, council, council.ETag);
        }

        council.VerifiedContacts--;
        return new TableTransactionAction(TableTransactionActionType.UpdateReplace, council, council.ETag);
    }
}
