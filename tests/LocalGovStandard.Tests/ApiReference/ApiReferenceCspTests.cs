using System.Net;
using System.Text.RegularExpressions;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Tests.Hardening.Security;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace LocalGovStandard.Tests.ApiReference;

/// <summary>
/// The API reference needs a looser CSP than the GOV.UK pages (its scripts by nonce, inline styles), and only it gets one:
/// every other page keeps the strict policy, word for word.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed partial class ApiReferenceCspTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string StrictPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    [Fact]
    public async Task TheReference_AllowsItsOwnNoncedScripts_AndInlineStyles_FromThisSiteOnly()
    {
        using var response = await fixture.CreateClient().GetAsync(new Uri("/api/reference/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var csp = SecurityHeaderTests.Header(response, "Content-Security-Policy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var nonce = Assert.Single(ScriptNonce().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct());
        Assert.Equal(
            $"script-src 'self' 'nonce-{nonce}'; default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
            csp);
        Assert.Equal("no-store", SecurityHeaderTests.Header(response, "Cache-Control"));

        // The scripts come from the package, beside the page, never from a CDN.
        Assert.All(ScriptSource().Matches(html).Select(m => m.Groups[1].Value), src => Assert.DoesNotContain("//", src, StringComparison.Ordinal));
        using var script = await fixture.CreateClient().GetAsync(new Uri("/api/reference/scalar.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);

        using var again = await fixture.CreateClient().GetAsync(new Uri("/api/reference/", UriKind.Relative));
        Assert.DoesNotContain(nonce, SecurityHeaderTests.Header(again, "Content-Security-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryOtherPage_KeepsTheStrictPolicy()
    {
        var pages = fixture.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpFunctionDeclaration>() is not null
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.Contains("GET") == true
                && e.RoutePattern.Parameters.Count == 0
                && !e.RoutePattern.RawText!.StartsWith("/api/reference", StringComparison.Ordinal))
            .Select(e => e.RoutePattern.RawText!)
            .Distinct()
            .ToList();
        Assert.Contains("/signup", pages);
        Assert.Contains("/dashboard", pages);
        Assert.Contains("/openapi/v1.json", pages);

        var client = fixture.CreateClient();
        var loose = new List<string>();
        foreach (var page in pages)
        {
            using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            var csp = SecurityHeaderTests.Header(response, "Content-Security-Policy");
            if (csp != StrictPolicy)
            {
                loose.Add($"{page} ({(int)response.StatusCode}): {csp}");
            }
        }

        Assert.True(loose.Count == 0, string.Join('\n', loose));
    }

    [GeneratedRegex("<script[^>]* nonce=\"([^\"]+)\"")]
    private static partial Regex ScriptNonce();

    [GeneratedRegex("<script[^>]* src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
