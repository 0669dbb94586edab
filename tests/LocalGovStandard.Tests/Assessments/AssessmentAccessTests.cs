using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Assessments;

/// <summary>Nobody reaches another council's assessments, and sign-in links are single-use, signed and expiring.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AssessmentAccessTests(AssessmentFixture fixture) : IClassFixture<AssessmentFixture>
{
    public static TheoryData<string, string> ContactRoutes => new()
    {
        { "GET", "/api/assessments" },
        { "POST", "/api/assessments" },
        { "GET", "/api/assessments/{ref}" },
        { "PUT", "/api/assessments/{ref}/details" },
        { "PUT", "/api/assessments/{ref}/points/1" },
        { "POST", "/api/assessments/{ref}/submit" },
        { "POST", "/api/assessments/{ref}/reassess" },
        { "POST", "/api/actions/{ref}/1/done" },
    };

    [Theory]
    [MemberData(nameof(ContactRoutes))]
    public async Task EveryRoute_WithoutASession_Is401(string method, string path)
    {
        var (response, problem) = await AssessmentSteps.SendAsync(fixture.CreateClient(), new HttpMethod(method), path.Replace("{ref}", "ASM-2222-2222", StringComparison.Ordinal), new { }, "\"x\"");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, problem!["status"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(ContactRoutes))]
    public async Task EveryRoute_WithAForgedBearerToken_Is401(string method, string path)
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "CfDJ8forged-token");

        var (response, _) = await AssessmentSteps.SendAsync(client, new HttpMethod(method), path.Replace("{ref}", "ASM-2222-2222", StringComparison.Ordinal), new { }, "\"x\"");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnotherCouncilsAssessment_IsNotFoundOnEveryRoute_AndUnchanged()
    {
        var westminster = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var camden = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.CamdenContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(westminster, AssessmentSteps.SelfDetails("lgdss-2016", "Westminster only"));
        etag = await AssessmentSteps.RateAllAsync(westminster, reference, etag, n => n == 2 ? "not-met" : "met", 15);
        await AssessmentSteps.SubmitAsync(westminster, reference, etag);
        var (draft, draftEtag) = await AssessmentSteps.CreateAsync(westminster, AssessmentSteps.SelfDetails("lgdss-2016", "Westminster draft"));

        foreach (var (method, path, body, tag) in new (string, string, object?, string?)[]
        {
            ("GET", $"/api/assessments/{draft}", null, null),
            ("PUT", $"/api/assessments/{draft}/details", AssessmentSteps.SelfDetails("lgdss-2016", "Hijacked"), draftEtag),
            ("PUT", $"/api/assessments/{draft}/points/1", new { rating = "not-met" }, draftEtag),
            ("POST", $"/api/assessments/{draft}/submit", new { }, draftEtag),
            ("POST", $"/api/assessments/{reference}/reassess", null, null),
            ("POST", $"/api/actions/{reference}/2/done", new { note = "Not ours" }, null),
        })
        {
            var (response, _) = await AssessmentSteps.SendAsync(camden, new HttpMethod(method), path, body, tag);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} answered {(int)response.StatusCode}");
        }

        var camdenList = await AssessmentSteps.ListAsync(camden);
        Assert.DoesNotContain(camdenList.ToJsonString().Split('"'), part => part == reference || part == draft);
        var stored = await westminster.GetFromJsonAsync<JsonNode>($"/api/assessments/{draft}");
        Assert.Equal("Westminster draft", stored!["serviceName"]!.GetValue<string>());
        Assert.Null(stored["points"]![0]!["rating"]);
        var actions = (await AssessmentSteps.ListAsync(westminster))["openActions"]!.AsArray();
        Assert.Contains(actions, a => a!["assessmentReference"]!.GetValue<string>() == reference && a["pointNumber"]!.GetValue<int>() == 2);
    }

    [Fact]
    public async Task SignInLink_WorksOnce()
    {
        var link = await AccessSteps.RequestLinkAsync(fixture, AssessmentFixture.WestminsterContact);
        var client = fixture.CreateClient();

        var first = await client.PostAsJsonAsync("/api/access/token", new { token = AccessSteps.TokenOf(link) });
        var second = await client.PostAsJsonAsync("/api/access/token", new { token = AccessSteps.TokenOf(link) });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("already used", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInLink_OpenedByAMailScanner_ChangesNothing_ThenThePersonsButtonSignsIn()
    {
        var link = await AccessSteps.RequestLinkAsync(fixture, AssessmentFixture.CamdenContact);
        var before = await StorageSnapshot.TakeAsync(fixture.App.Services);

        var statuses = await EmailedLinkSteps.ScanAsync(fixture, link);
        var page = await HtmlPage.ReadAsync(await fixture.CreateClient().GetAsync(EmailedLinkSteps.Relative(link)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.MethodNotAllowed], statuses);
        Assert.Empty(StorageSnapshot.Differences(before, await StorageSnapshot.TakeAsync(fixture.App.Services)));
        Assert.Equal("Sign in to your council's assessments", page.Heading);
        Assert.Null(page.Response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.FirstOrDefault(c => c.StartsWith("lgs-session=", StringComparison.Ordinal)) : null);
        var signedIn = await EmailedLinkSteps.OpenAndPressAsync(fixture, link);
        Assert.Equal("/assessments", signedIn.Location);
    }

    /// <summary>Login CSRF: another site cannot sign someone's browser in with the attacker's link, because the post needs the page's antiforgery token and cookie.</summary>
    [Fact]
    public async Task SignInPost_WithoutAValidAntiforgeryToken_SignsNobodyIn_AndLeavesTheLinkUnused()
    {
        var link = await AccessSteps.RequestLinkAsync(fixture, AssessmentFixture.WestminsterContact);

        var refusals = await EmailedLinkSteps.PressWithoutValidAntiforgeryAsync(fixture, link, "/assessments/access");

        Assert.All(refusals, refused =>
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("Your form has expired", refused.Heading);
            Assert.False(refused.Response.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("lgs-session=", StringComparison.Ordinal)));
        });
        Assert.Equal("/assessments", (await EmailedLinkSteps.OpenAndPressAsync(fixture, link)).Location);
    }

    [Fact]
    public async Task SignInLink_Tampered_IsRefused()
    {
        var token = AccessSteps.TokenOf(await AccessSteps.RequestLinkAsync(fixture, AssessmentFixture.CamdenContact));
        var payload = token[..token.IndexOf('.', StringComparison.Ordinal)];
        var forgedPayload = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(
            System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(payload))
                .Replace("london", "west-midlands", StringComparison.Ordinal)));

        foreach (var bad in new[] { forgedPayload + token[token.IndexOf('.', StringComparison.Ordinal)..], token[..^3] + "AAA", "nonsense", "" })
        {
            var response = await fixture.CreateClient().PostAsJsonAsync("/api/access/token", new { token = bad });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task ANewerLink_DoesNotCancelAnEarlierOne_AndUsingAnySpendsThemAll()
    {
        var older = await AccessSteps.RequestLinkAsync(fixture, AssessmentFixture.CamdenContact);
        var newer = await AccessSteps.RequestLinkAsync(fixture, AssessmentFixture.CamdenContact);
        var client = fixture.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/access/token", new { token = AccessSteps.TokenOf(older) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/access/token", new { token = AccessSteps.TokenOf(newer) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/access/token", new { token = AccessSteps.TokenOf(older) })).StatusCode);
    }

    [Fact]
    public async Task AskingForALink_ForAnUnknownOrUnverifiedAddress_LooksTheSame_AndSendsNothing()
    {
        await SignupSteps.SignUpAsync(fixture.CreateClient(), SignupSteps.Body(TestRegister.Birmingham, "unverified@birmingham.gov.uk"));
        var before = fixture.SendGrid.Accepted.Count;

        foreach (var email in new[] { "nobody@westminster.gov.uk", "unverified@birmingham.gov.uk" })
        {
            await Assert.ThrowsAnyAsync<InvalidOperationException>(() => AccessSteps.RequestLinkAsync(fixture, email));
        }

        Assert.Equal(before, fixture.SendGrid.Accepted.Count);
    }

    [Fact]
    public async Task CookieSession_FromTheLink_IsHttpOnlySecureAndLax_AndRedirectsToTheList()
    {
        var link = await AccessSteps.RequestLinkAsync(fixture, AssessmentFixture.WestminsterContact);

        var response = (await EmailedLinkSteps.OpenAndPressAsync(fixture, link)).Response;

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/assessments", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lgs-session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Expiry: the test moves its own clock past the link's lifetime.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AccessLinkExpiryTests(AssessmentFixture fixture) : IClassFixture<AssessmentFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task SignInLink_After30Minutes_HasExpired()
    {
        var link = await AccessSteps.RequestLinkAsync(fixture, AssessmentFixture.WestminsterContact);
        _clock.Advance(TimeSpan.FromMinutes(31));

        var response = await fixture.CreateClient().PostAsJsonAsync("/api/access/token", new { token = AccessSteps.TokenOf(link) });
        var page = await fixture.CreateClient().GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("This sign-in link has expired", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerToken_HasNoRefreshToken_AndStopsWorkingAfterTheIdleTimeout()
    {
        var link = await AccessSteps.RequestLinkAsync(fixture, AssessmentFixture.WestminsterContact);

        var response = await fixture.CreateClient().PostAsJsonAsync("/api/access/token", new { token = AccessSteps.TokenOf(link) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = Assert.IsType<JsonObject>(JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        Assert.Equal(["accessToken", "expiresIn", "tokenType"], body.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("Bearer", body["tokenType"]!.GetValue<string>());
        Assert.Equal(1800, body["expiresIn"]!.GetValue<long>());
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", body["accessToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/assessments", UriKind.Relative))).StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/assessments", UriKind.Relative))).StatusCode);
    }
}
