using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Standards;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Assessments;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class StandardsTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task Standards_AreServedWithTheirPointsScalesAndMapping()
    {
        var body = (await fixture.CreateClient().GetFromJsonAsync<JsonNode>("/api/standards"))!;
        var standards = body["standards"]!.AsArray();

        var lgdss = standards.Single(s => s!["id"]!.GetValue<string>() == "lgdss-2016")!;
        var service = standards.Single(s => s!["id"]!.GetValue<string>() == "service-standard-2019")!;
        Assert.Equal(15, lgdss["points"]!.AsArray().Count);
        Assert.Equal(14, service["points"]!.AsArray().Count);
        Assert.Equal(["met", "not-met"], lgdss["scale"]!["ratings"]!.AsArray().Select(r => r!["value"]!.GetValue<string>()));
        Assert.Equal(["green", "amber", "red"], service["scale"]!["ratings"]!.AsArray().Select(r => r!["value"]!.GetValue<string>()));
        Assert.All(lgdss["points"]!.AsArray(), p => Assert.False(string.IsNullOrWhiteSpace(p!["description"]!.GetValue<string>())));
        Assert.Equal("service-standard-2019", Assert.Single(body["mappings"]!.AsArray())!["to"]!.GetValue<string>());
    }

    [Fact]
    public void ANewStandardFile_IsPickedUpWithoutCodeChanges()
    {
        var folder = CopyOfShippedStandards();
        try
        {
            File.WriteAllText(Path.Combine(folder, "accessibility-2027.json"), """
                { "id": "accessibility-2027", "name": "Accessibility check", "version": "2027", "summary": "A two-point check.",
                  "assessorRoles": [ { "id": "lead-assessor", "label": "Lead assessor" }, { "id": "accessibility", "label": "Accessibility" } ],
                  "scale": { "ratings": [ { "value": "pass", "label": "Pass", "passes": true }, { "value": "fail", "label": "Fail", "passes": false } ],
                             "overall": "all-points-pass",
                             "overallRatings": [ { "value": "pass", "label": "Pass", "passes": true }, { "value": "fail", "label": "Fail", "passes": false } ] },
                  "points": [ { "number": 1, "title": "Keyboard", "description": "Everything works with a keyboard." },
                              { "number": 2, "title": "Contrast", "description": "Text has enough contrast." } ] }
                """);

            var catalogue = StandardCatalogue.LoadFrom(folder);

            var added = catalogue.Find("accessibility-2027")!;
            Assert.Equal(3, catalogue.Standards.Count);
            Assert.Equal("fail", added.OverallResult(["pass", "fail"], null).Value);
            Assert.Equal("pass", added.OverallResult(["pass", "pass"], null).Value);
            Assert.Equal(["lead-assessor", "accessibility"], added.AssessorRoles.Select(r => r.Id));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("""{ "id": "lgdss-2016", "name": "Duplicate", "version": "x", "summary": "s", "scale": { "ratings": [], "overall": "all-points-pass", "overallRatings": [] }, "points": [] }""", "defined twice")]
    [InlineData("""{ "id": "gaps", "name": "Gaps", "version": "1", "summary": "s", "scale": { "ratings": [ { "value": "y", "label": "Y", "passes": true }, { "value": "n", "label": "N", "passes": false } ], "overall": "all-points-pass", "overallRatings": [ { "value": "y", "label": "Y", "passes": true }, { "value": "n", "label": "N", "passes": false } ] }, "points": [ { "number": 2, "title": "t", "description": "d" } ] }""", "numbered 1, 2, 3")]
    [InlineData("""{ "id": "no-lead", "name": "No lead", "version": "1", "summary": "s", "assessorRoles": [ { "id": "design", "label": "Design" } ], "scale": { "ratings": [ { "value": "y", "label": "Y", "passes": true }, { "value": "n", "label": "N", "passes": false } ], "overall": "all-points-pass", "overallRatings": [ { "value": "y", "label": "Y", "passes": true }, { "value": "n", "label": "N", "passes": false } ] }, "points": [ { "number": 1, "title": "t", "description": "d" } ] }""", "assessorRoles must start with 'lead-assessor'")]
    [InlineData("""{ "from": "lgdss-2016", "to": "service-standard-2019", "note": "n", "points": { "16": [1] } }""", "does not exist")]
    public void ABrokenStandardFile_StopsTheAppWithAMessageNamingTheProblem(string json, string expected)
    {
        var folder = CopyOfShippedStandards();
        try
        {
            File.WriteAllText(Path.Combine(folder, "zz-broken.json"), json);

            var error = Assert.Throws<InvalidOperationException>(() => StandardCatalogue.LoadFrom(folder));

            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string CopyOfShippedStandards()
    {
        var folder = Directory.CreateTempSubdirectory("standards-").FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Standards", "Data"), "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }
}
