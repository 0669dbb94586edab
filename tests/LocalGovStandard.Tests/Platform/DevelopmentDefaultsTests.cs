using System.Net;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Platform;

/// <summary>A local run (Development, no keys configured) can try the OData feed with the documented read key.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class DevelopmentDefaultsTests(DevelopmentDefaultsTests.Fixture fixture) : IClassFixture<DevelopmentDefaultsTests.Fixture>
{
    private const string DevelopmentReadKey = "local-dev-read-key";

    public sealed class Fixture : ServiceFixture
    {
        protected override string EnvironmentName => "Development";
    }

    [Fact]
    public async Task TheFeed_AnswersTheDevelopmentReadKey_AndRefusesAnyOther()
    {
        var client = fixture.CreateClient();

        using var withTheKey = await GetFeedAsync(client, DevelopmentReadKey);
        using var withAnother = await GetFeedAsync(client, "not-the-read-key");

        Assert.Equal(HttpStatusCode.OK, withTheKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withAnother.StatusCode);
    }

    private static async Task<HttpResponseMessage> GetFeedAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/odata/Councils", UriKind.Relative));
        request.Headers.Add("x-read-key", key);
        return await client.SendAsync(request);
    }
}
