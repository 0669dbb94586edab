using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Trust;

/// <summary>Organisers keep each council's own email domains; adding one approves whoever waited on it; every change is audited.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CouncilDomainTests(TrustFixture fixture) : IClassFixture<TrustFixture>
{
    private static string DomainsPath(TestCouncil council) => $"/api/admin/councils/{council.GssCode}/domains";

    [Fact]
    public async Task Put_ReplacesTheDomains_AndApprovesThoseWaitingOnAnAddedOne()
    {
        const string email = "digital@birmingham-shared.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, email);
        Assert.Equal("awaiting-approval", await TrustSteps.StatusAsync(fixture, TestRegister.Birmingham, email));
        var admin = fixture.CreateAdminClient();

        var response = await admin.PutAsJsonAsync(DomainsPath(TestRegister.Birmingham), new { domains = (string[])["Birmingham.gov.uk", "@birmingham-shared.gov.uk"] });
        var body = await response.Content.ReadFromJsonAsync<JsonNode>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["birmingham-shared.gov.uk"], body!["added"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(1, body["contactsApproved"]!.GetValue<int>());
        Assert.Equal("verified", await TrustSteps.StatusAsync(fixture, TestRegister.Birmingham, email));

        var removed = await (await admin.PutAsJsonAsync(DomainsPath(TestRegister.Birmingham), new { domains = (string[])["birmingham.gov.uk"] })).Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal(["birmingham-shared.gov.uk"], removed!["removed"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Theory]
    [InlineData("gov.uk", "domains[0]")]
    [InlineData("camden.example.com", "domains[0]")]
    [InlineData("not a domain", "domains[0]")]
    public async Task Put_RefusesADomainThatCannotBeACouncils_NamingIt(string domain, string field)
    {
        var response = await fixture.CreateAdminClient().PutAsJsonAsync(DomainsPath(TestRegister.Leicester), new { domains = new[] { domain } });
        var problem = await response.Content.ReadFromJsonAsync<JsonNode>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("like westminster.gov.uk", problem!["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var kept = await fixture.CreateAdminClient().GetFromJsonAsync<JsonNode>(DomainsPath(TestRegister.Leicester));
        Assert.Equal(["leicester.gov.uk"], kept!["domains"]!.AsArray().Select(d => d!.GetValue<string>()));
    }

    [Fact]
    public async Task UnknownCouncil_Is404_AndTheRoutesNeedTheOrganiserKey()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.CreateAdminClient().GetAsync(new Uri("/api/admin/councils/E99999999/domains", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.CreateClient().GetAsync(new Uri(DomainsPath(TestRegister.Camden), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.CreateClient().PutAsJsonAsync(DomainsPath(TestRegister.Camden), new { domains = Array.Empty<string>() })).StatusCode);
    }

    [Fact]
    public async Task CsvImport_AddsToEachCouncil_SharedDomainsIncluded_AndReportsBadLinesByNumber()
    {
        const string csv = "gssCode,domain\nE09000007,adur-worthing.gov.uk\nE06000016,adur-worthing.gov.uk\nE99999999,nowhere.gov.uk\nE09000007,gov.uk\n\"E09000007,broken\n";
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");

        var response = await fixture.CreateAdminClient().PostAsync(new Uri("/api/admin/councils/domains", UriKind.Relative), content);
        var body = await response.Content.ReadFromJsonAsync<JsonNode>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, body!["added"]!.GetValue<int>());
        var lines = body["errors"]!.AsArray().Select(e => e!["line"]!.GetValue<int>()).ToList();
        Assert.Contains(4, lines);
        Assert.Contains(5, lines);
        Assert.Contains(6, lines);
        foreach (var council in new[] { TestRegister.Camden, TestRegister.Leicester })
        {
            var domains = await fixture.CreateAdminClient().GetFromJsonAsync<JsonNode>(DomainsPath(council));
            Assert.Contains("adur-worthing.gov.uk", domains!["domains"]!.AsArray().Select(d => d!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task CsvImport_WithoutItsHeader_OrAsJson_IsRefusedClearly()
    {
        using var noHeader = new StringContent("E09000007,camden.gov.uk\n", Encoding.UTF8, "text/csv");
        var refused = await (await fixture.CreateAdminClient().PostAsync(new Uri("/api/admin/councils/domains", UriKind.Relative), noHeader)).Content.ReadFromJsonAsync<JsonNode>();
        Assert.Contains("gssCode,domain", refused!["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var json = await fixture.CreateAdminClient().PostAsJsonAsync("/api/admin/councils/domains", new { });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
    }
}
