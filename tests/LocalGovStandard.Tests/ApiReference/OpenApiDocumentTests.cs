using System.Net;
using System.Text;
using System.Text.Json;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace LocalGovStandard.Tests.ApiReference;

/// <summary>
/// The OpenAPI document at /openapi/v1.json stays complete: every API endpoint the app maps (route and method) is in it,
/// with words, its success response, a ProblemDetails response for each error, examples, and the security its guard needs;
/// and the guards really answer 401 where the document says a key or session is needed, and only there.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class OpenApiDocumentTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly string[] ProblemTypes = ["application/problem+json", "application/json"];

    [Fact]
    public async Task EveryApiEndpoint_IsInTheDocument_WithItsResponses_Examples_AndTheSecurityOfItsGuard()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        var operations = ApiRoutes.All(fixture.Service<EndpointDataSource>());
        Assert.True(operations.Count > 60, $"Only {operations.Count} API operations were found");

        var failures = new List<string>();
        foreach (var operation in operations)
        {
            if (!paths.TryGetProperty(operation.Path, out var path) || !path.TryGetProperty(operation.Method.ToLowerInvariant(), out var described))
            {
                failures.Add($"{operation}: not in the document");
                continue;
            }

            failures.AddRange(Check(operation, described).Select(problem => $"{operation}: {problem}"));
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task TheDocument_DescribesNothingButTheApi()
    {
        using var document = await DocumentAsync();
        var mapped = ApiRoutes.All(fixture.Service<EndpointDataSource>()).Select(o => o.ToString()).ToHashSet();

        var described = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToList();

        Assert.All(described, operation => Assert.Contains(operation, mapped));
        Assert.DoesNotContain(described, d => d.Contains("/signup ", StringComparison.Ordinal) || d.Contains("/organiser", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryProblemResponse_RefersToTheOneProblemDetailsSchema_RatherThanACopy()
    {
        using var document = await DocumentAsync();

        var schemas = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .SelectMany(operation => operation.Value.GetProperty("responses").EnumerateObject())
            .Where(response => response.Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _))
            .Select(response => response.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema"))
            .ToList();

        Assert.True(schemas.Count > 300, $"Only {schemas.Count} problem responses");
        Assert.All(schemas, schema => Assert.True(schema.TryGetProperty("$ref", out _), schema.ToString()));
        Assert.True(document.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty("ProblemDetails", out _));
    }

    [Fact]
    public async Task TheDocument_DeclaresTheFourSecuritySchemes_AsEachGuardChecksThem()
    {
        using var document = await DocumentAsync();
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");

        AssertScheme(schemes.GetProperty("organiserKey"), "apiKey", "header", "x-functions-key");
        AssertScheme(schemes.GetProperty("readKey"), "apiKey", "header", "x-read-key");
        AssertScheme(schemes.GetProperty("sessionCookie"), "apiKey", "cookie", "lgs-session");
        Assert.Equal("http", schemes.GetProperty("bearerToken").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("bearerToken").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task EveryGuardedOperation_Answers401WithoutCredentials_AndNoOtherOperationDoes()
    {
        using var document = await DocumentAsync();
        var client = fixture.CreateClient();
        var wrong = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var guarded = operation.Value.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
                using var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), ApiRoutes.Fill(path.Name));
                using var response = await client.SendAsync(request);
                if (guarded != (response.StatusCode == HttpStatusCode.Unauthorized))
                {
                    wrong.Add($"{operation.Name.ToUpperInvariant()} {path.Name}: documented {(guarded ? "with" : "without")} security, answered {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [Fact]
    public async Task AnUnknownJsonField_IsA400_ThatLinksToTheApiReference()
    {
        var client = fixture.CreateClient();

        using var response = await client.PostAsync(new Uri("/api/signups", UriKind.Relative),
            new StringContent("""{"councilCode":"E09000033","favouriteColour":"green"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("/api/reference", problem.RootElement.GetProperty("apiReference").GetString());
        Assert.Contains("/api/reference", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var message = problem.RootElement.GetProperty("errors").GetProperty("favouriteColour")[0].GetString();
        Assert.Contains("check the API reference at /api/reference", message, StringComparison.Ordinal);

        using var reference = await client.GetAsync(new Uri("/api/reference/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    private static IEnumerable<string> Check(ApiRoutes.Operation operation, JsonElement described)
    {
        foreach (var words in new[] { "summary", "description" })
        {
            if (!described.TryGetProperty(words, out var text) || string.IsNullOrWhiteSpace(text.GetString()))
            {
                yield return $"no {words}";
            }
        }

        var responses = described.GetProperty("responses").EnumerateObject().ToList();
        if (!responses.Any(r => r.Name.StartsWith('2') && (r.Value.TryGetProperty("content", out _) || r.Name == "204")))
        {
            yield return "no success response with content";
        }

        if (!responses.Any(r => r.Name == "503"))
        {
            yield return "no 503 (the fault handler answers it on every route)";
        }

        foreach (var error in responses.Where(r => r.Name[0] is '4' or '5'))
        {
            var problem = error.Value.TryGetProperty("content", out var content)
                ? content.EnumerateObject().FirstOrDefault(c => ProblemTypes.Contains(c.Name))
                : default;
            if (problem.Value.ValueKind != JsonValueKind.Object || !IsProblemSchema(problem.Value.GetProperty("schema")))
            {
                yield return $"{error.Name} is not described as ProblemDetails";
            }
            else if (!problem.Value.TryGetProperty("example", out var example) || example.GetProperty("status").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture) != error.Name)
            {
                yield return $"{error.Name} has no example of its problem";
            }
        }

        if (described.TryGetProperty("requestBody", out var body) && body.GetProperty("content").EnumerateObject().Any(c => c.Name.Contains("json", StringComparison.Ordinal) && !c.Value.TryGetProperty("example", out _)))
        {
            yield return "its JSON request body has no example";
        }

        var success = responses.FirstOrDefault(r => r.Name.StartsWith('2'));
        if (success.Value.ValueKind != JsonValueKind.Object)
        {
            yield return "no success response";
        }
        else if (success.Value.TryGetProperty("content", out var successContent)
            && successContent.EnumerateObject().Any(c => c.Name.Contains("json", StringComparison.Ordinal) && !c.Value.TryGetProperty("example", out _)))
        {
            yield return $"its {success.Name} JSON response has no example";
        }

        var expected = ApiRoutes.ExpectedSchemes(operation);
        var declared = described.TryGetProperty("security", out var security)
            ? security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(s => s.Name)).Order(StringComparer.Ordinal).ToArray()
            : [];
        if (!expected.Order(StringComparer.Ordinal).SequenceEqual(declared))
        {
            yield return $"security [{string.Join(", ", declared)}], but its guard needs [{string.Join(", ", expected)}]";
        }

        if (expected.Length > 0 && !responses.Any(r => r.Name == "401"))
        {
            yield return "guarded, but no 401";
        }
    }

    private static bool IsProblemSchema(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? reference.GetString() is "#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails"
            : schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty("title", out _) && properties.TryGetProperty("status", out _);

    private static void AssertScheme(JsonElement scheme, string type, string location, string name)
    {
        Assert.Equal(type, scheme.GetProperty("type").GetString());
        Assert.Equal(location, scheme.GetProperty("in").GetString());
        Assert.Equal(name, scheme.GetProperty("name").GetString());
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        using var response = await fixture.CreateClient().GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
