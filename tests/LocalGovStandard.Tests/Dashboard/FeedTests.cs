using System.Net;
using System.Text.Json.Nodes;
using System.Xml;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Validation;
using static LocalGovStandard.Tests.Dashboard.DashboardReading;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>The OData feed for Power BI: the read key, valid metadata, paging, query options, and the same figures as the seed.</summary>
[Collection(DashboardData.Name)]
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class FeedTests(DashboardFixture fixture)
{
    private static readonly string[] EntitySets = ["Councils", "SignUps", "Assessments", "PointResults", "Actions", "MonthlySnapshots", "Headlines", "SupportNeeds", "PeerAssessments", "AssessorLoad"];

    private DashboardSeed Seed => fixture.Seed;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData(ServiceFixture.AdminKey)]
    public async Task EveryFeedRoute_WithoutTheReadKey_IsUnauthorized(string? key)
    {
        var client = fixture.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-read-key", key);
        }

        foreach (var path in EntitySets.Select(s => "/odata/" + s).Append("/odata").Append("/odata/$metadata"))
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task TheReadKey_AlsoWorksAsTheKeyQueryParameter()
    {
        var response = await fixture.CreateClient().GetAsync(new Uri($"/odata/Councils?key={DashboardFixture.ReadKey}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Metadata_IsValidCsdl_WithTheTenEntitySets()
    {
        var xml = await Feed().GetStringAsync(new Uri("/odata/$metadata", UriKind.Relative));
        using var reader = XmlReader.Create(new StringReader(xml));
        Assert.True(CsdlReader.TryParse(reader, out IEdmModel model, out var errors), string.Join("; ", errors.Select(e => e.ErrorMessage)));
        Assert.True(model.Validate(out var validationErrors), string.Join("; ", validationErrors.Select(e => e.ErrorMessage)));
        Assert.Equal(EntitySets.Order(), model.EntityContainer.EntitySets().Select(s => s.Name).Order());
        var signUp = model.EntityContainer.FindEntitySet("SignUps").EntityType;
        Assert.DoesNotContain(signUp.StructuralProperties(), p => p.Name.Contains("Email", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("ContactName", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheServiceDocument_ListsEveryEntitySet()
    {
        var document = JsonNode.Parse(await Feed().GetStringAsync(new Uri("/odata", UriKind.Relative)))!;
        Assert.EndsWith("/odata/$metadata", document["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(EntitySets, document["value"]!.AsArray().Select(v => v!["url"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ServerDrivenPaging_ReturnsEveryPointResultExactlyOnce()
    {
        var (rows, pages) = await AllPagesAsync("/odata/PointResults");
        var ids = rows.Select(r => r["Id"]!.GetValue<string>()).ToList();
        var expected = Seed.Assessments.SelectMany(a => a.Ratings.Keys.Select(p => $"{a.Gss}|{a.Reference}|{p}")).ToList();

        Assert.True(pages > 1, "the seed has more point results than one page");
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(expected.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FilterSelectTopAndSkip_AreApplied()
    {
        var lgdss = await AllPagesAsync("/odata/Assessments?$filter=StandardId eq 'lgdss-2016'&$select=Reference,StandardId");
        Assert.Equal(Seed.Assessments.Where(a => a.Standard == "lgdss-2016").Select(a => a.Reference).Order(), lgdss.Rows.Select(r => r["Reference"]!.GetValue<string>()).Order());
        Assert.All(lgdss.Rows, r => Assert.Equal(["Reference", "StandardId"], r.AsObject().Select(p => p.Key).Where(k => !k.StartsWith('@')).Order()));

        var all = (await AllPagesAsync("/odata/Councils?$orderby=Code")).Rows.Select(r => r["Code"]!.GetValue<string>()).ToList();
        var page = JsonNode.Parse(await Feed().GetStringAsync(new Uri("/odata/Councils?$orderby=Code&$skip=2&$top=3", UriKind.Relative)))!;
        Assert.Equal(all.Skip(2).Take(3), page["value"]!.AsArray().Select(r => r!["Code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Councils_HasEveryRegisterRowOnce_KeyedByItsGssCode_OrTheRegistersCodeWhenItHasNone()
    {
        var rows = (await AllPagesAsync("/odata/Councils")).Rows;
        var register = TestRegister.All.Concat(TestRegister.HistoricNorthernIreland).ToList();
        Assert.Equal(register.Select(c => c.GssCode.Length > 0 ? c.GssCode : c.Code).Order(StringComparer.Ordinal),
            rows.Select(r => r["Code"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var westminster = Assert.Single(rows, r => r["LocalAuthorityCode"]!.GetValue<string>() == TestRegister.Westminster.Code);
        Assert.Equal(TestRegister.Westminster.GssCode, westminster["Code"]!.GetValue<string>());
        Assert.Equal(TestRegister.Westminster.GssCode, westminster["GssCode"]!.GetValue<string>());

        var derry = JsonNode.Parse(await Feed().GetStringAsync(new Uri("/odata/Councils('NIR-A')", UriKind.Relative)))!;
        Assert.Equal("Derry City Council", derry["Name"]!.GetValue<string>());
        Assert.Null(derry["GssCode"]);
        Assert.False(derry["CanSignUp"]!.GetValue<bool>());
        Assert.Equal(rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), await Feed().GetStringAsync(new Uri("/odata/Councils/$count", UriKind.Relative)));
    }

    [Fact]
    public async Task ABadQuery_IsA400ProblemNamingTheQuery_NotAServerError()
    {
        var response = await Feed().GetAsync(new Uri("/odata/Assessments?$filter=NoSuchProperty eq 1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!["query"]);
    }

    [Fact]
    public async Task TheFeedsFigures_EqualTheRecomputedFigures()
    {
        var signUps = (await AllPagesAsync("/odata/SignUps")).Rows;
        Assert.Equal(Seed.Signups.Select(s => s.Gss).Order(), signUps.Select(s => s["GssCode"]!.GetValue<string>()).Order());
        foreach (var signUp in signUps)
        {
            var gss = signUp["GssCode"]!.GetValue<string>();
            Assert.Equal(Seed.Contacts.Count(c => c.Gss == gss && c.VerifiedAt is not null), signUp["VerifiedContacts"]!.GetValue<int>());
        }

        var current = (await AllPagesAsync("/odata/PointResults?$filter=Current eq true")).Rows;
        var expected = Seed.At(0, DashboardSeed.AllRegions);
        Assert.Equal(expected.Rated, current.Count);
        Assert.Equal(expected.Passing, current.Count(r => r["MetOrGreen"]!.GetValue<bool>()));

        var open = (await AllPagesAsync("/odata/Actions?$filter=Status eq 'open'")).Rows;
        Assert.Equal(Seed.Actions.Count(a => a.Status == "open"), open.Count);

        var snapshots = (await AllPagesAsync($"/odata/MonthlySnapshots?$filter=Month eq '{Seed.Month(0)}' and Standard eq 'all'")).Rows;
        Assert.Equal(12, snapshots.Count);
        Assert.Equal(expected.SignedUp, snapshots.Sum(s => s!["SignedUp"]!.GetValue<int>()));
        Assert.Equal(expected.ActionsOverdue, snapshots.Sum(s => s!["ActionsOverdue"]!.GetValue<int>()));
        Assert.Equal(expected.Passing, snapshots.Sum(s => s!["PointsPassing"]!.GetValue<int>()));
    }

    [Fact]
    public async Task NoEntitySet_CarriesContactsNamesOrEmailAddresses()
    {
        // This seed has no peer assessments: PeerAssessmentReportingTests checks those two sets against panel members' names.
        foreach (var set in EntitySets.Except(["PeerAssessments", "AssessorLoad"]))
        {
            var (rows, _) = await AllPagesAsync("/odata/" + set);
            Assert.True(rows.Count > 0, $"/odata/{set} returned no rows, so there was nothing to check");
            var text = string.Join('\n', rows.Select(r => r.ToJsonString()));
            Assert.All(DashboardSeed.PersonalData, person => Assert.DoesNotContain(person, text, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task SupportNeeds_HasEachCouncilsLatestAnswerPerPoint_AndNoOneWhoAnswered()
    {
        var (rows, _) = await AllPagesAsync("/odata/SupportNeeds");

        Assert.Equal(3 * 15, rows.Count);
        var westminster = rows.Where(r => r["GssCode"]!.GetValue<string>() == TestRegister.Westminster.GssCode).ToList();
        Assert.All(westminster, r => Assert.Equal(2, r["AnswerSet"]!.GetValue<int>()));
        Assert.Equal("none", westminster.Single(r => r["PointNumber"]!.GetValue<int>() == 1)["Support"]!.GetValue<string>());
        var birmingham3 = rows.Single(r => r["Id"]!.GetValue<string>() == $"{TestRegister.Birmingham.GssCode}|3");
        Assert.Equal(("a-lot", "west-midlands", "lgdss-2016", "Use agile methods"), (birmingham3["Support"]!.GetValue<string>(), birmingham3["Region"]!.GetValue<string>(),
            birmingham3["StandardId"]!.GetValue<string>(), birmingham3["PointTitle"]!.GetValue<string>()));
        var text = string.Join('\n', rows.Select(r => r.ToJsonString()));
        Assert.DoesNotContain(DashboardSeed.PersonName, text, StringComparison.Ordinal);
        Assert.DoesNotContain("AnsweredBy", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_IsTheNumberOfRowsAsPlainText_AfterTheFilter()
    {
        var councils = (await AllPagesAsync("/odata/Councils")).Rows.Count;
        var response = await Feed().GetAsync(new Uri("/odata/Councils/$count", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(councils.ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());

        var lgdss = await Feed().GetStringAsync(new Uri("/odata/Assessments/$count?$filter=StandardId eq 'lgdss-2016'&$top=1", UriKind.Relative));
        Assert.Equal(Seed.Assessments.Count(a => a.Standard == "lgdss-2016"), int.Parse(lgdss, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task LookUpByKey_GivesTheEntity_AndAnUnknownKeyIsA404Problem()
    {
        var council = (await AllPagesAsync("/odata/Councils")).Rows[0];
        var code = council["Code"]!.GetValue<string>();
        var response = await Feed().GetAsync(new Uri($"/odata/Councils('{code}')", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entity = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(code, entity["Code"]!.GetValue<string>());
        Assert.Equal(council["Name"]!.GetValue<string>(), entity["Name"]!.GetValue<string>());
        Assert.EndsWith("$metadata#Councils/$entity", entity["@odata.context"]!.GetValue<string>(), StringComparison.Ordinal);

        var pointId = (await AllPagesAsync("/odata/PointResults")).Rows[0]["Id"]!.GetValue<string>();
        var point = JsonNode.Parse(await Feed().GetStringAsync(new Uri($"/odata/PointResults('{Uri.EscapeDataString(pointId)}')", UriKind.Relative)))!;
        Assert.Equal(pointId, point["Id"]!.GetValue<string>());

        var unknown = await Feed().GetAsync(new Uri("/odata/Councils('X99999999')", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["status"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/odata/Councils")]
    [InlineData("/odata/Councils?$top=2")]
    [InlineData("/odata")]
    public async Task TheJson_IsODataMinimalMetadataByDefault_NoneWhenAskedFor_And406ForWhatIsNotOffered(string path)
    {
        var plain = await Feed().GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("application/json", plain.Content.Headers.ContentType!.MediaType);
        Assert.Contains(plain.Content.Headers.ContentType.Parameters, p => p.Name == "odata.metadata" && p.Value == "minimal");
        Assert.NotNull(JsonNode.Parse(await plain.Content.ReadAsStringAsync())!["@odata.context"]);

        var client = Feed();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", "application/json;odata.metadata=none");
        var none = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains(none.Content.Headers.ContentType!.Parameters, p => p.Name == "odata.metadata" && p.Value == "none");
        var body = JsonNode.Parse(await none.Content.ReadAsStringAsync())!;
        Assert.Null(body["@odata.context"]);
        Assert.NotEmpty(body["value"]!.AsArray());

        foreach (var accept in new[] { "application/xml", "application/json;odata.metadata=full" })
        {
            var refused = Feed();
            refused.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);
            var response = await refused.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.NotAcceptable, $"{accept} answered {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    private HttpClient Feed() => FeedClient(fixture);

    private Task<(List<JsonNode> Rows, int Pages)> AllPagesAsync(string pathAndQuery) => FeedPagesAsync(Feed(), pathAndQuery);
}
