using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace LocalGovStandard.ApiReference;

/// <summary>
/// Completes each operation from what the endpoint declares: its summary, description, tag, examples and any request
/// body it reads by hand (from <see cref="ApiRouteDocs"/>, by function name); the security scheme of its guard; and a
/// ProblemDetails response, with an example, for each error status it can answer, including those its guard, its rate
/// limit and the fault handler answer before the handler runs.
/// </summary>
public sealed class ApiOperationTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    private static readonly JsonSerializerOptions ExampleJson = new(JsonSerializerDefaults.Web);

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata.ToList();
        var name = metadata.OfType<HttpFunctionDeclaration>().LastOrDefault()?.Name;
        var doc = name is null ? null : ApiRouteDocs.Find(name);
        operation.OperationId = name;
        var schemes = ApiSecuritySchemes.For(metadata);
        if (schemes.Count > 0)
        {
            operation.Security = schemes
                .Select(scheme => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] })
                .ToList();
        }

        if (doc is not null)
        {
            operation.Summary = doc.Summary;
            operation.Description = doc.Description;
            operation.Tags = new HashSet<OpenApiTagReference> { new(doc.Tag, context.Document) };
            await DescribeBodiesAsync(operation, context, doc, cancellationToken);
        }

        var method = context.Description.HttpMethod ?? "GET";
        foreach (var status in ErrorStatuses(doc, schemes, metadata, method))
        {
            operation.Responses ??= [];
            var key = status.ToString(CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse
                {
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [ProblemJson] = new() { Schema = await ProblemSchemaAsync(context, cancellationToken) },
                    },
                };
            }
        }

        foreach (var (key, response) in operation.Responses ?? [])
        {
            if (response is OpenApiResponse problem && int.TryParse(key, CultureInfo.InvariantCulture, out var status) && status >= 400)
            {
                problem.Description = ProblemExamples.Meaning(status, schemes);
                foreach (var content in problem.Content?.Values ?? [])
                {
                    content.Example = ProblemExamples.For(status);
                }
            }
        }
    }

    /// <summary>
    /// A reference to the one ProblemDetails schema in the document's components, registered on first use: inline, its
    /// copies in some 530 error responses were a third of the document.
    /// </summary>
    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        const string id = nameof(Microsoft.AspNetCore.Mvc.ProblemDetails);
        var document = context.Document!;
        if (document.Components?.Schemas?.ContainsKey(id) != true)
        {
            document.AddComponent(id, await context.GetOrCreateSchemaAsync(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), null, cancellationToken));
        }

        return new OpenApiSchemaReference(id, document);
    }

    /// <summary>What the route's handler answers (from its docs) and what answers before it: the guard, the rate limit, the fault handler.</summary>
    private static SortedSet<int> ErrorStatuses(RouteDoc? doc, IReadOnlyList<string> schemes, IReadOnlyList<object> metadata, string method)
    {
        var statuses = new SortedSet<int>(doc?.Problems ?? []) { StatusCodes.Status503ServiceUnavailable };
        if (schemes.Contains(ApiSecuritySchemes.OrganiserKey) || schemes.Contains(ApiSecuritySchemes.ReadKey))
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
            statuses.Add(StatusCodes.Status429TooManyRequests);
        }

        if (schemes.Contains(ApiSecuritySchemes.SessionCookie))
        {
            statuses.Add(StatusCodes.Status401Unauthorized);
            if (!HttpMethods.IsGet(method))
            {
                statuses.Add(StatusCodes.Status403Forbidden);
                statuses.Add(StatusCodes.Status415UnsupportedMediaType);
            }
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            statuses.Add(StatusCodes.Status429TooManyRequests);
        }

        return statuses;
    }

    private static async Task DescribeBodiesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, RouteDoc doc, CancellationToken cancellationToken)
    {
        foreach (var (name, meaning) in doc.Query)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Query, Description = meaning, Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (doc.Request is { } requestType && operation.RequestBody is null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = !doc.RequestOptional,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [doc.RequestContentType] = new() { Schema = await context.GetOrCreateSchemaAsync(requestType, null, cancellationToken) },
                },
            };
        }

        if (doc.RequestExample is { } requestExample && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values)
            {
                media.Example = Example(requestExample);
            }
        }

        operation.Responses ??= [];
        var success = operation.Responses.Keys.FirstOrDefault(k => k.StartsWith('2')) ?? "200";
        if (doc.Response is { } responseType || doc.Files.Count > 0)
        {
            var schema = doc.Response is { } type
                ? await context.GetOrCreateSchemaAsync(type, null, cancellationToken)
                : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            var contentTypes = doc.Files.Count > 0 ? doc.Files : ["application/json"];
            operation.Responses[success] = new OpenApiResponse
            {
                Description = operation.Responses.TryGetValue(success, out var existing) && existing.Description is { Length: > 0 } d ? d : "OK",
                Content = contentTypes.ToDictionary(c => c, _ => new OpenApiMediaType { Schema = schema }),
            };
        }

        if (doc.ResponseExample is { } responseExample
            && operation.Responses.TryGetValue(success, out var answer) && answer.Content is { } content)
        {
            foreach (var (contentType, media) in content)
            {
                media.Example = contentType.Contains("json", StringComparison.Ordinal)
                    ? Example(responseExample)
                    : JsonValue.Create(responseExample.ToString());
            }
        }
    }

    private static JsonNode? Example(object example) =>
        example is string text ? JsonValue.Create(text) : JsonSerializer.SerializeToNode(example, example.GetType(), ExampleJson);
}
