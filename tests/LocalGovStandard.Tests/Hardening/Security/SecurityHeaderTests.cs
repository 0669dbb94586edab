using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LocalGovStandard.Tests.Hardening.Security;

/// <summary>The headers every response carries, on pages, the API and errors; HSTS only outside Development.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SecurityHeaderTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    public static TheoryData<string> Paths => new() { "/signup", "/api/health", "/api/peer-groups", "/no-such-page" };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task EveryResponse_HasAStrictCsp_NoFraming_NoSniffing_AndAReferrerPolicy(string path)
    {
        var response = await HttpsClient(fixture).GetAsync(new Uri(path, UriKind.Relative));
        var csp = Header(response, "Content-Security-Policy");

        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task OutsideDevelopment_HttpsResponses_CarryHsts()
    {
        var response = await HttpsClient(fixture).GetAsync(new Uri("/signup", UriKind.Relative));

        Assert.Contains("max-age=31536000", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAntiforgeryCookie_IsHttpOnlySecureAndStrict()
    {
        var response = await HttpsClient(fixture).GetAsync(new Uri("/signup", UriKind.Relative));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lgs-antiforgery=", StringComparison.Ordinal)).ToLowerInvariant();

        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
    }

    /// <summary>A public host name: HSTS is never sent for localhost, whatever the environment.</summary>
    internal static HttpClient HttpsClient(ServiceFixture fixture) =>
        fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://standard.localgov.example") });

    internal static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : "";
}

/// <summary>In Development the browser must not be told to insist on HTTPS for localhost.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class DevelopmentHeaderTests(DevelopmentHeaderTests.Fixture fixture) : IClassFixture<DevelopmentHeaderTests.Fixture>
{
    public sealed class Fixture : ServiceFixture
    {
        protected override string EnvironmentName => "Development";
    }

    [Fact]
    public async Task InDevelopment_ThereIsNoHsts_ButTheCspStillApplies()
    {
        var response = await SecurityHeaderTests.HttpsClient(fixture).GetAsync(new Uri("/signup", UriKind.Relative));

        Assert.Equal("", SecurityHeaderTests.Header(response, "Strict-Transport-Security"));
        Assert.Contains("frame-ancestors 'none'", SecurityHeaderTests.Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
    }
}
