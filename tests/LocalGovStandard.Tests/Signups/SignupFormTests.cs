using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Signups;

/// <summary>The HTML form through the real pipeline (the browser tests cover keyboard use and accessibility).</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SignupFormTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    private readonly HttpClient _client = fixture.CreateClient();

    [Fact]
    public async Task Form_ListsOnlyCouncilsThatCanSignUp()
    {
        var page = await GetPageAsync("/signup");
        var options = page.QuerySelectorAll("#councilCode option").Select(o => o.GetAttribute("value")).ToList();

        Assert.Contains(TestRegister.Westminster.GssCode, options);
        Assert.DoesNotContain(TestRegister.Kettering.GssCode, options);
        Assert.DoesNotContain(TestRegister.Taunton.GssCode, options);
        Assert.NotNull(page.QuerySelector("input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task Post_Invalid_ShowsErrorSummaryLinkedToFields_AndKeepsTheValues()
    {
        var response = await PostFormAsync(new()
        {
            ["councilCode"] = TestRegister.Camden.GssCode,
            ["contactName"] = "<script>alert('x')</script>",
            ["contactEmail"] = "someone@example.com",
        });
        var html = await response.Content.ReadAsStringAsync();
        var page = new HtmlParser().ParseDocument(html);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var links = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["#contactEmail", "#jobTitle", "#adoptionRoute", "#consentToContact"], links);
        Assert.All(links, href => Assert.NotNull(page.QuerySelector(href!)));
        Assert.Equal("someone@example.com", ((IHtmlInputElement)page.QuerySelector("#contactEmail")!).Value);
        Assert.Equal(TestRegister.Camden.GssCode, page.QuerySelector("#councilCode option[selected]")!.GetAttribute("value"));
        Assert.Contains("contactEmail-error", page.QuerySelector("#contactEmail")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Valid_RedirectsToConfirmationWithTheReference()
    {
        var response = await PostFormAsync(new()
        {
            ["councilCode"] = TestRegister.Birmingham.GssCode,
            ["contactName"] = "Form Person",
            ["contactEmail"] = "form.person@birmingham.gov.uk",
            ["jobTitle"] = "Digital lead",
            ["adoptionRoute"] = "both",
            ["consentToContact"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal("/signup/confirmation", location);
        var confirmation = await GetPageAsync(location);
        Assert.Equal("Check your email", confirmation.QuerySelector(".govuk-panel__title")!.TextContent.Trim());
        Assert.DoesNotMatch("LGS-[A-Z0-9]{4}-[A-Z0-9]{4}", confirmation.Body!.TextContent);
        Assert.Matches("LGS-[A-Z0-9]{4}-[A-Z0-9]{4}", fixture.SendGrid.Accepted[^1].PlainText);
        Assert.Equal("form.person@birmingham.gov.uk", fixture.SendGrid.Accepted[^1].To);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefusedWithAClearPage_AndStoresNothing()
    {
        var response = await _client.PostAsync(new Uri("/signup", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["councilCode"] = TestRegister.Leicester.GssCode,
            ["contactName"] = "No Token",
            ["contactEmail"] = "no.token@leicester.gov.uk",
            ["jobTitle"] = "Lead",
            ["adoptionRoute"] = "both",
            ["consentToContact"] = "true",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Your form has expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.SendGrid.Requests, r => r.To == "no.token@leicester.gov.uk");
    }

    [Fact]
    public async Task Confirmation_IgnoresAnythingInItsAddress_ButTheEmailFlag()
    {
        var response = await _client.GetAsync(new Uri("/signup/confirmation?reference=%3Cb%3Ehi%3C/b%3E", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<b>hi</b>", body, StringComparison.Ordinal);
        Assert.Contains("could not send the email", await _client.GetStringAsync(new Uri("/signup/confirmation?email=not-sent", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPage_IsAGovukPageNotFound()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.Accept.ParseAdd("text/html");
        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<IHtmlDocument> GetPageAsync(string path)
    {
        var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Loads the form first, as a browser would, to get the antiforgery cookie and token.</summary>
    private async Task<HttpResponseMessage> PostFormAsync(Dictionary<string, string> fields)
    {
        var formResponse = await _client.GetAsync(new Uri("/signup", UriKind.Relative));
        var form = new HtmlParser().ParseDocument(await formResponse.Content.ReadAsStringAsync());
        fields["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var request = new HttpRequestMessage(HttpMethod.Post, "/signup") { Content = new FormUrlEncodedContent(fields) };
        foreach (var cookie in formResponse.Headers.GetValues("Set-Cookie"))
        {
            request.Headers.Add("Cookie", cookie.Split(';')[0]);
        }

        return await _client.SendAsync(request);
    }
}
