using System.Net;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Console;

/// <summary>Who may use the console: the organiser key gives a short-lived, strict session cookie; nothing else gets in.</summary>
public sealed class ConsoleAccessTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>
{
    public static TheoryData<string> ConsolePages => new()
    {
        "/admin", "/admin/register", "/admin/peer-groups", "/admin/peer-groups/london", "/admin/signups", "/admin/contacts/E09000007/LGS-AAAA-BBBB",
        "/admin/contacts/E09000007/LGS-AAAA-BBBB/personal-data", "/admin/reports", "/admin/reports/2026-01/london.xlsx", "/admin/summits",
        "/admin/summits/new", "/admin/audit",
    };

    public static TheoryData<string> ConsoleForms => new()
    {
        "/admin/register", "/admin/peer-groups/london", "/admin/contacts/E09000007/LGS-AAAA-BBBB/erase", "/admin/reports/run", "/admin/summits",
        "/admin/summits/smt-000000000000/send", "/admin/sign-out",
    };

    [Theory]
    [MemberData(nameof(ConsolePages))]
    public async Task Page_WithoutASession_RedirectsToSignIn(string path)
    {
        var page = await PageSession.Anonymous(fixture).GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("https://localhost/admin/sign-in?returnUrl=" + Uri.EscapeDataString(path), page.Location, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ConsoleForms))]
    public async Task Form_WithoutASession_ChangesNothing_AndRedirectsToSignIn(string path)
    {
        var before = (await ConsoleSteps.AuditAsync(fixture)).Count;

        var posted = await PageSession.Anonymous(fixture).PostAsync(path, [KeyValuePair.Create("name", "Changed")]);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Contains("/admin/sign-in", posted.Location, StringComparison.Ordinal);
        Assert.Equal(before, (await ConsoleSteps.AuditAsync(fixture)).Count);
    }

    [Fact]
    public async Task SignIn_WithAWrongOrMissingKey_ShowsTheGovukErrorSummary_AndAuditsTheFailure()
    {
        var since = fixture.Clock.GetUtcNow();
        var session = PageSession.Anonymous(fixture);
        var form = await session.GetAsync("/admin/sign-in");

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
        var since = fixture.Clock.GetUtcNow();
        var session = PageSession.Anonymous(fixture);
        var form = await session.GetAsync("/admin/sign-in?returnUrl=%2Fadmin%2Faudit");

        var signedIn = await session.SubmitAsync(form, new Dictionary<string, string> { ["key"] = ServiceFixture.AdminKey });

        Assert.Equal("/admin/audit", signedIn.Location);
        var cookie = signedIn.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("lgs-organiser=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; path=/admin", cookie, StringComparison.Ordinal);
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("expires=", cookie, StringComparison.Ordinal);
        var home = await session.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, home.Status);
        Assert.Equal("What do you want to do?", home.Heading);
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "console.signed-in");

        var signOutForm = home.Document.QuerySelector("form[action='/admin/sign-out']")!;
        var token = signOutForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signedOut = await session.PostAsync("/admin/sign-out", [KeyValuePair.Create("__RequestVerificationToken", token)]);

        Assert.Equal("/admin/sign-in?signedOut=true", signedOut.Location);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/admin")).Status);
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "console.signed-out");
    }

    [Fact]
    public async Task Session_EndsTwentyMinutesAfterSigningIn_HoweverActive()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        fixture.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/admin")).Status);

        fixture.Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/admin")).Status);
    }

    [Fact]
    public async Task SignIn_ReturnsOnlyToConsolePages()
    {
        var session = PageSession.Anonymous(fixture);
        var form = await session.GetAsync("/admin/sign-in?returnUrl=https%3A%2F%2Fevil.example%2F");

        var signedIn = await session.SubmitAsync(form, new Dictionary<string, string> { ["key"] = ServiceFixture.AdminKey });

        Assert.Equal("/admin", signedIn.Location);
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

    [Fact]
    public async Task ApiKeyHeader_DoesNotOpenTheConsole()
    {
        var page = await fixture.CreateAdminClient().GetAsync(new Uri("/admin", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }
}
