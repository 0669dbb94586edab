using System.Diagnostics;
using LocalGovStandard.Platform.Functions;
using Microsoft.AspNetCore.Diagnostics;
using OpenTelemetry.Instrumentation.AspNetCore;
using OpenTelemetry.Instrumentation.Http;

namespace LocalGovStandard.Platform.Telemetry;

/// <summary>
/// What a request or an outgoing call may say about itself in telemetry (docs/decisions/0007-telemetry.md).
/// The rule: telemetry names what the service defines, never what a caller typed.
/// <list type="bullet">
/// <item>An incoming request is named by its route template (<c>/api/signups/{councilCode}/{reference}</c>),
/// never by its raw path, and never with its query string. Paths carry references that identify a
/// person's sign-up, and query strings carry verification, access and RSVP tokens and <c>?code=</c> keys.</item>
/// <item>A request that matched no endpoint is <c>/{unmatched}</c> (static files: their folder's template).</item>
/// <item>The caller's address is not recorded.</item>
/// <item>An outgoing call (Azure Storage, SendGrid) keeps its scheme, host and first path segment
/// (the table, container or API version) and drops the rest: table keys and blob names derive from
/// councils, contacts and evidence file names.</item>
/// </list>
/// Bodies and headers are never recorded by the instrumentation as configured here.
/// </summary>
public static class TelemetryRedaction
{
    public const string UnmatchedPath = "/{unmatched}";

    private static readonly string[] RemovedRequestTags =
    [
        "url.query", "url.full", "client.address", "client.port", "network.peer.address", "network.peer.port",
        "http.target", "http.url", "http.client_ip",
    ];

    /// <summary>The route template of the endpoint that handled (or failed to handle) the request.</summary>
    public static string PathFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The exception handler clears the endpoint before handlers run, and keeps it on this feature.
        var endpoint = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context.GetEndpoint();
        if (endpoint is RouteEndpoint route)
        {
            var template = FunctionManifest.ToFunctionsRoute(route.RoutePattern);
            return template == FunctionManifest.RootRoute ? "/" : "/" + template;
        }

        // Static files are served before routing, so they have no endpoint; name them by their folder.
        var path = context.Request.Path;
        if (path.StartsWithSegments("/static"))
        {
            return FunctionHostingEndpoints.StaticRoute;
        }

        return path.StartsWithSegments("/assets") ? FunctionHostingEndpoints.AssetsRoute : UnmatchedPath;
    }

    /// <summary><c>https://account.table.core.windows.net/Signups(PartitionKey=…)?$filter=…</c> → <c>https://account.table.core.windows.net/Signups</c>.</summary>
    public static string ServiceUrl(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri)
        {
            return string.Empty;
        }

        var first = uri.AbsolutePath.TrimStart('/');
        var end = first.IndexOfAny(['/', '(']);
        if (end >= 0)
        {
            first = first[..end];
        }

        return $"{uri.Scheme}://{uri.Authority}/{first}";
    }

    public static void ConfigureRequests(AspNetCoreTraceInstrumentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RecordException = false;

        // At the start the endpoint is not known yet: drop the raw path and query at once, so no
        // processor ever sees them; at the end, set the path to the template.
        options.EnrichWithHttpRequest = (activity, _) =>
        {
            RemoveRequestTags(activity);
            activity.SetTag("url.path", null);
        };
        options.EnrichWithHttpResponse = (activity, response) =>
        {
            RemoveRequestTags(activity);
            activity.SetTag("url.path", PathFor(response.HttpContext));
        };
    }

    public static void ConfigureOutgoingCalls(HttpClientTraceInstrumentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.RecordException = false;
        options.EnrichWithHttpRequestMessage = (activity, request) => RedactOutgoing(activity, request.RequestUri);
        options.EnrichWithHttpResponseMessage = (activity, response) => RedactOutgoing(activity, response.RequestMessage?.RequestUri);
    }

    private static void RemoveRequestTags(Activity activity)
    {
        foreach (var tag in RemovedRequestTags)
        {
            activity.SetTag(tag, null);
        }
    }

    private static void RedactOutgoing(Activity activity, Uri? uri)
    {
        activity.SetTag("url.full", ServiceUrl(uri));
        activity.SetTag("http.url", null);
        activity.SetTag("url.query", null);
        activity.SetTag("url.path", null);
    }
}
