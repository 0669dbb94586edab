using LocalGovStandard.Access;
using LocalGovStandard.PeerGroupSetup;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;
using LocalGovStandard.Events;

namespace LocalGovStandard.Privacy;

public sealed record ExportedEmail(string Stream, string MessageId, string Category, string Subject, string Status, DateTimeOffset? SentAt);

/// <summary>
/// The mail ledger rows about one contact, read and deleted through the ledger (and their message ids taken out of the request
/// rows of batch sends). They hold no address, but their message ids carry the contact's key: the verification and sign-in streams, each event's streams (a meet-up's registration link among them), each new peer group's announcement, and the monthly workbook emails if
/// they were also a peer group's lead (whose key is the start of the same hash). The streams belong to several features,
/// which is why Privacy, which knows them all, holds this.
/// </summary>
[HoldsPersonalData(TableNames.MailLedger)]
public sealed class ContactMail(MailLedger ledger, EventStore summits) : IPersonalDataHolder
{
    public async Task ExportAsync(DataSubject subject, PersonalDataSections sections, CancellationToken cancellationToken)
    {
        var (rows, batched) = await FindAsync(subject.GssCode, subject.ContactKey, cancellationToken);
        sections.Add("emails", rows.Concat(batched).Select(e => new ExportedEmail(e.PartitionKey, e.RowKey, e.Category, e.Subject, e.Status, e.SentAt)).ToList());
    }

    public async Task EraseAsync(DataSubject subject, ErasureProgress erasure, CancellationToken cancellationToken) =>
        erasure.Count("emails", "Mail records removed", await EraseAsync(subject.GssCode, subject.ContactKey, cancellationToken));

    /// <summary>
    /// Deletes the person's own rows and takes their message ids out of the request rows of batch sends (ADR 0026).
    /// Also for a restore that brought back mail rows of someone whose contact row it did not bring back.
    /// </summary>
    public async Task<int> EraseAsync(string gssCode, string contactKey, CancellationToken cancellationToken)
    {
        var (rows, batched) = await FindAsync(gssCode, contactKey, cancellationToken);
        foreach (var row in rows)
        {
            await ledger.DeleteAsync(row, cancellationToken);
        }

        foreach (var entry in batched)
        {
            await ledger.ForgetAsync(entry.PartitionKey, entry.RowKey, cancellationToken);
        }

        return rows.Count + batched.Count;
    }

    /// <summary>The person's own rows, and their entries in the request rows of each event's batch streams (invitations, reminders).</summary>
    /// <param name="gssCode">Empty for someone known by address alone (<see cref="DataSubject.IsContact"/>): they were never sent the contacts' streams.</param>
    private async Task<(List<MailLedgerEntry> Rows, List<MailLedgerEntry> Batched)> FindAsync(string gssCode, string contactKey, CancellationToken cancellationToken)
    {
        var rows = gssCode.Length == 0 ? await AddressRowsAsync(contactKey, cancellationToken) : await ContactRowsAsync(gssCode, contactKey, cancellationToken);
        var batched = new List<MailLedgerEntry>();
        var keyed = "-" + contactKey;
        var invitation = gssCode.Length == 0 ? null : InviteeSelector.InvitationId(gssCode, contactKey);
        foreach (var summit in await summits.AllAsync(cancellationToken))
        {
            batched.AddRange(await ledger.BatchedAsync($"summit|{summit.SummitId}|", $"summit|{summit.SummitId}}}",
                id => invitation is null ? id.Contains(keyed, StringComparison.Ordinal) : id.StartsWith(invitation, StringComparison.Ordinal), cancellationToken));
        }

        return (rows, batched);
    }

    /// <summary>
    /// A registrant's events' mail: their invitation's id is the council of the address they registered with and the address's key,
    /// so without a council each event's streams are read whole and kept where the id carries the key (32 hex characters: no other id does).
    /// </summary>
    private async Task<List<MailLedgerEntry>> AddressRowsAsync(string contactKey, CancellationToken cancellationToken)
    {
        var keyed = "-" + contactKey;
        var rows = new List<MailLedgerEntry>();
        foreach (var summit in await summits.AllAsync(cancellationToken))
        {
            rows.AddRange((await ledger.RowsAsync($"summit|{summit.SummitId}|", $"summit|{summit.SummitId}}}", idPrefix: null, cancellationToken))
                .Where(row => row.RowKey.Contains(keyed, StringComparison.Ordinal)));
        }

        rows.AddRange(await LeadReportRowsAsync(contactKey, cancellationToken));
        return rows;
    }

    private async Task<List<MailLedgerEntry>> ContactRowsAsync(string gssCode, string contactKey, CancellationToken cancellationToken)
    {
        var rows = new List<MailLedgerEntry>();
        rows.AddRange(await ledger.RowsAsync(VerificationEmail.LedgerPartition, VerificationEmail.LedgerPartition, $"verify-{gssCode}-{contactKey}", cancellationToken));
        rows.AddRange(await ledger.RowsAsync(AccessLinks.LedgerPartition, AccessLinks.LedgerPartition, $"access-{gssCode}-{contactKey}", cancellationToken));
        foreach (var summit in await summits.AllAsync(cancellationToken))
        {
            rows.AddRange(await ledger.RowsAsync($"summit|{summit.SummitId}|", $"summit|{summit.SummitId}}}", InviteeSelector.InvitationId(gssCode, contactKey), cancellationToken));
            rows.AddRange(await ledger.RowsAsync(EventKeys.RegistrationLedger(summit.SummitId), EventKeys.RegistrationLedger(summit.SummitId),
                RegistrationEmail.MessageId(summit.SummitId, contactKey), cancellationToken));
        }

        rows.AddRange(await ledger.RowsAsync("peer-group|", "peer-group}", PeerGroupAnnouncementEmail.MessageId(gssCode, contactKey), cancellationToken));
        rows.AddRange(await LeadReportRowsAsync(contactKey, cancellationToken));
        return rows;
    }

    /// <summary>The monthly workbook emails sent to a peer group's lead with this address (whose key is the start of the address's).</summary>
    private async Task<IEnumerable<MailLedgerEntry>> LeadReportRowsAsync(string contactKey, CancellationToken cancellationToken)
    {
        var leadKey = "-" + contactKey[..16];
        return (await ledger.RowsAsync("report-", "report.", idPrefix: null, cancellationToken)).Where(row => row.RowKey.Contains(leadKey, StringComparison.Ordinal));
    }
}
