using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LocalGovStandard.Register;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Register;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class RegisterImportTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private readonly HttpClient _admin = fixture.CreateAdminClient();

    [Fact]
    public async Task Import_ParsesQuotedCommas_AndKeepsEndedAuthorities()
    {
        var result = await ImportAsync(TestRegister.Csv(TestRegister.Camden, TestRegister.Taunton, ArmaghLike));

        Assert.Empty(result["errors"]!.AsArray());
        var councils = await fixture.Service<CouncilDirectory>().AllAsync(CancellationToken.None);
        var armagh = Assert.Single(councils, c => c.LocalAuthorityCode == ArmaghLike.Code);
        Assert.Equal("Armagh City, Banbridge and Craigavon Borough Council", armagh.OfficialName);
        Assert.Equal("northern-ireland", armagh.Region.Slug);
        var taunton = Assert.Single(councils, c => c.LocalAuthorityCode == TestRegister.Taunton.Code);
        Assert.False(taunton.CanSignUp);
        Assert.True(Assert.Single(councils, c => c.LocalAuthorityCode == TestRegister.Camden.Code).CanSignUp);
    }

    [Fact]
    public async Task Import_EndedAuthorityWithNoRegion_IsKeptButCannotSignUp()
    {
        await ImportAsync(TestRegister.Csv(TestRegister.Kettering));

        var kettering = await fixture.Service<CouncilDirectory>().FindByCodeAsync(TestRegister.Kettering.GssCode, CancellationToken.None);
        Assert.NotNull(kettering);
        Assert.Equal(Regions.Unassigned, kettering.Region);
        Assert.False(kettering.CanSignUp);
        var (response, body) = await SignupSteps.SignUpAsync(fixture.CreateClient(), SignupSteps.Body(TestRegister.Kettering, "someone@kettering.gov.uk"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no longer a current council", body["errors"]!["councilCode"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACouncilWithoutAGssCode_IsFoundByTheRegistersCode_AndOneWithAGssCodeStillByThat()
    {
        await ImportAsync(TestRegister.Csv([.. TestRegister.HistoricNorthernIreland, TestRegister.Camden]));
        var directory = fixture.Service<CouncilDirectory>();

        var derry = await directory.FindByCodeAsync("nir-a", CancellationToken.None);
        Assert.Equal("Derry City Council", derry?.OfficialName);
        Assert.Equal("NIR-A", derry!.Code);
        Assert.Equal("Limavady Borough Council", (await directory.FindByCodeAsync("NIR-B", CancellationToken.None))?.OfficialName);
        var camden = await directory.FindByCodeAsync(TestRegister.Camden.GssCode, CancellationToken.None);
        Assert.Equal(TestRegister.Camden.GssCode, camden?.Code);
        Assert.Null(await directory.FindByCodeAsync(TestRegister.Camden.Code, CancellationToken.None));
    }

    [Fact]
    public async Task Reimport_OfTheSameFile_ChangesNothing()
    {
        var csv = TestRegister.Csv(Harrow, Hounslow);
        var first = await ImportAsync(csv);
        var second = await ImportAsync(csv);

        Assert.Equal(2, first["imported"]!.GetValue<int>());
        Assert.Equal(0, second["imported"]!.GetValue<int>());
        Assert.Equal(0, second["updated"]!.GetValue<int>());
        Assert.Equal(2, second["skipped"]!.GetValue<int>());
    }

    [Fact]
    public async Task Reimport_WithAChangedRow_UpdatesOnlyThatRow()
    {
        await ImportAsync(TestRegister.Csv(Enfield, Ealing));
        var renamed = Enfield with { OfficialName = "Enfield Council" };

        var result = await ImportAsync(TestRegister.Csv(renamed, Ealing));

        Assert.Equal(1, result["updated"]!.GetValue<int>());
        Assert.Equal(1, result["skipped"]!.GetValue<int>());
        var enfield = await fixture.Service<CouncilDirectory>().FindByCodeAsync(Enfield.GssCode, CancellationToken.None);
        Assert.Equal("Enfield Council", enfield!.OfficialName);
    }

    [Fact]
    public async Task Import_ReportsMalformedRowsByLine_AndImportsTheRest()
    {
        var csv = new StringBuilder(TestRegister.Header).Append('\n')
            .Append(Lambeth.CsvLine()).Append('\n')                                           // line 2: fine
            .Append("LBH2,Lambeth \"Two\" Council,Lambeth,E09000999,2000-01-01,,,England,London,XX,London borough,True\n") // line 3: stray quote
            .Append("SWK,Southwark,Southwark,E09000028,2000-01-01,,,England,London\n")          // line 4: too few fields
            .Append("BAD,Bad Code Council,Bad,X123,2000-01-01,,,England,London,XX,London borough,True\n") // line 5: bad GSS
            .Append("BDT,Bad Date Council,Bad,E09000998,2000-01-01,31/03/2021,,England,London,XX,London borough,True\n") // line 6: bad date
            .Append("ATL,Atlantis Council,Atlantis,E09000997,2000-01-01,,,England,Atlantis,XX,London borough,True\n") // line 7: unknown region
            .Append(Lambeth.CsvLine()).Append('\n')                                           // line 8: duplicate code
            .Append("LWS,Lewisham,Lewisham,E09000023,2000-01-01,,,England,London,XX,London borough,Maybe\n") // line 9: bad flag
            .ToString();

        var result = await ImportAsync(csv);
        var errors = result["errors"]!.AsArray().Select(e => (Line: e!["line"]!.GetValue<int>(), Message: e["message"]!.GetValue<string>())).ToList();

        Assert.Equal(1, result["imported"]!.GetValue<int>());
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], errors.Select(e => e.Line));
        Assert.Contains("quot", errors[0].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("fields", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("gss-code", errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("end-date", errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("region", errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("line 2", errors[5].Message, StringComparison.Ordinal);
        Assert.Contains("current-authority", errors[6].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingColumns_IsReportedOnLine1()
    {
        var result = await ImportAsync("local-authority-code,official-name\nXYZ,Somewhere\n");

        var error = Assert.Single(result["errors"]!.AsArray());
        Assert.Equal(1, error!["line"]!.GetValue<int>());
        Assert.Contains("gss-code", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, result["imported"]!.GetValue<int>());
    }

    [Fact]
    public async Task Import_WithWrongContentType_Is415()
    {
        var response = await _admin.PostAsJsonAsync("/api/admin/register", new { councils = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task CommandLineImport_ImportsTheFile_AndPrintsProgressAndSummary()
    {
        var path = Path.Combine(Path.GetTempPath(), $"register-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, TestRegister.Csv(Merton, Sutton));
        try
        {
            using var output = new StringWriter();
            var exitCode = await RegisterCommand.RunAsync(fixture.App.Services, [RegisterCommand.Verb, path], output);

            Assert.Equal(0, exitCode);
            var text = output.ToString();
            Assert.Contains("write: 2/2", text, StringComparison.Ordinal);
            Assert.Contains("Imported 2, updated 0, skipped 0 unchanged, 0 error(s).", text, StringComparison.Ordinal);
            Assert.NotNull(await fixture.Service<CouncilDirectory>().FindByCodeAsync(Sutton.GssCode, CancellationToken.None));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task CommandLineImport_WithoutAFile_PrintsUsage()
    {
        using var output = new StringWriter();

        Assert.Equal(2, await RegisterCommand.RunAsync(fixture.App.Services, [RegisterCommand.Verb], output));
        Assert.Contains("Usage", output.ToString(), StringComparison.Ordinal);
    }

    private static readonly TestCouncil ArmaghLike = new("ABC", "Armagh City, Banbridge and Craigavon Borough Council", "Armagh City, Banbridge and Craigavon", "N09000002", "Northern Ireland", "NI district", Nation: "Northern Ireland");
    private static readonly TestCouncil Harrow = new("HRW", "London Borough of Harrow", "Harrow", "E09000015", "London", "London borough");
    private static readonly TestCouncil Hounslow = new("HNS", "London Borough of Hounslow", "Hounslow", "E09000018", "London", "London borough");
    private static readonly TestCouncil Enfield = new("ENF", "London Borough of Enfield", "Enfield", "E09000010", "London", "London borough");
    private static readonly TestCouncil Ealing = new("EAL", "London Borough of Ealing", "Ealing", "E09000009", "London", "London borough");
    private static readonly TestCouncil Lambeth = new("LBH", "London Borough of Lambeth", "Lambeth", "E09000022", "London", "London borough");
    private static readonly TestCouncil Merton = new("MRT", "London Borough of Merton", "Merton", "E09000024", "London", "London borough");
    private static readonly TestCouncil Sutton = new("STN", "London Borough of Sutton", "Sutton", "E09000029", "London", "London borough");

    private async Task<JsonNode> ImportAsync(string csv)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        var response = await _admin.PostAsync(new Uri("/api/admin/register", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
