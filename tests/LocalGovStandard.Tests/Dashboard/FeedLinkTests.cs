using System.Net;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>
/// On Kestrel, with a Host header of the client's choosing: the feed's links point at the configured
/// public address, and carry the read key only when the client put it in the address itself.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class FeedLinkTests(FeedLinkTests.Fixture fixture) : IClassFixture<FeedLinkTests.Fixture>
{
    private const string PublicBaseUrl = "https://standard.example.gov.uk";
    private const string ReadKey = "feed-link-read-key";

    public sealed class Fixture : RegisteredServiceFixture
    {
        protected override bool OnLoopback => true;

        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["LocalGovStandard:PublicBaseUrl"] = PublicBaseUrl,
            ["LocalGovStandard:ReadKey"] = ReadKey,
            ["LocalGovStandard:FeedPageSize"] = "1",
        };
    }

    [Fact]
    public async Task WithTheKeyInTheQuery_TheNextLinkIsAtThePublicAddress_AndKeepsTheKey()
    {
        var page = await PageAsync($"/odata/Councils?key={ReadKey}", header: false);

        var next = page["@odata.nextLink"]!.GetValue<string>();
        Assert.StartsWith(PublicBaseUrl + "/odata/Councils?", next, StringComparison.Ordinal);
        Assert.Contains($"key={ReadKey}", next, StringComparison.Ordinal);
        Assert.StartsWith(PublicBaseUrl + "/odata/$metadata", page["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);

        // Power BI follows it: at our address it is the next page.
        var second = await PageAsync(new Uri(next).PathAndQuery, header: false);
        Assert.NotEqual(page["value"]![0]!["Code"]!.GetValue<string>(), second["value"]![0]!["Code"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithTheKeyInTheHeader_TheNextLinkIsAtThePublicAddress_WithoutTheKey()
    {
        var page = await PageAsync("/odata/Councils", header: true);

        var next = page["@odata.nextLink"]!.GetValue<string>();
        Assert.StartsWith(PublicBaseUrl + "/odata/Councils?", next, StringComparison.Ordinal);
        Assert.DoesNotContain("key=", next, StringComparison.Ordinal);
        Assert.DoesNotContain(ReadKey, next, StringComparison.Ordinal);
    }

    private async Task<JsonNode> PageAsync(string pathAndQuery, bool header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(pathAndQuery, UriKind.Relative));
        request.Headers.Host = "attacker.example";
        if (header)
        {
            request.Headers.Add("x-read-key", ReadKey);
        }

        using var response = await fixture.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{pathAndQuery}: {(int)response.StatusCode} {text}");
        Assert.DoesNotContain("attacker.example", text, StringComparison.Ordinal);
        return JsonNode.Parse(text)!;
    }
}
