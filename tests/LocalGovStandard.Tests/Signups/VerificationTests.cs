using System.Net;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Signups;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class VerificationTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    private readonly HttpClient _client = fixture.CreateClient();

    private TableClient Signups => fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.Signups);

    [Fact]
    public async Task StartPage_LinksThoseAlreadySignedUp_ToSignInAndTheDashboard()
    {
        var page = await HtmlPage.ReadAsync(await _client.GetAsync(new Uri("/", UriKind.Relative)));

        Assert.Equal(["/assessments/start", "/dashboard"], page.Document.QuerySelectorAll("#already-signed-up + ul a").Select(a => a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri("/dashboard", UriKind.Relative))).StatusCode);
        // It does not promise that confirming is enough: an address off the council's domains waits for approval.
        Assert.Contains("checks that you work there first", page.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_ValidLink_MarksContactVerified_AndCouncilSignedUp()
    {
        var email = "verify.valid@camden.gov.uk";
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Camden, email));

        var page = await SignupSteps.VerifyAsync(_client, fixture.SendGrid, email);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Email address confirmed", page.Element(".govuk-panel__title")!.TextContent);
        Assert.Contains("London Borough of Camden is signed up", page.Element(".govuk-panel__body")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["/assessments/start", "/dashboard"], page.Document.QuerySelectorAll("#next-steps a").Select(a => a.GetAttribute("href")));
        var contact = (await Signups.GetEntityAsync<ContactEntity>("london", SignupKeys.ContactRowKey(TestRegister.Camden.GssCode, SignupService.ContactKey(email)))).Value;
        Assert.Equal(ContactEntity.Verified, contact.Status);
        Assert.NotNull(contact.VerifiedAt);
        Assert.Null(contact.VerificationTokenHash);
        var council = (await Signups.GetEntityAsync<CouncilSignupEntity>("london", TestRegister.Camden.GssCode)).Value;
        Assert.Equal(1, council.VerifiedContacts);
        Assert.Equal(contact.VerifiedAt, council.SignedUpAt);
    }

    [Fact]
    public async Task Verify_ReusedLink_SaysAlreadyUsed_AndChangesNothing()
    {
        var email = "verify.reused@westminster.gov.uk";
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Westminster, email));
        var link = new Uri(SignupSteps.LatestVerificationLink(fixture.SendGrid, email).PathAndQuery, UriKind.Relative);
        var form = await HtmlPage.ReadAsync(await _client.GetAsync(link));
        await _client.SendAsync(PostOf(form));
        var before = (await Signups.GetEntityAsync<CouncilSignupEntity>("london", TestRegister.Westminster.GssCode)).Value;

        var reopened = await HtmlPage.ReadAsync(await _client.GetAsync(link));
        var repressed = await HtmlPage.ReadAsync(await _client.SendAsync(PostOf(form)));

        Assert.Equal(HttpStatusCode.BadRequest, reopened.Status);
        Assert.Equal("This link has already been used", reopened.Heading);
        Assert.Equal(HttpStatusCode.BadRequest, repressed.Status);
        Assert.Equal("This link has already been used", repressed.Heading);
        var after = (await Signups.GetEntityAsync<CouncilSignupEntity>("london", TestRegister.Westminster.GssCode)).Value;
        Assert.Equal(before.VerifiedContacts, after.VerifiedContacts);
        Assert.Equal(before.ETag, after.ETag);
    }

    [Fact]
    public async Task Verify_TamperedLink_SaysNotValid_AndChangesNothing()
    {
        var email = "verify.tampered@birmingham.gov.uk";
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Birmingham, email));
        var link = SignupSteps.LatestVerificationLink(fixture.SendGrid, email).PathAndQuery;
        var token = link[(link.IndexOf('=', StringComparison.Ordinal) + 1)..];
        var tampered = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];

        foreach (var bad in new[] { tampered, "garbage", "", new string('A', 2000), Uri.EscapeDataString("<script>alert(1)</script>") })
        {
            var response = await _client.GetAsync(new Uri("/signup/verify?token=" + bad, UriKind.Relative));
            var page = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("This link is not valid", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        }

        var contact = (await Signups.GetEntityAsync<ContactEntity>("west-midlands", SignupKeys.ContactRowKey(TestRegister.Birmingham.GssCode, SignupService.ContactKey(email)))).Value;
        Assert.Equal(ContactEntity.Pending, contact.Status);
        Assert.False((await Signups.GetEntityIfExistsAsync<CouncilSignupEntity>("west-midlands", TestRegister.Birmingham.GssCode)).HasValue);
    }

    [Fact]
    public async Task SecondContact_ForSignedUpCouncil_AddsAContact_NotASecondCouncil()
    {
        foreach (var email in new[] { "first@leicester.gov.uk", "second@leicester.gov.uk" })
        {
            await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Leicester, email));
            await SignupSteps.VerifyAsync(_client, fixture.SendGrid, email);
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"east-midlands"} and Kind eq {SignupKeys.CouncilKind}");
        var councils = new List<CouncilSignupEntity>();
        await foreach (var row in Signups.QueryAsync<CouncilSignupEntity>(filter))
        {
            councils.Add(row);
        }

        var leicester = Assert.Single(councils, c => c.RowKey == TestRegister.Leicester.GssCode);
        Assert.Equal(2, leicester.VerifiedContacts);
    }

    [Fact]
    public async Task PendingContact_DoesNotCountAsSignedUp()
    {
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Fife, "pending@fife.gov.scot"));

        Assert.False((await Signups.GetEntityIfExistsAsync<CouncilSignupEntity>("scotland", TestRegister.Fife.GssCode)).HasValue);
    }

    [Fact]
    public async Task Verify_OpenedByAMailScanner_ChangesNothing_ThenThePersonsButtonVerifies()
    {
        var email = "scanned@camden.gov.uk";
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Camden, email));
        var link = SignupSteps.LatestVerificationLink(fixture.SendGrid, email);
        var before = await StorageSnapshot.TakeAsync(fixture.App.Services);

        var statuses = await EmailedLinkSteps.ScanAsync(fixture, link);
        var page = await HtmlPage.ReadAsync(await _client.GetAsync(EmailedLinkSteps.Relative(link)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.MethodNotAllowed], statuses);
        Assert.Empty(StorageSnapshot.Differences(before, await StorageSnapshot.TakeAsync(fixture.App.Services)));
        Assert.Equal("Confirm your email address", page.Heading);
        Assert.Contains("London Borough of Camden", page.Element("main p")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/signup/verify", page.Element("main form")!.GetAttribute("action"));
        Assert.Equal("Email address confirmed", (await EmailedLinkSteps.OpenAndPressAsync(fixture, link)).Element(".govuk-panel__title")!.TextContent);
    }

    /// <summary>Another site cannot press the button for someone (login CSRF): the post needs the page's antiforgery token and cookie.</summary>
    [Fact]
    public async Task Verify_PostWithoutAValidAntiforgeryToken_VerifiesNothing()
    {
        var email = "csrf.target@birmingham.gov.uk";
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Birmingham, email));
        var link = SignupSteps.LatestVerificationLink(fixture.SendGrid, email);
        var before = await StorageSnapshot.TakeAsync(fixture.App.Services);

        var refusals = await EmailedLinkSteps.PressWithoutValidAntiforgeryAsync(fixture, link, "/signup/verify");

        Assert.All(refusals, refused =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("Your form has expired", refused.Heading);
        });
        Assert.Empty(StorageSnapshot.Differences(before, await StorageSnapshot.TakeAsync(fixture.App.Services)));
        Assert.Equal(HttpStatusCode.OK, (await EmailedLinkSteps.OpenAndPressAsync(fixture, link)).Status);
    }

    [Fact]
    public async Task Token_IsNeverLogged_AndStoredOnlyHashed()
    {
        var email = "token.secrecy@cardiff.gov.wales";
        await SignupSteps.SignUpAsync(_client, SignupSteps.Body(TestRegister.Cardiff, email));
        var link = SignupSteps.LatestVerificationLink(fixture.SendGrid, email);
        var token = link.Query[(link.Query.IndexOf('=', StringComparison.Ordinal) + 1)..];
        await EmailedLinkSteps.OpenAndPressAsync(_client, link);

        Assert.DoesNotContain(fixture.Logs.Lines, line => line.Contains(token, StringComparison.Ordinal));
        var contact = (await Signups.GetEntityAsync<TableEntity>("wales", SignupKeys.ContactRowKey(TestRegister.Cardiff.GssCode, SignupService.ContactKey(email)))).Value;
        Assert.DoesNotContain(contact, pair => pair.Value is string text && text.Contains(token[^20..], StringComparison.Ordinal));
    }

    /// <summary>The page's form as the browser would post it.</summary>
    private static HttpRequestMessage PostOf(HtmlPage page)
    {
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.Element("main form")!;
        return new HttpRequestMessage(HttpMethod.Post, new Uri(form.GetAttribute("action")!, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(PageSession.FieldsOf(form)),
        };
    }
}

/// <summary>Expiry: the test moves its own clock past the 72-hour link.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class VerificationExpiryTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task Verify_ExpiredLink_SaysExpired_ChangesNothing_AndSigningUpAgainSendsANewLinkWithTheSameReference()
    {
        var client = fixture.CreateClient();
        var email = "expired@westminster.gov.uk";
        await SignupSteps.SignUpAsync(client, SignupSteps.Body(TestRegister.Westminster, email));
        var firstReference = SignupSteps.ReferenceFor(fixture.SendGrid, email);
        var oldLink = new Uri(SignupSteps.LatestVerificationLink(fixture.SendGrid, email).PathAndQuery, UriKind.Relative);

        _clock.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));
        var expired = await client.GetAsync(oldLink);

        Assert.Equal(HttpStatusCode.BadRequest, expired.StatusCode);
        Assert.Contains("This link has expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.Signups);
        Assert.False((await table.GetEntityIfExistsAsync<CouncilSignupEntity>("london", TestRegister.Westminster.GssCode)).HasValue);

        var (again, _) = await SignupSteps.SignUpAsync(client, SignupSteps.Body(TestRegister.Westminster, email));
        var newLink = new Uri(SignupSteps.LatestVerificationLink(fixture.SendGrid, email).PathAndQuery, UriKind.Relative);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(firstReference, SignupSteps.ReferenceFor(fixture.SendGrid, email));
        Assert.NotEqual(oldLink, newLink);
        Assert.Equal(HttpStatusCode.OK, (await EmailedLinkSteps.OpenAndPressAsync(client, newLink)).Status);
        Assert.Contains("This link is not valid", await (await client.GetAsync(oldLink)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
