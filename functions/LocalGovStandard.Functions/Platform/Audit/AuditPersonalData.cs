using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Platform.Audit;

public sealed record ExportedAuditEntry(DateTimeOffset At, string Actor, string Action, string Subject);

/// <summary>
/// Audit entries that name a contact by their reference or key (as actor or subject). Entries never
/// hold names or addresses, but after an erasure they must not point at the person either, so the
/// identifiers are replaced and the entries keep only what happened and when. The log is read month
/// by month from the contact's sign-up, the only months that can mention them.
/// </summary>
[HoldsPersonalData(TableNames.AuditLog)]
public sealed class AuditPersonalData([FromKeyedServices(TableNames.AuditLog)] TableClient table, TimeProvider clock) : IPersonalDataHolder
{
    public const string Replacement = "erased";

    public ErasureStage Stage => ErasureStage.AuditTrail;

    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken) =>
        sections.Add("auditEntries", (await MentionsAsync(subject.SignedUpAt, Identifiers(subject), cancellationToken))
            .Select(e => new ExportedAuditEntry(e.At, e.Actor, e.Action, e.Subject)).ToList());

    public async Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken) =>
        erasure.Count("auditEntries", "Audit entries no longer pointing at them", await ScrubAsync(subject.SignedUpAt, Identifiers(subject), cancellationToken));

    /// <summary>Someone known by address alone has no reference: an empty identifier would match every entry.</summary>
    private static List<string> Identifiers(DataSubject subject) => new[] { subject.Reference, subject.ContactKey }.Where(id => id.Length > 0).ToList();

    private async Task<IReadOnlyList<AuditEntry>> MentionsAsync(DateTimeOffset since, IReadOnlyList<string> identifiers, CancellationToken cancellationToken)
    {
        var found = new List<AuditEntry>();
        var now = clock.GetUtcNow();
        for (var month = new DateTimeOffset(since.Year, since.Month, 1, 0, 0, 0, TimeSpan.Zero); month <= now; month = month.AddMonths(1))
        {
            var partition = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            await foreach (var entry in table.QueryAsync<AuditEntry>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
            {
                if (identifiers.Any(id => Mentions(entry, id)))
                {
                    found.Add(entry);
                }
            }
        }

        return found;
    }

    private async Task<int> ScrubAsync(DateTimeOffset since, IReadOnlyList<string> identifiers, CancellationToken cancellationToken)
    {
        var entries = await MentionsAsync(since, identifiers, cancellationToken);
        foreach (var entry in entries)
        {
            foreach (var id in identifiers)
            {
                entry.Actor = entry.Actor.Replace(id, Replacement, StringComparison.Ordinal);
                entry.Subject = entry.Subject.Replace(id, Replacement, StringComparison.Ordinal);
                entry.Details = entry.Details?.Replace(id, Replacement, StringComparison.Ordinal);
            }

            await table.UpdateEntityAsync(entry, ETag.All, TableUpdateMode.Replace, cancellationToken);
        }

        return entries.Count;
    }

    private static bool Mentions(AuditEntry entry, string id) =>
        entry.Actor.Contains(id, StringComparison.Ordinal)
        || entry.Subject.Contains(id, StringComparison.Ordinal)
        || entry.Details?.Contains(id, StringComparison.Ordinal) == true;
}
