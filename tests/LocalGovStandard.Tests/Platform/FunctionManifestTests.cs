using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cronos;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace LocalGovStandard.Tests.Platform;

/// <summary>
/// The function.json files the publish step writes come from the endpoints' declarations. These tests
/// prove the two agree: every endpoint is declared (or deliberately not a function), and every
/// declared function's trigger matches what the endpoint really serves.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed partial class FunctionManifestTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private IReadOnlyList<RouteEndpoint> Endpoints =>
        fixture.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    [Fact]
    public void EveryEndpoint_IsExactlyOneOf_HttpFunction_TimerFunction_QueueFunction_OrNotAFunction()
    {
        Assert.NotEmpty(Endpoints);
        var wrong = Endpoints
            .Select(e => (Endpoint: e, Declarations: new object?[]
            {
                e.Metadata.GetMetadata<HttpFunctionDeclaration>(),
                e.Metadata.GetMetadata<TimerFunctionDeclaration>(),
                e.Metadata.GetMetadata<QueueFunctionDeclaration>(),
                e.Metadata.GetMetadata<NotAFunction>(),
            }.Count(d => d is not null)))
            .Where(x => x.Declarations != 1)
            .Select(x => $"{x.Endpoint.RoutePattern.RawText} ({x.Endpoint.DisplayName}): {x.Declarations} declarations")
            .ToList();

        Assert.True(wrong.Count == 0, "Endpoints must be declared exactly once:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void WrittenFunctionJson_MatchesTheEndpoints()
    {
        var functions = FunctionManifest.FromEndpoints([fixture.Service<EndpointDataSource>()]);
        var directory = Directory.CreateTempSubdirectory("lgs-functions-");
        try
        {
            FunctionManifest.WriteFunctionJsonFiles(functions, directory.FullName);

            var folders = directory.GetDirectories().Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(functions.Select(f => f.Name).Order(StringComparer.Ordinal), folders);

            var httpEndpoints = Endpoints.Where(e => e.Metadata.GetMetadata<HttpFunctionDeclaration>() is not null).ToList();
            var timerEndpoints = Endpoints.Where(e => e.Metadata.GetMetadata<TimerFunctionDeclaration>() is not null).ToList();
            var queueEndpoints = Endpoints.Where(e => e.Metadata.GetMetadata<QueueFunctionDeclaration>() is not null).ToList();
            Assert.Equal(httpEndpoints.Count + timerEndpoints.Count + queueEndpoints.Count, folders.Count);

            foreach (var endpoint in httpEndpoints)
            {
                var declaration = endpoint.Metadata.GetMetadata<HttpFunctionDeclaration>()!;
                using var json = ReadFunctionJson(directory, declaration.Name);
                var bindings = json.RootElement.GetProperty("bindings");
                Assert.Equal(2, bindings.GetArrayLength());

                var trigger = bindings[0];
                Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
                Assert.Equal("in", trigger.GetProperty("direction").GetString());
                Assert.False(string.IsNullOrEmpty(trigger.GetProperty("name").GetString()));

                var expectedMethods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                    .Select(m => m.ToLowerInvariant()).Order(StringComparer.Ordinal);
                var methods = trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).Order(StringComparer.Ordinal);
                Assert.Equal(expectedMethods, methods);

                var route = trigger.GetProperty("route").GetString()!;
                Assert.Equal(ExpectedFunctionsRoute(endpoint.RoutePattern), route);

                var expectedAuth = route.StartsWith("api/admin", StringComparison.Ordinal) ? "function" : "anonymous";
                Assert.True(expectedAuth == trigger.GetProperty("authLevel").GetString(), $"{declaration.Name} ({route}) must have authLevel {expectedAuth}");

                var output = bindings[1];
                Assert.Equal("http", output.GetProperty("type").GetString());
                Assert.Equal("out", output.GetProperty("direction").GetString());
                Assert.False(string.IsNullOrEmpty(output.GetProperty("name").GetString()));
            }

            foreach (var endpoint in timerEndpoints)
            {
                var declaration = endpoint.Metadata.GetMetadata<TimerFunctionDeclaration>()!;
                using var json = ReadFunctionJson(directory, declaration.Name);
                var bindings = json.RootElement.GetProperty("bindings");
                Assert.Equal(1, bindings.GetArrayLength());

                var trigger = bindings[0];
                Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
                Assert.Equal("in", trigger.GetProperty("direction").GetString());
                Assert.False(string.IsNullOrEmpty(trigger.GetProperty("name").GetString()));
                var schedule = trigger.GetProperty("schedule").GetString()!;
                Assert.Equal(declaration.Schedule, schedule);
                Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
                Assert.NotNull(CronExpression.Parse(schedule, CronFormat.IncludeSeconds).GetNextOccurrence(TestClock.FirstStart.UtcDateTime));

                // The host posts a timer invocation to /{FunctionName}.
                Assert.Equal("/" + declaration.Name, endpoint.RoutePattern.RawText);
                Assert.Equal(["POST"], endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods);
            }

            foreach (var endpoint in queueEndpoints)
            {
                var declaration = endpoint.Metadata.GetMetadata<QueueFunctionDeclaration>()!;
                using var json = ReadFunctionJson(directory, declaration.Name);
                var trigger = Assert.Single(json.RootElement.GetProperty("bindings").EnumerateArray());
                Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
                Assert.Equal("in", trigger.GetProperty("direction").GetString());
                Assert.Equal(QueueFunctionEndpoints.BindingName, trigger.GetProperty("name").GetString());
                Assert.Equal(declaration.QueueName, trigger.GetProperty("queueName").GetString());
                Assert.Equal(declaration.Connection, trigger.GetProperty("connection").GetString());
                Assert.Matches("^[a-z0-9](-?[a-z0-9])+$", declaration.QueueName);

                // The host posts each queue message to /{FunctionName}.
                Assert.Equal("/" + declaration.Name, endpoint.RoutePattern.RawText);
                Assert.Equal(["POST"], endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void FunctionNames_AreUniqueAndValid()
    {
        var names = FunctionManifest.FromEndpoints([fixture.Service<EndpointDataSource>()]).Select(f => f.Name).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, name => Assert.Matches(ValidFunctionName(), name));
        Assert.DoesNotContain(names, n => string.Equals(n, "handler", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void NoTwoHttpFunctions_ShareAMethodAndRoute()
    {
        var clashes = FunctionManifest.FromEndpoints([fixture.Service<EndpointDataSource>()])
            .Where(f => f.Trigger.Type == "httpTrigger")
            .SelectMany(f => f.Trigger.Methods!.Select(m => (Key: $"{m} {f.Trigger.Route}", f.Name)))
            .GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Name))}")
            .ToList();

        Assert.Empty(clashes);
    }

    [Fact]
    public void PurgeExpiredVerifications_IsATimerFunction()
    {
        var function = Assert.Single(FunctionManifest.FromEndpoints([fixture.Service<EndpointDataSource>()]),
            f => f.Name == "PurgeExpiredVerifications");

        var trigger = Assert.Single(function.Bindings);
        Assert.Equal("timerTrigger", trigger.Type);
        Assert.Equal("0 0 3 * * *", trigger.Schedule);
    }

    [Fact]
    public void TheRootRoute_IsDeclaredSoTheHostMatchesOnlyTheRoot()
    {
        // The Functions host replaces an empty route with the function name, so "/" needs a pattern
        // that matches only the empty path.
        var start = Assert.Single(FunctionManifest.FromEndpoints([fixture.Service<EndpointDataSource>()]), f => f.Name == "StartPage");

        Assert.Equal(FunctionManifest.RootRoute, start.Trigger.Route);
        var pattern = RoutePatternFactory.Parse(FunctionManifest.RootRoute);
        var parameter = Assert.Single(pattern.Parameters);
        Assert.True(parameter.IsOptional);
        Assert.Contains(parameter.ParameterPolicies, p => p.Content == "maxlength(0)");
    }

    [Fact]
    public async Task EveryHttpFunction_ReachesAnEndpoint_WithItsDeclaredMethodAndRoute()
    {
        var client = fixture.CreateClient();
        var failures = new List<string>();
        var functions = FunctionManifest.FromEndpoints([fixture.Service<EndpointDataSource>()])
            .Where(f => f.Trigger.Type == "httpTrigger")
            .ToList();
        Assert.NotEmpty(functions);

        foreach (var function in functions)
        {
            var path = "/" + FillRoute(function.Trigger.Route!);
            foreach (var method in function.Trigger.Methods!)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), path);
                request.Headers.Add("x-functions-key", ServiceFixture.AdminKey);
                if (method is "post" or "put" or "patch")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                if (response.StatusCode == HttpStatusCode.MethodNotAllowed || (int)response.StatusCode >= 500)
                {
                    failures.Add($"{function.Name}: {method.ToUpperInvariant()} {path} answered {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static JsonDocument ReadFunctionJson(DirectoryInfo directory, string name)
    {
        var file = Path.Combine(directory.FullName, name, "function.json");
        Assert.True(File.Exists(file), $"{name}/function.json was not written");
        return JsonDocument.Parse(File.ReadAllText(file));
    }

    /// <summary>The endpoint's own route as the Functions host needs it: no leading or trailing slash, constraints left to the handler.</summary>
    private static string ExpectedFunctionsRoute(RoutePattern pattern)
    {
        var route = RouteConstraint().Replace(pattern.RawText!.Trim('/'), "{$1$2}");
        return route.Length == 0 ? FunctionManifest.RootRoute : route;
    }

    /// <summary>A concrete path for a Functions route template, with plausible values for its parameters.</summary>
    private static string FillRoute(string route)
    {
        if (route == FunctionManifest.RootRoute)
        {
            return "";
        }

        return RouteParameter().Replace(route, match => match.Groups["name"].Value switch
        {
            _ when match.Groups["catchAll"].Success => "x",
            "councilCode" => "E09000033",
            "reference" => "LGS-2222-2222",
            "name" => "PurgeExpiredVerifications",
            "number" or "point" => "1",
            "evidenceId" => "0f8fad5bd9cb469fa16570867728950e",
            _ => "x",
        });
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,126}$")]
    private static partial Regex ValidFunctionName();

    [GeneratedRegex(@"\{(\*{0,2}[A-Za-z0-9_]+)(?::[^{}]*?)?(\??)\}")]
    private static partial Regex RouteConstraint();

    [GeneratedRegex(@"\{(?<catchAll>\*{1,2})?(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
