using System.Security.Claims;
using Azure;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Platform.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace LocalGovStandard.Organiser;

public sealed class ConsoleSessionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = ConsoleSessions.Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// Each console sign-in is a row; the cookie names it. Signing out deletes the row, so a saved copy of the cookie
/// stops working at its next request, on every instance (the cookie alone would live until it expires).
/// </summary>
public sealed class ConsoleSessions([FromKeyedServices(TableNames.ConsoleSessions)] TableClient table, TimeProvider clock)
{
    public const string Partition = "session";
    public const string SessionClaim = "lgs:console-session";

    public async Task<ClaimsPrincipal> StartAsync(TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var id = SecretTokens.NewSecret();
        var now = clock.GetUtcNow();
        await table.AddEntityAsync(new ConsoleSessionEntity { RowKey = SecretTokens.Hash(id), ExpiresAt = now + lifetime }, cancellationToken);
        await foreach (var expired in table.QueryAsync<ConsoleSessionEntity>(s => s.PartitionKey == Partition && s.ExpiresAt < now, cancellationToken: cancellationToken))
        {
            await table.DeleteEntityAsync(expired.PartitionKey, expired.RowKey, ETag.All, cancellationToken);
        }

        return OrganiserSession.Principal(id);
    }

    public async Task EndAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(SessionClaim) is { Length: > 0 } id)
        {
            await table.DeleteEntityAsync(Partition, SecretTokens.Hash(id), ETag.All, cancellationToken);
        }
    }

    /// <summary>The cookie handler's check on every request: an ended or unknown session signs the cookie out.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirstValue(SessionClaim);
        var found = string.IsNullOrEmpty(id)
            ? null
            : await table.GetEntityIfExistsAsync<ConsoleSessionEntity>(Partition, SecretTokens.Hash(id), cancellationToken: context.HttpContext.RequestAborted);
        if (found is not { HasValue: true } || found.Value!.ExpiresAt <= clock.GetUtcNow())
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(OrganiserSession.Scheme);
        }
    }
}
