using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Register;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Signups;

/// <summary>
/// Data minimisation: deletes contacts who never verified, once their link has been expired for the retention period
/// (30 days by default), and declined contacts that long after they were declined. The token hash lives on the
/// contact row, so it goes too. Hourly per-address email counts older than a day go as well, and so does what other
/// features keep only until a link is used (<see cref="IExpiredDataPurge"/>: unconfirmed meet-up registrations).
/// </summary>
public sealed class PurgeExpiredVerifications(
    [FromKeyedServices(TableNames.Signups)] TableClient table,
    AddressQuota quota,
    IEnumerable<IExpiredDataPurge> otherPurges,
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
        var declined = 0;
        foreach (var region in Regions.All)
        {
            purged += await DeleteAsync(TableClient.CreateQueryFilter(
                $"PartitionKey eq {region.Slug} and Kind eq {SignupKeys.ContactKind} and Status eq {ContactEntity.Pending} and VerificationExpiresAt lt {cutoff}"), cancellationToken);
            declined += await DeleteAsync(TableClient.CreateQueryFilter(
                $"PartitionKey eq {region.Slug} and Kind eq {SignupKeys.ContactKind} and Status eq {ContactEntity.Declined} and DeclinedAt lt {cutoff}"), cancellationToken);
        }

        var quotas = await quota.PurgeAsync(cancellationToken);
        var sentences = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"Deleted {purged} unverified contact(s) whose link expired before {cutoff:u}, {declined} declined contact(s) declined before then, and {quotas} old hourly email count(s)."),
        };
        foreach (var purge in otherPurges)
        {
            sentences.Add(await purge.PurgeAsync(cutoff, cancellationToken));
        }

        var summary = string.Join(' ', sentences);
        await audit.WriteAsync($"timer:{Name}", "signup.purged", "signups", summary, cancellationToken);
        return [summary];
    }

    private async Task<int> DeleteAsync(string filter, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var contact in table.QueryAsync<ContactEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await table.DeleteEntityAsync(contact.PartitionKey, contact.RowKey, contact.ETag, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412)
            {
                // Changed since the query (verified, re-sent or approved): no longer to be deleted.
            }
        }

        return deleted;
    }
}
