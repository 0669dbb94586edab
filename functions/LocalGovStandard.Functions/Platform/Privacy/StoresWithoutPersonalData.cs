using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Platform.Privacy;

/// <summary>
/// Every table and blob container that no <see cref="IPersonalDataHolder"/> covers, with the reason. A test checks that each
/// name in <see cref="TableNames"/> and <see cref="BlobContainerNames"/> is either here or held by a holder, so a new one
/// cannot be forgotten by export and erasure.
/// </summary>
public static class StoresWithoutPersonalData
{
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [TableNames.Councils] = "the council register: councils, not people",
        [TableNames.CouncilDomains] = "councils' email domains",
        [TableNames.SubmittedAssessments] = "a council's submitted results by month: no contact's reference, name or address",
        [TableNames.ReportRuns] = "the state and counts of each monthly run",
        [TableNames.MonthlySnapshots] = "council-level figures; refreshed after every erasure",
        [TableNames.EmailQuotas] = "hourly counts under a one-way hash of an address (not the contact key), deleted within a day",
        [TableNames.ConsoleSessions] = "organiser console sessions",
        [TableNames.ContentPacks] = "peer groups' session material, filed by group: no contact's name, address or reference is stored with a pack (who changed it is in the audit log)",
        [TableNames.ErasedContacts] = "who was erased, as a hash, kept by design so a restored backup cannot bring them back",
        [BlobContainerNames.DataProtection] = "the app's data-protection keys",
        [BlobContainerNames.Evidence] = "councils' evidence files for their services, filed by assessment, not by person; erasure leaves them",
        [BlobContainerNames.Packs] = "content packs' slides and handouts, filed by pack, not by person; erasure leaves them",
        [BlobContainerNames.Backups] = "copies of the tables: erased people are erased again on every restore (ErasedContacts), and backups expire",
        [BlobContainerNames.BackupState] = "a backup's progress and lock",
    };
}
