using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Assessments;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.Security;

/// <summary>
/// Another site making a contact's browser change things through the API with the session cookie: refused
/// when it says it is another origin, or when it is not JSON and does not say it is ours. Over Kestrel,
/// with the cookie as the browser would send it; a bearer token is not affected.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CookieApiForgeryTests(LoopbackAssessmentFixture fixture) : IClassFixture<LoopbackAssessmentFixture>
{
    private const string Attacker = "https://attacker.example";

    [Fact]
    public async Task CrossSiteTextPlainPost_WithTheCookie_Is403_AndReassessesNothing()
    {
        var (bearer, reference) = await SubmittedAsync();
        var before = await CountAsync(bearer);

        using var response = await CookieRequestAsync(HttpMethod.Post, $"/api/assessments/{reference}/reassess", Attacker, new StringContent("{}", Encoding.UTF8, "text/plain"));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal(before, await CountAsync(bearer));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task NonJsonPost_WithTheCookie_AndNoOrigin_Is415_AndReassessesNothing(string contentType)
    {
        var (bearer, reference) = await SubmittedAsync();
        var before = await CountAsync(bearer);

        using var response = await CookieRequestAsync(HttpMethod.Post, $"/api/assessments/{reference}/reassess", origin: null, new StringContent("{}", Encoding.UTF8, contentType));

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await CountAsync(bearer));
    }

    [Fact]
    public async Task CrossSiteEvidenceUpload_WithTheCookie_Is403()
    {
        var (_, reference) = await SubmittedAsync();
        using var form = new MultipartFormDataContent { { new StringContent("1"), "point" }, { new ByteArrayContent("notes"u8.ToArray()), "file", "notes.txt" } };

        using var response = await CookieRequestAsync(HttpMethod.Post, $"/api/assessments/{reference}/evidence", Attacker, form);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OurOwnRequests_WithTheCookie_StillWork()
    {
        var (bearer, reference) = await SubmittedAsync();
        var before = await CountAsync(bearer);

        using var json = await CookieRequestAsync(HttpMethod.Post, $"/api/assessments/{reference}/reassess", origin: null, new StringContent("{}", Encoding.UTF8, "application/json"));
        using var form = new MultipartFormDataContent { { new StringContent("1"), "point" }, { new ByteArrayContent("notes"u8.ToArray()), "file", "notes.txt" } };
        using var upload = await CookieRequestAsync(HttpMethod.Post, $"/api/assessments/{reference}/evidence", fixture.LoopbackUrl!.GetLeftPart(UriPartial.Authority), form);

        Assert.Equal(HttpStatusCode.Created, json.StatusCode);
        Assert.Equal(before + 1, await CountAsync(bearer));
        // Past the guard: the upload meets the route's own rule (If-Match), not a refusal of where it came from.
        Assert.Equal(HttpStatusCode.PreconditionRequired, upload.StatusCode);
    }

    [Fact]
    public async Task ABearerToken_IsNotAffected()
    {
        var (bearer, reference) = await SubmittedAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/assessments/{reference}/reassess", UriKind.Relative))
        {
            Content = new StringContent("{}", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", Attacker);

        using var response = await bearer.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private async Task<(HttpClient Bearer, string Reference)> SubmittedAsync()
    {
        var bearer = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var reference = await AssessmentSteps.SubmittedAsync(bearer, AssessmentSteps.SelfDetails("lgdss-2016", "Forgery target"), n => n == 9 ? "not-met" : "met", 15);
        return (bearer, reference);
    }

    private static async Task<int> CountAsync(HttpClient bearer) => (await AssessmentSteps.ListAsync(bearer))["drafts"]!.AsArray().Count;

    /// <summary>Opens the emailed link's page and presses its button, by hand: the session cookie it sets, as "name=value".</summary>
    private static async Task<string> SignInCookieAsync(HttpClient client, Uri link)
    {
        using var page = await client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lgs-antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync()).QuerySelector("main form")!;
        using var press = new HttpRequestMessage(HttpMethod.Post, new Uri(form.GetAttribute("action")!, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(PageSession.FieldsOf(form)),
        };
        press.Headers.Add("Cookie", antiforgeryCookie);
        using var signedIn = await client.SendAsync(press);
        return signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lgs-session=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>A request carrying the contact's session cookie, as a browser attaches it whoever made the request.</summary>
    private async Task<HttpResponseMessage> CookieRequestAsync(HttpMethod method, string path, string? origin, HttpContent content)
    {
        var link = await AccessSteps.RequestLinkAsync(fixture, AssessmentFixture.WestminsterContact);
        // Our own client: the sign-in's redirect is not followed (its Set-Cookie is wanted), and no cookie jar adds or drops a cookie.
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fixture.LoopbackUrl };
        var cookie = await SignInCookieAsync(client, link);

        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add("Cookie", cookie);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await client.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, JsonNode.Parse(text)!["status"]!.GetValue<int>());
    }
}
