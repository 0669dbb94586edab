using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Tokens;

namespace LocalGovStandard.Events;

/// <summary>Addresses that unsubscribed from summit mail. Every later invitation, reminder and preview leaves them out.</summary>
public sealed class SuppressionList([FromKeyedServices(TableNames.Suppressions)] TableClient table, SignedTokens tokens, TimeProvider clock)
{
    /// <summary>The signed payload of an unsubscribe link: whose address (its key) and which summit's mail it came from.</summary>
    public sealed record UnsubscribePayload(string ContactKey, string SummitId);

    private const string Purpose = "summit-unsubscribe";

    public string Token(string contactKey, string summitId) => tokens.Sign(Purpose, new UnsubscribePayload(contactKey, summitId));

    public UnsubscribePayload? Read(string? token) =>
        tokens.Verify<UnsubscribePayload>(Purpose, token) is { ContactKey.Length: > 0 } payload ? payload : null;

    public async Task<IReadOnlySet<string>> AllAsync(CancellationToken cancellationToken)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SuppressionEntity.Partition}");
        await foreach (var row in table.QueryAsync<SuppressionEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }

    public async Task<SuppressionEntity?> FindAsync(string contactKey, CancellationToken cancellationToken) =>
        await table.GetEntityIfExistsAsync<SuppressionEntity>(SuppressionEntity.Partition, contactKey, cancellationToken: cancellationToken) is { HasValue: true } found
            ? found.Value
            : null;

    /// <summary>Idempotent: unsubscribing twice keeps the first date.</summary>
    public async Task AddAsync(string contactKey, string source, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(new SuppressionEntity { RowKey = contactKey, UnsubscribedAt = clock.GetUtcNow(), Source = source }, cancellationToken);
        }
        catch (Azure.RequestFailedException exception) when (exception.Status == 409)
        {
        }
    }
}
