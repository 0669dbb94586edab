using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using Microsoft.Extensions.Options;

namespace LocalGovStandard.Platform.Email;

/// <summary>The kinds of email a stranger can make us send to an address, each capped per address per hour.</summary>
public static class QuotaKinds
{
    public const string Verification = "verification";
    public const string SignIn = "sign-in";
    public const string ApprovalRequest = "approval-request";
    public const string EventRegistration = "event-registration";
}

public sealed class EmailQuotaEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Count { get; set; }
}

/// <summary>
/// Per-address email limits, on top of the per-client request limits: however many clients ask, one address gets at
/// most <see cref="ServiceOptions.EmailsPerAddressPerHour"/> emails of each kind in a clock hour. Rows are keyed by a
/// hash of the address (never the address) and the hour, and the purge timer deletes old hours.
/// </summary>
public sealed class AddressQuota(
    [FromKeyedServices(TableNames.EmailQuotas)] TableClient table,
    IOptionsMonitor<ServiceOptions> options,
    TimeProvider clock)
{
    private const int ConcurrencyRetries = 5;
    private const string HourFormat = "yyyyMMddHH";

    /// <returns>True when one more email of this kind may go to the address now (and counts it).</returns>
    public async Task<bool> TryTakeAsync(string kind, string emailAddress, CancellationToken cancellationToken)
    {
        var limit = options.CurrentValue.EmailsPerAddressPerHour;
        var partition = KeyFor(emailAddress);
        var rowKey = $"{kind}|{clock.GetUtcNow().ToString(HourFormat, CultureInfo.InvariantCulture)}";
        for (var attempt = 0; attempt < ConcurrencyRetries; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<EmailQuotaEntity>(partition, rowKey, cancellationToken: cancellationToken);
            try
            {
                if (!existing.HasValue)
                {
                    await table.AddEntityAsync(new EmailQuotaEntity { PartitionKey = partition, RowKey = rowKey, Count = 1 }, cancellationToken);
                    return true;
                }

                var row = existing.Value!;
                if (row.Count >= limit)
                {
                    return false;
                }

                row.Count++;
                await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Another request counted at the same moment: read again.
            }
        }

        return false;
    }

    /// <summary>
    /// Deletes the counts of hours that ended more than a day ago. The hour is read from the row key, as it was
    /// written from the service's clock, rather than from the storage's Timestamp, which is another clock.
    /// </summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-1);
        var deleted = 0;
        await foreach (var row in table.QueryAsync<EmailQuotaEntity>(select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            if (HourOf(row.RowKey) is { } hour && hour.AddHours(1) < cutoff)
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                deleted++;
            }
        }

        return deleted;
    }

    private static DateTimeOffset? HourOf(string rowKey) =>
        DateTimeOffset.TryParseExact(rowKey[(rowKey.LastIndexOf('|') + 1)..], HourFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var hour)
            ? hour
            : null;

    private static string KeyFor(string emailAddress) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("quota|" + emailAddress.Trim().ToLowerInvariant())))[..32].ToLowerInvariant();
}
