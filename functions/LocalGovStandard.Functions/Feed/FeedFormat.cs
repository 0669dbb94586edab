using System.Text.Json.Nodes;
using LocalGovStandard.Platform.Errors;
using Microsoft.Net.Http.Headers;

namespace LocalGovStandard.Feed;

/// <summary>How much OData control information the client asked for in Accept.</summary>
public enum FeedMetadata
{
    Minimal,
    None,
}

/// <summary>
/// Content negotiation for the feed's JSON: <c>application/json;odata.metadata=minimal</c> unless
/// Accept asks for <c>odata.metadata=none</c> (then the <c>@odata.context</c> and other per-row
/// annotations are left out; <c>@odata.nextLink</c> and <c>@odata.count</c> stay, as OData requires).
/// Anything else (XML, <c>odata.metadata=full</c>) is 406 with a problem that says what is offered.
/// </summary>
public static class FeedFormat
{
    public const string Offered = "application/json;odata.metadata=minimal or application/json;odata.metadata=none";

    private static readonly string[] KeptWithNoMetadata = ["@odata.nextLink", "@odata.count"];

    public static FeedMetadata? Negotiate(HttpRequest request)
    {
        var accept = request.Headers.Accept;
        if (accept.Count == 0)
        {
            return FeedMetadata.Minimal;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return null;
        }

        foreach (var type in types.Where(t => (t.Quality ?? 1) > 0).OrderByDescending(t => t.Quality ?? 1))
        {
            if (!(type.MatchesAllTypes || type.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase)
                || type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // OData 4.0 names the parameter odata.metadata; 4.01 also allows plain metadata.
            var metadata = type.Parameters.FirstOrDefault(p => p.Name.Equals("odata.metadata", StringComparison.OrdinalIgnoreCase)
                || p.Name.Equals("metadata", StringComparison.OrdinalIgnoreCase))?.Value.Value;
            if (metadata is null || metadata.Equals("minimal", StringComparison.OrdinalIgnoreCase))
            {
                return FeedMetadata.Minimal;
            }

            if (metadata.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                return FeedMetadata.None;
            }
        }

        return null;
    }

    /// <summary>An endpoint filter: 406 before any work when nothing acceptable is asked for, else the answer in the negotiated format.</summary>
    public static async ValueTask<object?> Negotiated(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var metadata = Negotiate(context.HttpContext.Request);
        if (metadata is null)
        {
            return ApiErrors.Problem(ApiErrors.NotAcceptable, $"The feed answers {Offered}.");
        }

        var result = await next(context);
        return result is IResult inner ? new FeedJsonResult(inner, metadata.Value) : result;
    }

    private sealed class FeedJsonResult(IResult inner, FeedMetadata metadata) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var body = response.Body;
            using var buffer = new MemoryStream();
            response.Body = buffer;
            try
            {
                await inner.ExecuteAsync(httpContext);
            }
            finally
            {
                response.Body = body;
            }

            var json = response.StatusCode == StatusCodes.Status200OK
                && response.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
            var bytes = buffer.ToArray();
            if (json)
            {
                response.ContentType = $"application/json;odata.metadata={(metadata == FeedMetadata.None ? "none" : "minimal")};odata.streaming=true;charset=utf-8";
                response.Headers["OData-Version"] = "4.0";
                if (metadata == FeedMetadata.None)
                {
                    var node = JsonNode.Parse(bytes);
                    WithoutAnnotations(node);
                    bytes = System.Text.Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
                }
            }

            response.ContentLength = bytes.Length;
            await body.WriteAsync(bytes, httpContext.RequestAborted);
        }

        private static void WithoutAnnotations(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject item:
                    foreach (var name in item.Select(p => p.Key).Where(k => k.StartsWith("@odata.", StringComparison.Ordinal) && !KeptWithNoMetadata.Contains(k)).ToList())
                    {
                        item.Remove(name);
                    }

                    foreach (var (_, value) in item)
                    {
                        WithoutAnnotations(value);
                    }

                    break;
                case JsonArray items:
                    foreach (var value in items)
                    {
                        WithoutAnnotations(value);
                    }

                    break;
            }
        }
    }
}
