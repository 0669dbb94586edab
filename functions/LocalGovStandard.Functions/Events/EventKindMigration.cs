using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Events;

/// <summary>
/// Summits stored before events (ADR 0016) have no <see cref="EventEntity.Kind"/>. After storage is ready, each one's state
/// row and list row get <c>Kind = "summit"</c>, merged in under the row's ETag so a seat taken meanwhile is never overwritten.
/// Nothing else moves: invitations, answers and the mail ledger's streams keep their keys. Running it again changes nothing.
/// </summary>
public sealed partial class EventKindMigration(
    EventStore store,
    StorageInitializer storage,
    AuditLog audit,
    ILogger<EventKindMigration> logger) : BackgroundService
{
    private const int MaxAttempts = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await storage.Ready.WaitAsync(stoppingToken);
            await RunAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            LogNotRun(exception.GetType().Name);
        }
    }

    /// <returns>How many summits were given their kind; 0 once every row has one.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var migrated = 0;
        foreach (var listed in await store.ListAsync(cancellationToken))
        {
            if (!string.IsNullOrEmpty(listed.Kind))
            {
                continue;
            }

            await MarkAsSummitAsync(listed.SummitId, EventKeys.StateRow, cancellationToken);
            await MarkAsSummitAsync(EventKeys.IndexPartition, listed.RowKey, cancellationToken);
            migrated++;
        }

        if (migrated > 0)
        {
            await audit.WriteAsync("system:migration", "events.summits-kind", "summits", $"{migrated} summit(s) stored before events are now events of kind summit", cancellationToken);
        }

        return migrated;
    }

    private async Task MarkAsSummitAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var found = await store.Table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, select: ["Kind"], cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value!.GetString("Kind") is { Length: > 0 })
            {
                return;
            }

            try
            {
                await store.Table.UpdateEntityAsync(new TableEntity(partitionKey, rowKey) { ["Kind"] = EventKinds.Summit }, found.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "The summit-to-event migration did not run ({Fault}); it runs at the next start")]
    private partial void LogNotRun(string fault);
}
