using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;

namespace LocalGovStandard.Bench;

/// <summary>Verified, consenting contacts spread over the register's councils, written straight into the Signups table.</summary>
internal static class VerifiedContacts
{
    public static async Task WriteAsync(string connectionString, IReadOnlyList<CouncilEntity> councils, int count, DateTimeOffset verifiedAt)
    {
        var table = new TableClient(connectionString, TableNames.Signups);
        await table.CreateIfNotExistsAsync();
        var contacts = Enumerable.Range(0, count).Select(i =>
        {
            var contact = BenchContacts.Pending(councils[i % councils.Count], BenchContacts.Email("invitee", i), i, verifiedAt);
            contact.Status = ContactEntity.Verified;
            contact.VerifiedAt = verifiedAt;
            return contact;
        });
        foreach (var batch in contacts.GroupBy(c => c.PartitionKey).SelectMany(region => region.Chunk(100)))
        {
            await table.SubmitTransactionAsync(batch.Select(c => new TableTransactionAction(TableTransactionActionType.Add, c)));
        }
    }
}
