using LocalGovStandard.Access;
using LocalGovStandard.Feed;
using LocalGovStandard.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;

namespace LocalGovStandard.ApiReference;

/// <summary>The four ways a client proves who it is, as OpenAPI security schemes, and which one each route takes.</summary>
public static class ApiSecuritySchemes
{
    public const string OrganiserKey = "organiserKey";
    public const string ReadKey = "readKey";
    public const string Bearer = "bearerToken";
    public const string SessionCookie = "sessionCookie";

    public static Dictionary<string, IOpenApiSecurityScheme> All() => new()
    {
        [OrganiserKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = AdminKeyFilter.HeaderName,
            Description = "The organiser key, for every route under /api/admin. It may also be sent as the code query parameter (the Functions "
                + "convention), but a key in an address ends up in logs and history: prefer the header. After repeated wrong keys from one "
                + "address, its keyed requests are answered 429 until the window ends.",
        },
        [ReadKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ReadKeyFilter.HeaderName,
            Description = $"The OData feed's read key, for every route under /odata. Power BI can send it as the {ReadKeyFilter.QueryName} query "
                + "parameter instead (its ApiKeyName option). The organiser key is not accepted here.",
        },
        [Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "opaque",
            Description = "A verified contact's token from POST /api/access/token (in exchange for an emailed sign-in link's token). "
                + "It lasts 30 minutes and acts for the contact's own council only; there is no refresh token.",
        },
        [SessionCookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "lgs-session",
            Description = "The session cookie the assessment pages set after an emailed sign-in link. With the cookie, a request that changes "
                + "something must come from this site (Origin) and be JSON, or it is refused (403 or 415).",
        },
    };

    /// <summary>The schemes a route accepts (any one of them), or none for a route anyone may call.</summary>
    public static IReadOnlyList<string> For(IReadOnlyList<object> endpointMetadata) =>
        endpointMetadata.OfType<GuardedBy>().LastOrDefault()?.Guard switch
        {
            ApiGuard.OrganiserKey => [OrganiserKey],
            ApiGuard.ReadKey => [ReadKey],
            _ when endpointMetadata.OfType<IAuthorizeData>().Any(a => a.Policy == ContactSession.Policy) => [Bearer, SessionCookie],
            _ => [],
        };
}
