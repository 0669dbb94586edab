using System.Net;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Trust;

/// <summary>A session ends when it should: at sign-out (every copy of the cookie, and bearer tokens), at erasure, and when an organiser says so.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SessionEndTests(TrustFixture fixture) : IClassFixture<TrustFixture>
{
    [Fact]
    public async Task SigningOut_EndsASavedCopyOfTheCookie_AndTheBearerTokens()
    {
        const string email = "signs-out@westminster.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, email);
        var session = await PageSession.SignInAsync(fixture, email);
        var list = await session.GetAsync("/assessments");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var savedCookie = CookieOf(list);
        Assert.Contains("lgs-session=", savedCookie, StringComparison.Ordinal);
        var bearer = await AccessSteps.BearerClientAsync(fixture, email);

        var signedOut = await session.SubmitAsync(list, action: "/assessments/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync(new Uri("/api/assessments", UriKind.Relative))).StatusCode);
        var replay = PageSession.Anonymous(fixture).Client;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/assessments");
        request.Headers.Add("Cookie", savedCookie);
        var response = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/assessments/start", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_EndsTheirSessions()
    {
        const string email = "erased@westminster.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, email);
        var reference = await TrustSteps.ReferenceAsync(fixture, TestRegister.Westminster, email);
        var bearer = await AccessSteps.BearerClientAsync(fixture, email);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync(new Uri("/api/assessments", UriKind.Relative))).StatusCode);

        var erased = await fixture.CreateAdminClient().DeleteAsync(new Uri($"/api/admin/contacts/{TestRegister.Westminster.GssCode}/{reference}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync(new Uri("/api/assessments", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task SignOutEverywhere_ByAnOrganiser_EndsEverySession_ButTheyCanSignInAgain()
    {
        const string email = "everywhere@westminster.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, email);
        var reference = await TrustSteps.ReferenceAsync(fixture, TestRegister.Westminster, email);
        var first = await AccessSteps.BearerClientAsync(fixture, email);
        var second = await AccessSteps.BearerClientAsync(fixture, email);

        var response = await fixture.CreateAdminClient().PostAsync(new Uri($"/api/admin/contacts/{TestRegister.Westminster.GssCode}/{reference}/sign-out", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync(new Uri("/api/assessments", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync(new Uri("/api/assessments", UriKind.Relative))).StatusCode);
        var again = await AccessSteps.BearerClientAsync(fixture, email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(new Uri("/api/assessments", UriKind.Relative))).StatusCode);
    }

    private static string CookieOf(HtmlPage page) =>
        page.Response.RequestMessage?.Headers.TryGetValues("Cookie", out var values) == true ? string.Join("; ", values) : "";
}
