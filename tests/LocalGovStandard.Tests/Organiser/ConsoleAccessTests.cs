using System.Net;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Organiser;

/// <summary>Who may use the console: the organiser key gives a short-lived, strict session cookie; nothing else gets in.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ConsoleAccessTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    public static TheoryData<string> ConsolePages => new()
    {
        "/organiser", "/organiser/register", "/organiser/peer-groups", "/organiser/peer-groups/london", "/organiser/signups", "/organiser/contacts/E09000007/LGS-AAAA-BBBB",
        "/organiser/contacts/E09000007/LGS-AAAA-BBBB/personal-data", "/organiser/reports", "/organiser/reports/2026-01/london.xlsx", "/organiser/summits",
        "/organiser/summits/new", "/organiser/audit", "/organiser/dashboard", "/organiser/dashboard/export.csv", "/organiser/dashboard/charts/signups.csv",
        "/organiser/summits/smt-000000000000/attendees.xlsx", "/organiser/summits/smt-000000000000/attendees.json",
    };

    public static TheoryData<string> ConsoleForms => new()
    {
        "/organiser/register", "/organiser/peer-groups/london", "/organiser/contacts/E09000007/LGS-AAAA-BBBB/erase", "/organiser/reports/run", "/organiser/summits",
        "/organiser/summits/smt-000000000000/send", "/organiser/summits/smt-000000000000/reminders", "/organiser/sign-out",
    };

    [Theory]
    [MemberData(nameof(ConsolePages))]
    public async Task Page_WithoutASession_RedirectsToSignIn(string path)
    {
        var page = await PageSession.Anonymous(fixture).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("https://localhost/organiser/sign-in?returnUrl=" + Uri.EscapeDataString(path), page.Location, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ConsoleForms))]
    public async Task Form_WithoutASession_ChangesNothing_AndRedirectsToSignIn(string path)
    {
        var before = (await ConsoleSteps.AuditAsync(fixture)).Count;

        var posted = await PageSession.Anonymous(fixture).PostAsync(path, [KeyValuePair.Create("name", "Changed")]);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Contains("/organiser/sign-in", posted.Location, StringComparison.Ordinal);
        Assert.Equal(before, (await ConsoleSteps.AuditAsync(fixture)).Count);
    }

    [Fact]
    public async Task SignIn_WithAWrongOrMissingKey_ShowsTheGovukErrorSummary_AndAuditsTheFailure()
    {
        var since = _clock.GetUtcNow();
        var session = PageSession.Anonymous(fixture);
        var form = await session.GetAsync("/organiser/sign-in");

        var wrong = await session.SubmitAsync(form, new Dictionary<string, string> { ["key"] = "not-the-key" });
        var missing = await session.SubmitAsync(form, new Dictionary<string, string> { ["key"] = "" });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Equal(["#key"], wrong.ErrorLinks);
        Assert.Equal(["The organiser key is not right. Check it and try again"], wrong.ErrorMessages);
        Assert.StartsWith("Error: ", wrong.Document.Title, StringComparison.Ordinal);
        Assert.Equal("", wrong.ValueOf("key"));
        Assert.Equal(["Enter the organiser key"], missing.ErrorMessages);
        Assert.Null(wrong.Response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.FirstOrDefault(c => c.StartsWith("lgs-organiser=", StringComparison.Ordinal)) : null);
        Assert.Contains(await ConsoleSteps.AuditAsync(fixture), r => r.At >= since && r.Action == "console.sign-in-failed");
    }

    [Fact]
    public async Task SignIn_WithTheKey_SetsASecureHttpOnlyStrictSessionCookie_ForTheConsoleOnly_AndSignOutEndsTheSession()
    {
        var since = _clock.GetUtcNow();
        var session = PageSession.Anonymous(fixture);
        var form = await session.GetAsync("/organiser/sign-in?returnUrl=%2Forganiser%2Faudit");

        var signedIn = await session.SubmitAsync(form, new Dictionary<string, string> { ["key"] = ServiceFixture.AdminKey });

        Assert.Equal("/organiser/audit", signedIn.Location);
        var cookie = signedIn.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lgs-organiser=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; path=/organiser", cookie, StringComparison.Ordinal);
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("expires=", cookie, StringComparison.Ordinal);
        var home = await session.GetAsync("/organiser");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal("What do you want to do?", home.Heading);
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "console.signed-in");

        var signOutForm = home.Document.QuerySelector("form[action='/organiser/sign-out']")!;
        var token = signOutForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signedOut = await session.PostAsync("/organiser/sign-out", [KeyValuePair.Create("__RequestVerificationToken", token)]);

        Assert.Equal("/organiser/sign-in?signedOut=true", signedOut.Location);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/organiser")).Status);
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "console.signed-out");
    }

    [Fact]
    public async Task SigningOut_EndsASavedCopyOfTheConsoleCookie()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var home = await session.GetAsync("/organiser");
        var saved = string.Join("; ", home.Response.RequestMessage!.Headers.GetValues("Cookie"));
        Assert.Contains("lgs-organiser=", saved, StringComparison.Ordinal);

        var token = home.Document.QuerySelector("form[action='/organiser/sign-out'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostAsync("/organiser/sign-out", [KeyValuePair.Create("__RequestVerificationToken", token)])).Status);

        var replay = PageSession.Anonymous(fixture).Client;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/organiser");
        request.Headers.Add("Cookie", saved);
        var response = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/organiser/sign-in", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_EndsTwentyMinutesAfterSigningIn_HoweverActive()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        _clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/organiser")).Status);

        _clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/organiser")).Status);
    }

    [Fact]
    public async Task SignIn_ReturnsOnlyToConsolePages()
    {
        var session = PageSession.Anonymous(fixture);
        var form = await session.GetAsync("/organiser/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F");

        var signedIn = await session.SubmitAsync(form, new Dictionary<string, string> { ["key"] = ServiceFixture.AdminKey });

        Assert.Equal("/organiser", signedIn.Location);
    }

    [Theory]
    [MemberData(nameof(ConsoleForms))]
    public async Task Form_WithoutAnAntiforgeryToken_IsRejected_AndChangesNothing(string path)
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var before = await ConsoleSteps.AuditAsync(fixture);

        var posted = await session.PostAsync(path, [KeyValuePair.Create("name", "Changed"), KeyValuePair.Create("month", "2026-01"), KeyValuePair.Create("confirm", "true")]);

        Assert.Equal(HttpStatusCode.BadRequest, posted.Status);
        Assert.Equal("Your form has expired", posted.Heading);
        Assert.Equal(before.Count, (await ConsoleSteps.AuditAsync(fixture)).Count);
    }

    /// <summary>With routePrefix "", the Functions host keeps every route starting "admin" for its own admin API and refuses such functions.</summary>
    [Fact]
    public void NoFunctionRoute_StartsWithTheFunctionsHostsReservedAdminSegment()
    {
        var routes = fixture.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpFunctionDeclaration>() is not null)
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .ToList();

        Assert.Contains(routes, r => r.StartsWith("organiser/", StringComparison.Ordinal));
        Assert.DoesNotContain(routes, r => r.StartsWith("admin", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ApiKeyHeader_DoesNotOpenTheConsole()
    {
        var page = await fixture.CreateAdminClient().GetAsync(new Uri("/organiser", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }
}
