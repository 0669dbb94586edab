using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Register;

namespace LocalGovStandard.Signups;

/// <summary>
/// Contacts stored before councils had their own domains were proven by any permitted address. Once, after storage is
/// ready, each such contact whose address is not on one of their council's domains waits for approval again and is no
/// longer counted; an organiser approves them in bulk in the console (or imports the domains, which approves them).
/// A marker row records that it ran, so it runs once per installation.
/// </summary>
public sealed partial class ContactApprovalMigration(
    [FromKeyedServices(TableNames.Signups)] TableClient table,
    CouncilDomains domains,
    StorageInitializer storage,
    AuditLog audit,
    TimeProvider clock,
    ILogger<ContactApprovalMigration> logger) : BackgroundService
{
    public const string MarkerPartition = "_migrations";
    public const string MarkerRow = "contact-approval-v1";

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

    /// <returns>How many contacts now wait for approval; 0 when it had run before.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if ((await table.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, MarkerRow, cancellationToken: cancellationToken)).HasValue)
        {
            return 0;
        }

        var moved = 0;
        foreach (var region in Regions.All)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {region.Slug} and Kind eq {SignupKeys.ContactKind} and Status eq {ContactEntity.Verified}");
            await foreach (var contact in table.QueryAsync<ContactEntity>(filter, cancellationToken: cancellationToken))
            {
                if (contact.ApprovedBy is null && !await domains.CoversAsync(contact.GssCode, contact.ContactEmail, cancellationToken)
                    && await TryMoveToWaitingAsync(contact, cancellationToken))
                {
                    moved++;
                }
            }
        }

        await table.UpsertEntityAsync(new TableEntity(MarkerPartition, MarkerRow) { ["RanAt"] = clock.GetUtcNow(), ["Moved"] = moved }, cancellationToken: cancellationToken);
        await audit.WriteAsync("system:migration", "contacts.awaiting-approval", "signups", $"{moved} contact(s) stored before council domains now wait for approval", cancellationToken);
        return moved;
    }

    private async Task<bool> TryMoveToWaitingAsync(ContactEntity contact, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        if (await CouncilCount.RemoveOneAsync(table, contact, cancellationToken) is { } countDown)
        {
            actions.Add(countDown);
        }

        contact.Status = ContactEntity.AwaitingApproval;
        contact.ApprovalRequestedAt = clock.GetUtcNow();
        contact.SecurityStamp = ContactApprovals.NewStamp();
        actions.Insert(0, new TableTransactionAction(TableTransactionActionType.UpdateReplace, contact, contact.ETag));
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    [LoggerMessage(LogLevel.Warning, "The contact approval migration did not run ({Fault}); it runs at the next start")]
    private partial void LogNotRun(string fault);
}
