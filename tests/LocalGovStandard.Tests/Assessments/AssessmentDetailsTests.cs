using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Assessments;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AssessmentDetailsTests(AssessmentFixture fixture) : IClassFixture<AssessmentFixture>
{
    public static TheoryData<string, object?, string> InvalidDetails => new()
    {
        { "serviceName", "", "Enter the name of the service" },
        { "serviceName", new string('s', 121), "120 characters or fewer" },
        { "serviceUrl", "javascript:alert(1)", "starting with https://" },
        { "phase", "gamma", "phase must be one of" },
        { "type", "", "self or a peer" },
        { "standardId", "iso-9001", "Standard must be one of" },
        { "assessmentDate", "2026-02-30", "real date" },
        { "assessmentDate", "2099-01-01", "today or in the past" },
        { "assessmentDate", "2015-12-31", "2016 or later" },
    };

    [Theory]
    [MemberData(nameof(InvalidDetails))]
    public async Task Create_WithAnInvalidDetail_Is400NamingTheField(string field, object? value, string expected)
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var body = JsonSerializer.SerializeToNode(AssessmentSteps.SelfDetails("lgdss-2016"))!.AsObject();
        body[field] = JsonSerializer.SerializeToNode(value);

        var response = await client.PostAsJsonAsync("/api/assessments", body);
        var problem = await response.Content.ReadFromJsonAsync<JsonNode>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, problem!["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeerAssessment_NeedsAPanelWithALeadAssessorFromRegisterCouncils()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        object Peer(params object[] panel) => new { serviceName = "Peer reviewed", phase = "beta", type = "peer", standardId = "service-standard-2019", assessmentDate = "2026-11-01", panel };

        var none = await client.PostAsJsonAsync("/api/assessments", Peer());
        var noLead = await client.PostAsJsonAsync("/api/assessments", Peer(new { name = "Sam", councilCode = TestRegister.Camden.GssCode, role = "designer" }));
        var unknownCouncil = await client.PostAsJsonAsync("/api/assessments", Peer(new { name = "Sam", councilCode = "E09999999", role = "lead-assessor" }));
        var valid = await client.PostAsJsonAsync("/api/assessments", Peer(
            new { name = "Sam Lead", councilCode = TestRegister.Camden.GssCode, role = "lead-assessor" },
            new { name = "Ria Research", councilCode = TestRegister.Birmingham.GssCode, role = "user-researcher" }));

        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("lead assessor", (await noLead.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.NotNull((await unknownCouncil.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["panel[0].councilCode"]);
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
        var panel = (await valid.Content.ReadFromJsonAsync<JsonNode>())!["panel"]!.AsArray();
        Assert.Equal("London Borough of Camden", panel[0]!["councilName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Notes_KeepLineBreaks_AndAreLengthLimited()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.CamdenContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Notes"));

        var (tooLong, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reference}/points/1", new { rating = "met", notes = new string('n', 2001) }, etag);
        var (ok, body) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reference}/points/1", new { rating = "met", notes = "Line one\r\nLine two" }, etag);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("Line one\nLine two", body!["points"]![0]!["notes"]!.GetValue<string>());
    }
}

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AssessmentCapacityTests(AssessmentFixture fixture) : IClassFixture<AssessmentFixture>
{
    [Fact]
    public async Task EveryPointWithMaximumNotes_IsStoredAndReadBackWhole()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.CamdenContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Full notes"));

        for (var n = 1; n <= 15; n++)
        {
            var notes = string.Concat(Enumerable.Repeat($"Point {n:00} éèê ", 2000))[..2000];
            var (response, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reference}/points/{n}", new { rating = "met", notes }, etag);
            Assert.True(response.IsSuccessStatusCode, $"point {n}: {(int)response.StatusCode}");
            etag = response.Headers.ETag!.ToString();
        }

        var stored = await client.GetFromJsonAsync<JsonNode>($"/api/assessments/{reference}");
        var points = stored!["points"]!.AsArray();
        Assert.All(points, p => Assert.Equal(2000, p!["notes"]!.GetValue<string>().Length));
        Assert.StartsWith("Point 15 ", points[14]!["notes"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
