using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Register;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Signups;

/// <summary>
/// Data minimisation: deletes contacts who never verified, once their link has been expired for
/// the retention period (30 days by default). The token hash lives on the contact row, so it goes too.
/// </summary>
public sealed class PurgeExpiredVerifications(
    [FromKeyedServices(TableNames.Signups)] TableClient table,
    AuditLog audit,
    IOptionsMonitor<ServiceOptions> options,
    TimeProvider clock) : ITimerFunction
{
    public const string Name = "PurgeExpiredVerifications";

    /// <summary>Daily at 03:00 UTC.</summary>
    public const string Schedule = "0 0 3 * * *";

    public async Task<IReadOnlyList<string>> RunAsync(TimerContext context, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.CurrentValue.UnverifiedRetention;
        var purged = 0;
        foreach (var region in Regions.All)
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {region.Slug} and Kind eq {SignupKeys.ContactKind} and Status eq {ContactEntity.Pending} and VerificationExpiresAt lt {cutoff}");
            await foreach (var contact in table.QueryAsync<ContactEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                try
                {
                    await table.DeleteEntityAsync(contact.PartitionKey, contact.RowKey, contact.ETag, cancellationToken);
                    purged++;
                }
                catch (RequestFailedException exception) when (exception.Status is 404 or 412)
                {
                    // Verified or re-sent since the query: no longer expired.
                }
            }
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"Deleted {purged} unverified contact(s) whose link expired before {cutoff:u}.");
        await audit.WriteAsync($"timer:{Name}", "signup.purged", "signups", summary, cancellationToken);
        return [summary];
    }
}
