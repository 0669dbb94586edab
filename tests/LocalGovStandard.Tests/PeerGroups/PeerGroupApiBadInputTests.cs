using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.PeerGroups;

/// <summary>
/// POST /api/admin/peer-groups refuses bad input with a 400 naming the field, and stores nothing. (The bad-input catalogue
/// covers the anonymous routes; this admin route has its cases here.)
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PeerGroupApiBadInputTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "name empty", """{"slug":"bad-group","name":"","councils":["E08000025"]}""", "name" },
        { "name 81 characters", $$"""{"slug":"bad-group","name":"{{new string('n', 81)}}","councils":["E08000025"]}""", "name" },
        { "slug with capitals", """{"slug":"Bad-Group","name":"Bad","councils":["E08000025"]}""", "slug" },
        { "slug reserved", """{"slug":"new","name":"Bad","councils":["E08000025"]}""", "slug" },
        { "name with no letters, no slug", """{"name":"!!!","councils":["E08000025"]}""", "name" },
        { "no regions and no councils", """{"slug":"bad-group","name":"Bad"}""", "regions" },
        { "empty list of councils", """{"slug":"bad-group","name":"Bad","councils":[]}""", "councils" },
        { "unknown council", """{"slug":"bad-group","name":"Bad","councils":["E99999999"]}""", "councils" },
        { "council code as markup", """{"slug":"bad-group","name":"Bad","councils":["<script>alert(1)</script>"]}""", "councils" },
        { "covered region", """{"slug":"bad-group","name":"Bad","regions":["london"]}""", "regions" },
        { "regions and councils", """{"slug":"bad-group","name":"Bad","regions":["london"],"councils":["E08000025"]}""", "councils" },
        { "lead without a name", """{"slug":"bad-group","name":"Bad","councils":["E08000025"],"leads":[{"name":"","email":"a@b.gov.uk"}]}""", "leads[0].name" },
        { "lead address with CR/LF", """{"slug":"bad-group","name":"Bad","councils":["E08000025"],"leads":[{"name":"A","email":"a@b.gov.uk\r\nBcc: x@evil.example"}]}""", "leads[0].email" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_Is400NamingTheField_AndStoresNoGroup(string name, string json, string field)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await fixture.CreateAdminClient().PostAsync(new Uri("/api/admin/peer-groups", UriKind.Relative), content);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
        Assert.True(problem["errors"]?[field] is not null, $"{name}: {problem}");
        Assert.Null(await fixture.Service<PeerGroupStore>().FindAsync("bad-group", CancellationToken.None));
    }

    [Theory]
    [InlineData("not JSON", "{name:", "application/json")]
    [InlineData("an unknown field", """{"slug":"bad-group","name":"Bad","councils":["E08000025"],"colour":"red"}""", "application/json")]
    [InlineData("form content", "name=Bad", "application/x-www-form-urlencoded")]
    public async Task BrokenBodies_Are4xx_AndStoreNoGroup(string name, string body, string contentType)
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        var response = await fixture.CreateAdminClient().PostAsync(new Uri("/api/admin/peer-groups", UriKind.Relative), content);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{name}: {(int)response.StatusCode}");
        Assert.Null(await fixture.Service<PeerGroupStore>().FindAsync("bad-group", CancellationToken.None));
    }
}
