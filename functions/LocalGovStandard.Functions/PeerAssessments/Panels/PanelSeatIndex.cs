using Azure;
using Azure.Data.Tables;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>
/// One row per person seated on a request's panel. PartitionKey: their contact key (what their session carries), so
/// "Assessments I am on a panel for" is one partition query and a point read per panel, never every region's requests;
/// RowKey: the request's reference. The request row stays the truth: a row only says where to look, and the grant is
/// decided on the request as it now is, so a row left behind (a fault while tidying) shows nothing.
/// </summary>
public sealed class PanelSeatEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The request's region: its partition in PeerAssessmentRequests.</summary>
    public string Region { get; set; } = "";

    /// <summary>The member's council, for the record.</summary>
    public string CouncilCode { get; set; } = "";
}

/// <summary>
/// Keeps <see cref="PanelSeatEntity"/> rows with the panels: written before a panel is saved (so nobody seated is ever
/// missing), removed after a seat ends, on publication and on erasure; the reminders timer writes any that are missing.
/// </summary>
public sealed partial class PanelSeatIndex([FromKeyedServices(TableNames.PanelSeats)] TableClient table, ILogger<PanelSeatIndex> logger)
{
    public async Task<IReadOnlyList<PanelSeatEntity>> ForContactAsync(string contactKey, CancellationToken cancellationToken)
    {
        var rows = new List<PanelSeatEntity>();
        if (contactKey.Length == 0)
        {
            return rows;
        }

        await foreach (var row in table.QueryAsync<PanelSeatEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {contactKey}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A row for each member seated on the request's panel (as the caller is about to save it, or has).</summary>
    public async Task AddSeatedAsync(PeerAssessmentRequestEntity request, CancellationToken cancellationToken)
    {
        foreach (var member in request.SeatedPanel().Where(m => m.ContactKey.Length > 0))
        {
            await table.UpsertEntityAsync(
                new PanelSeatEntity { PartitionKey = member.ContactKey, RowKey = request.Reference, Region = request.PartitionKey, CouncilCode = member.CouncilCode },
                TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>
    /// After a save: removes the rows of everyone on the record who no longer holds a seat (all of them once the report
    /// is published). A failure is logged and left: the row then points at a request that no longer seats them.
    /// </summary>
    public async Task RemoveUnseatedAsync(PeerAssessmentRequestEntity request, CancellationToken cancellationToken)
    {
        var seated = request.Status == PeerAssessmentRequestEntity.ReportPublished
            ? []
            : request.SeatedPanel().Select(m => m.ContactKey).ToHashSet(StringComparer.Ordinal);
        foreach (var contactKey in request.Panel().Select(m => m.ContactKey).Where(k => k.Length > 0 && !seated.Contains(k)).Distinct(StringComparer.Ordinal))
        {
            try
            {
                await table.DeleteEntityAsync(contactKey, request.Reference, ETag.All, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status != 404)
            {
                LogNotRemoved(logger, request.Reference, exception.Status);
            }
            catch (RequestFailedException)
            {
                // Already gone.
            }
        }
    }

    /// <returns>How many rows were deleted.</returns>
    public async Task<int> RemoveAllAsync(string contactKey, CancellationToken cancellationToken)
    {
        var rows = await ForContactAsync(contactKey, cancellationToken);
        foreach (var row in rows)
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
        }

        return rows.Count;
    }

    [LoggerMessage(LogLevel.Warning, "A panel seat row of {Reference} was not removed (storage answered {Status}); the grant is decided on the request, so it shows nothing")]
    private static partial void LogNotRemoved(ILogger logger, string reference, int status);
}
