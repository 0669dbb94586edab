namespace LocalGovStandard.Platform.Security;

/// <summary>What a client must present to reach an API route, beyond what anyone may call.</summary>
public enum ApiGuard
{
    /// <summary>The organiser key (<c>x-functions-key</c> or <c>?code=</c>), checked by <see cref="AdminKeyFilter"/>.</summary>
    OrganiserKey,

    /// <summary>The feed's read key (<c>x-read-key</c> or <c>?key=</c>), checked by the feed's own filter.</summary>
    ReadKey,
}

/// <summary>
/// Endpoint metadata naming the key filter a route group runs (filters themselves are not visible as metadata),
/// so the OpenAPI document can state each route's security requirement.
/// </summary>
public sealed record GuardedBy(ApiGuard Guard);
