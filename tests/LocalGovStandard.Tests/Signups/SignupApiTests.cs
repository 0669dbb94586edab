using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Signups;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SignupApiTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task Submit_Valid_Returns202_TheReferenceGoesByEmail_AndStoresPendingContact()
    {
        var email = "valid.signup@westminster.gov.uk";
        var (response, body) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Westminster, email));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("check-your-email", body["status"]!.GetValue<string>());
        Assert.Equal("sent", body["email"]!.GetValue<string>());
        Assert.Null(body["reference"]);
        Assert.Null(response.Headers.Location);
        var reference = SignupSteps.ReferenceFor(fixture.SendGrid, email);
        Assert.Matches("^LGS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", reference);

        var status = await _client.GetFromJsonAsync<JsonObject>($"/api/signups/{TestRegister.Westminster.GssCode}/{reference}");
        Assert.Equal("pending-verification", status!["status"]!.GetValue<string>());
        Assert.Equal("City of Westminster", status["councilName"]!.GetValue<string>());
        Assert.Null(status["contactEmail"]);

        var contact = await FindContactAsync("london", TestRegister.Westminster.GssCode, email);
        Assert.NotNull(contact);
        Assert.Equal(reference, contact.Reference);
        Assert.Equal(ContactEntity.Pending, contact.Status);
        Assert.True(contact.ConsentToContact);
        Assert.NotNull(contact.ConsentToContactAt);
    }

    [Fact]
    public async Task Submit_TrimsFields_AndLowerCasesTheDomain()
    {
        var (response, _) = await SignupSteps.SignUpAsync(_client, new
        {
            councilCode = " e09000007 ",
            contactName = "  Grace Hopper  ",
            contactEmail = "  Grace.Hopper@Camden.GOV.UK ",
            jobTitle = " Service owner ",
            adoptionRoute = "ict-policy",
            consentToContact = true,
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var contact = await FindContactAsync("london", TestRegister.Camden.GssCode, "grace.hopper@camden.gov.uk");
        Assert.NotNull(contact);
        Assert.Equal("Grace Hopper", contact.ContactName);
        Assert.Equal("Grace.Hopper@camden.gov.uk", contact.ContactEmail);
        Assert.Equal("Service owner", contact.JobTitle);
    }

    public static TheoryData<string, string, object?, string> InvalidFields => new()
    {
        { "missing council", "councilCode", null, "Select your council" },
        { "malformed council code", "councilCode", "WSM", "GSS code" },
        { "council not in register", "councilCode", "E09999999", "not in the council register" },
        { "ended council", "councilCode", TestRegister.Kettering.GssCode, "no longer a current council" },
        { "missing name", "contactName", "   ", "Enter your full name" },
        { "overlong name", "contactName", new string('a', 101), "100 characters or fewer" },
        { "name with line break", "contactName", "Ada\r\nBcc: x@evil.example", "one line" },
        { "missing email", "contactEmail", null, "Enter your council email address" },
        { "malformed email", "contactEmail", "ada.westminster.gov.uk", "correct format" },
        { "email with two at signs", "contactEmail", "ada@@westminster.gov.uk", "correct format" },
        { "personal email domain", "contactEmail", "ada@gmail.com", "must end in gov.uk" },
        { "look-alike domain", "contactEmail", "ada@notgov.uk", "must end in gov.uk" },
        { "overlong email", "contactEmail", new string('a', 250) + "@westminster.gov.uk", "254 characters or fewer" },
        { "missing job title", "jobTitle", "", "Enter your job title" },
        { "overlong job title", "jobTitle", new string('j', 101), "100 characters or fewer" },
        { "missing adoption route", "adoptionRoute", null, "Select how your council is adopting the Standard" },
        { "unknown adoption route", "adoptionRoute", "vibes", "must be one of" },
        { "no consent", "consentToContact", false, "can contact you" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Submit_InvalidField_Returns400ProblemKeyedByField_AndStoresNothing(string scenario, string field, object? value, string expected)
    {
        var body = JsonSerializer.SerializeToNode(SignupSteps.Body(TestRegister.Birmingham, $"invalid.{field}@birmingham.gov.uk"))!.AsObject();
        body[field] = value is null ? null : JsonSerializer.SerializeToNode(value);

        var (response, problem) = await SignupSteps.SignUpAsync(_client, body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, scenario);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var messages = problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains(messages, m => m.Contains(expected, StringComparison.Ordinal));
        Assert.NotNull(problem["reference"]);
        Assert.Empty(await ContactsForAsync("west-midlands", TestRegister.Birmingham.GssCode, c => c.ContactEmail.StartsWith("invalid.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Submit_AllowsSubdomainsOfAllowedDomains()
    {
        var (response, _) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Cardiff, "digital@cardiff.gov.wales"));
        var (subdomain, _) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Fife, "digital@team.fife.gov.scot"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, subdomain.StatusCode);
    }

    [Fact]
    public async Task Submit_WrongFieldType_Returns400NamingTheField()
    {
        using var content = new StringContent("""{"councilCode":"E09000033","consentToContact":"yes"}""", Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(new Uri("/api/signups", UriKind.Relative), content);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem["errors"]!["consentToContact"]);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Submit_MalformedJson_Returns400_Never5xx(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var response = await _client.PostAsync(new Uri("/api/signups", UriKind.Relative), content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("errors", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WrongContentType_Returns415()
    {
        using var content = new StringContent("councilCode=E09000033", Encoding.UTF8, "application/x-www-form-urlencoded");
        var response = await _client.PostAsync(new Uri("/api/signups", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Submit_SamePersonTwice_ReturnsSameReference_AndNoDuplicateRows()
    {
        var body = SignupSteps.Body(TestRegister.Leicester, "repeat@leicester.gov.uk");
        var (first, firstBody) = await SignupSteps.SignUpAsync(_client, body);
        var (second, secondBody) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Leicester, "REPEAT@Leicester.gov.uk"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(firstBody.ToJsonString(), secondBody.ToJsonString());
        Assert.Single(await ContactsForAsync("east-midlands", TestRegister.Leicester.GssCode, c => c.ContactEmail.Equals("repeat@leicester.gov.uk", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Submit_SamePersonTwiceAtOnce_StoresOneRow()
    {
        var body = SignupSteps.Body(TestRegister.Leicester, "race@leicester.gov.uk");
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SignupSteps.SignUpAsync(_client, body)));

        Assert.All(results, r => Assert.True(r.Response.IsSuccessStatusCode));
        Assert.Single(results.Select(r => r.Body.ToJsonString()).Distinct());
        Assert.Single(await ContactsForAsync("east-midlands", TestRegister.Leicester.GssCode, c => c.ContactEmail == "race@leicester.gov.uk"));
    }

    [Fact]
    public async Task Submit_AnswersANewAddress_AKnownOne_AndOneWaitingForApproval_Identically_AndTellsEachByEmail()
    {
        const string known = "known@birmingham.gov.uk", waiting = "waiting@brum-agency.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, known);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, waiting);

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var email in new[] { "brand.new@birmingham.gov.uk", known, waiting })
        {
            var (response, body) = await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Birmingham, email));
            answers.Add((response.StatusCode, body.ToJsonString()));
            Assert.Null(response.Headers.Location);
        }

        Assert.Single(answers.Distinct());
        Assert.Contains("already confirmed and you act for Birmingham City Council", fixture.SendGrid.Accepted.Last(m => m.To == known).PlainText, StringComparison.Ordinal);
        Assert.Contains("/assessments/start", fixture.SendGrid.Accepted.Last(m => m.To == known).PlainText, StringComparison.Ordinal);
        Assert.Contains("waiting for approval", fixture.SendGrid.Accepted.Last(m => m.To == waiting).PlainText, StringComparison.Ordinal);
    }

    private async Task<ContactEntity?> FindContactAsync(string region, string gss, string email)
    {
        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.Signups);
        var row = await table.GetEntityIfExistsAsync<ContactEntity>(region, SignupKeys.ContactRowKey(gss, SignupService.ContactKey(email)));
        return row.HasValue ? row.Value : null;
    }

    private async Task<List<ContactEntity>> ContactsForAsync(string region, string gss, Func<ContactEntity, bool> predicate)
    {
        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.Signups);
        var (from, to) = SignupKeys.ContactRange(gss);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {region} and RowKey ge {from} and RowKey lt {to}");
        var rows = new List<ContactEntity>();
        await foreach (var row in table.QueryAsync<ContactEntity>(filter))
        {
            rows.Add(row);
        }

        return rows.Where(predicate).ToList();
    }
}
