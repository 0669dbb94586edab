using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Organiser;

namespace LocalGovStandard.Tests.Essentials;

/// <summary>
/// The cookies page lists exactly the cookies the service sets: the real journeys (sign up, verify, sign in as a contact,
/// start an assessment, sign in and out of the console) run over Kestrel, and every Set-Cookie name is collected.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class CookieListTests(CookieListTests.Fixture fixture) : IClassFixture<CookieListTests.Fixture>
{
    public sealed class Fixture : RegisteredServiceFixture
    {
        protected override bool OnLoopback => true;
    }

    [Fact]
    public async Task CookiesPage_ListsEveryCookieTheJourneysSet_AndNoOthers()
    {
        const string email = "cookie.jar@westminster.gov.uk";
        var jar = new RecordingCookieJar(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        var browser = new PageSession(new HttpClient(jar) { BaseAddress = fixture.LoopbackUrl });

        var form = await browser.GetAsync("/signup");
        var signedUp = await browser.SubmitAsync(form, new Dictionary<string, string>
        {
            ["councilCode"] = TestRegister.Westminster.GssCode, ["contactName"] = "Cookie Jar", ["contactEmail"] = email,
            ["jobTitle"] = "Head of Digital", ["adoptionRoute"] = "digital-strategy", ["consentToContact"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, signedUp.Status);
        var verified = await EmailedLinkSteps.OpenAndPressAsync(browser.Client, SignupSteps.LatestVerificationLink(fixture.SendGrid, email));
        verified.Response.EnsureSuccessStatusCode();

        var signedIn = await EmailedLinkSteps.OpenAndPressAsync(browser.Client, await AccessSteps.RequestLinkAsync(fixture, email));
        Assert.Equal("/assessments", signedIn.Location);
        var newAssessment = await browser.GetAsync("/assessments/new");
        var service = await browser.GetAsync(newAssessment.Location!);
        var answered = await browser.SubmitAsync(service, new Dictionary<string, string> { ["serviceName"] = "Report a missed bin" });
        Assert.Equal(HttpStatusCode.Redirect, answered.Status);
        await browser.SubmitAsync(await browser.GetAsync("/assessments"), action: "/assessments/sign-out");

        var console = await browser.GetAsync("/organiser/sign-in");
        var consoleIn = await browser.SubmitAsync(console, new Dictionary<string, string> { ["key"] = ServiceFixture.AdminKey });
        Assert.Equal("/organiser", consoleIn.Location);
        var home = await browser.GetAsync("/organiser");
        var signOut = (IHtmlFormElement)home.Document.QuerySelector("form[action='/organiser/sign-out']")!;
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/organiser/sign-out", PageSession.FieldsOf(signOut))).Status);

        var listed = new HtmlParser().ParseDocument(await browser.Client.GetStringAsync(new Uri("/cookies", UriKind.Relative)))
            .QuerySelectorAll("#cookie-list tbody th").Select(cell => cell.TextContent.Trim()).ToHashSet();
        Assert.Equal(listed.Order(), jar.NamesSet.Order());
    }

    /// <summary>
    /// A browser's cookie jar, minus the Secure and path rules (the app sets Secure cookies; this talks http to loopback),
    /// that remembers the name of every cookie a response set or deleted.
    /// </summary>
    private sealed class RecordingCookieJar(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly Dictionary<string, string> _cookies = [];

        public HashSet<string> NamesSet { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove("Cookie");
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0];
                var name = pair[..pair.IndexOf('=', StringComparison.Ordinal)];
                NamesSet.Add(name);
                var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                if (expired)
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = pair[(name.Length + 1)..];
                }
            }

            return response;
        }
    }
}
