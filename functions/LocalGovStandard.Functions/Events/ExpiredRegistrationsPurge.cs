using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Privacy;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Events;

/// <summary>
/// Data minimisation for open registration: a registration never confirmed holds a name, address and organisation and no
/// place, so it goes once its link has been expired as long as an unverified sign-up is kept. The link never outlives
/// <see cref="ServiceOptions.VerificationLinkLifetime"/> from the request, so that bounds its expiry.
/// </summary>
public sealed class ExpiredRegistrationsPurge(EventStore store, IOptionsMonitor<ServiceOptions> options) : IExpiredDataPurge
{
    public async Task<string> PurgeAsync(DateTimeOffset expiredBefore, CancellationToken cancellationToken)
    {
        var requestedBefore = expiredBefore - options.CurrentValue.VerificationLinkLifetime;
        var registrations = TableClient.CreateQueryFilter($"RowKey ge {EventKeys.RegistrationRowKey("")} and RowKey lt {"reg}"} and RequestedAt lt {requestedBefore}");
        var deleted = 0;
        await foreach (var registration in store.Table.QueryAsync<RegistrationEntity>(registrations, cancellationToken: cancellationToken))
        {
            if (registration.ConfirmedAt is not null)
            {
                continue;
            }

            try
            {
                await store.Table.DeleteEntityAsync(registration.PartitionKey, registration.RowKey, registration.ETag, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412)
            {
                // Confirmed or erased since the query: no longer this purge's to delete.
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"Deleted {deleted} unconfirmed meet-up registration(s) whose link expired before {expiredBefore:u}.");
    }
}
