using System.Net;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Platform;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AdminKeyTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    public static TheoryData<string, string> AdminRoutes => new()
    {
        { "GET", "/api/admin/signups" },
        { "POST", "/api/admin/register" },
        { "POST", "/api/admin/people/erase" },
        { "POST", "/api/admin/timers/PurgeExpiredVerifications/run" },
    };

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task AdminRoute_WithoutKey_Is401Problem(string method, string path)
    {
        var response = await fixture.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task AdminRoute_WithWrongKey_Is401(string method, string path)
    {
        var client = fixture.CreateClient();
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("x-functions-key", ServiceFixture.AdminKey + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path + "?code=wrong"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path + "?code="))).StatusCode);
    }

    [Fact]
    public async Task AdminRoute_WithKeyInHeaderOrCode_IsAllowed()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.CreateAdminClient().GetAsync(new Uri("/api/admin/signups", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.CreateClient().GetAsync(new Uri($"/api/admin/signups?code={ServiceFixture.AdminKey}", UriKind.Relative))).StatusCode);
    }
}

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AdminKeyUnsetTests(AdminKeyUnsetTests.Fixture fixture) : IClassFixture<AdminKeyUnsetTests.Fixture>
{
    public sealed class Fixture : ServiceFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?> { ["LocalGovStandard:AdminKey"] = "" };
    }

    [Fact]
    public async Task AdminRoutes_WhenNoKeyIsConfigured_RefuseEveryone()
    {
        var client = fixture.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/admin/signups", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/admin/signups?code=", UriKind.Relative))).StatusCode);
    }
}

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AdminKeyUnresolvedReferenceTests(AdminKeyUnresolvedReferenceTests.Fixture fixture) : IClassFixture<AdminKeyUnresolvedReferenceTests.Fixture>
{
    public const string UnresolvedReference = "@Microsoft.KeyVault(SecretUri=https://lgs-kv.vault.azure.net/secrets/admin-key)";

    public sealed class Fixture : ServiceFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?> { ["LocalGovStandard:AdminKey"] = UnresolvedReference };
    }

    [Fact]
    public async Task AnUnresolvedKeyVaultReference_IsNeverAcceptedAsTheKey()
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", UnresolvedReference);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/admin/signups", UriKind.Relative))).StatusCode);
    }
}
