using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Access;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;
using LocalGovStandard.Summits;

namespace LocalGovStandard.Privacy;

/// <summary>
/// The mail ledger rows about one contact. They hold no address, but their message ids carry the
/// contact's key: the verification and sign-in streams, each summit's streams, and the monthly
/// workbook emails if they were also a peer group's lead (whose key is the start of the same hash).
/// </summary>
public sealed class ContactMail([FromKeyedServices(TableNames.MailLedger)] TableClient ledger, SummitStore summits)
{
    public async Task<IReadOnlyList<MailLedgerEntry>> RowsAsync(string gssCode, string contactKey, CancellationToken cancellationToken)
    {
        var rows = new List<MailLedgerEntry>();
        await AddAsync(rows, VerificationEmail.LedgerPartition, VerificationEmail.LedgerPartition, $"verify-{gssCode}-{contactKey}", cancellationToken);
        await AddAsync(rows, AccessLinks.LedgerPartition, AccessLinks.LedgerPartition, $"access-{gssCode}-{contactKey}", cancellationToken);
        foreach (var summit in await summits.ListAsync(cancellationToken))
        {
            await AddAsync(rows, $"summit|{summit.SummitId}|", $"summit|{summit.SummitId}}}", InviteeSelector.InvitationId(gssCode, contactKey), cancellationToken);
        }

        var leadKey = "-" + contactKey[..16];
        var reports = TableClient.CreateQueryFilter($"PartitionKey ge {"report-"} and PartitionKey lt {"report."}");
        await foreach (var row in ledger.QueryAsync<MailLedgerEntry>(reports, cancellationToken: cancellationToken))
        {
            if (row.RowKey.Contains(leadKey, StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    public async Task<int> EraseAsync(string gssCode, string contactKey, CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(gssCode, contactKey, cancellationToken);
        foreach (var row in rows)
        {
            try
            {
                await ledger.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
            }
        }

        return rows.Count;
    }

    /// <summary>Rows in the partitions from <paramref name="fromPartition"/> (to <paramref name="toPartition"/>, exclusive unless equal) whose id starts with the prefix.</summary>
    private async Task AddAsync(List<MailLedgerEntry> rows, string fromPartition, string toPartition, string idPrefix, CancellationToken cancellationToken)
    {
        var filter = fromPartition == toPartition
            ? TableClient.CreateQueryFilter($"PartitionKey eq {fromPartition} and RowKey ge {idPrefix} and RowKey lt {idPrefix + "~"}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {fromPartition} and PartitionKey lt {toPartition} and RowKey ge {idPrefix} and RowKey lt {idPrefix + "~"}");
        await foreach (var row in ledger.QueryAsync<MailLedgerEntry>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
    }
}
