using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Privacy;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;
using LocalGovStandard.Events;

namespace LocalGovStandard.Backups;

/// <summary>
/// After a restore, erases again everyone on the <see cref="ErasureList"/> the backup brought back: a restored contact
/// row made no later than the erased sign-up goes through the whole erasure; without one, their summit invitations and
/// mail-ledger rows (keyed by the address's hash) still go, as do the registrations and mail of someone erased by address.
/// </summary>
public sealed class ErasuresOnRestore(
    ErasureList erasures,
    CouncilDirectory directory,
    ContactStore contacts,
    PersonalData personalData,
    EventPersonalData summits,
    ContactMail mail)
{
    public const string Actor = "restore-backup";

    /// <summary>Tables where an erased person is found by name or address only through their contact row.</summary>
    public static readonly string[] NeedTheContactRow = [TableNames.Assessments, TableNames.PeerGroups, TableNames.AuditLog];

    public Task<IReadOnlyList<ErasedContactEntity>> EntriesAsync(CancellationToken cancellationToken) => erasures.AllAsync(cancellationToken);

    /// <returns>How many erased people the restore had brought back.</returns>
    public async Task<int> ApplyAsync(IReadOnlyList<ErasedContactEntity> entries, CancellationToken cancellationToken)
    {
        directory.Invalidate();
        var erased = 0;
        foreach (var entry in entries)
        {
            var (gss, key) = (entry.PartitionKey, entry.RowKey);
            var council = await directory.FindByCodeAsync(gss, cancellationToken);
            var contact = council is null
                ? null
                : await contacts.GetAsync(council.Region.Slug, gss, key, cancellationToken);
            if (contact is not null)
            {
                if (contact.CreatedAt <= entry.SignedUpAt)
                {
                    await personalData.EraseAsync(new ContactLocation(council!, contact, null), Actor, cancellationToken);
                    erased++;
                }

                continue;
            }

            // Someone erased by address was never a contact: their rows are found by the address's key alone.
            var rowsGss = gss == ErasureList.AddressPartition ? "" : gss;
            var rows = await summits.EraseAsync(rowsGss, key, cancellationToken) + await mail.EraseAsync(rowsGss, key, cancellationToken);
            erased += rows > 0 ? 1 : 0;
        }

        return erased;
    }
}
