using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.BadInput;

public static class AccessCases
{
    private const string FormExpired = "Your form has expired";

    public static IEnumerable<BadInputCase> StartForm() =>
        new FormRouteCases("POST /assessments/start", PageSession.Anonymous, _ => "/assessments/start")
            .Field("email", NastyValues.Email().Where(v => v.Label is not ("domain not public sector" or "HTML and script" or "two at signs")))
            .Missing("email")
            .BrokenPosts(FormExpired, "email")
            .All;

    /// <summary>The button on the emailed sign-in link's page.</summary>
    public static IEnumerable<BadInputCase> SignInLink() =>
        new FormRouteCases("POST /assessments/access", PageSession.Anonymous, f => f.SignInLinkPath)
            .Tokens("This sign-in link is not valid")
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> SignOut() =>
        new FormRouteCases("POST /assessments/sign-out", f => f.SignOutPages, _ => "/assessments", action: "/assessments/sign-out")
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> TokenApi() =>
        new JsonRouteCases("POST /api/access/token", HttpMethod.Post, _ => "/api/access/token", new JsonObject { ["token"] = "not-yet-a-token" })
            .Field("token",
            [
                ("empty", "\"\""), ("null", "null"), ("number", "42"), ("array", "[\"a\"]"), ("object", "{}"),
                ("tampered", NastyValues.Quote("eyJjIjoiRTA5MDAwMDMzIn0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")),
                ("HTML and script", NastyValues.Quote("<script>alert(1)</script>")),
                ("lone surrogate", "\"abc\\ud800def\""),
                ("CR/LF", NastyValues.Quote("abc\r\nSet-Cookie: x=y")),
                ("100,000 characters", NastyValues.Quote(new string('A', 100_000))),
            ])
            .Missing("token")
            .BrokenBodies("token")
            .All;
}
