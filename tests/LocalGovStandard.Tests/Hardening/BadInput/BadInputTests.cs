using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// Every bad-input case against one running app: a 4xx whose message names the problem
/// (ProblemDetails field errors for the API, the GOV.UK error summary or a clear page for forms),
/// never a 5xx, never a stack trace, and nothing stored. The session cookie's flags are checked by
/// AssessmentAccessTests.CookieSession_FromTheLink_IsHttpOnlySecureAndLax_AndRedirectsToTheList,
/// the antiforgery cookie's by Security/SecurityHeaderTests.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class BadInputTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    public static TheoryData<string> Cases => BadInputCatalogue.Ids();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_Is4xxNamingTheProblem_WithNoStackTrace_AndStoresNothing(string id)
    {
        var item = BadInputCatalogue.Find(id);
        await fixture.RefreshAsync();
        var before = fixture.LastSnapshot ?? await StorageSnapshot.TakeAsync(fixture.App.Services);

        using var response = await item.Send(fixture);
        var body = await response.Content.ReadAsStringAsync();
        var after = await StorageSnapshot.TakeAsync(fixture.App.Services);
        fixture.LastSnapshot = after;
        var changes = StorageSnapshot.Differences(before, after);

        var status = (int)response.StatusCode;
        Assert.True(status is >= 400 and < 500, $"Answered {status}: {Shorten(body)} {fixture.Logs.Lines.LastOrDefault(l => l.StartsWith("Error", StringComparison.Ordinal))}");
        Assert.True(Names(item.Expect, status, body), $"Answered {status} without naming the problem ({item.Expect}): {Shorten(body)}");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.Empty(changes);
    }

    [Fact]
    public void EveryPublicWriteRoute_HasBadInputCases_AndEveryCaseAimsAtARealRoute()
    {
        var routes = PublicRoutes.Writes(fixture.App.Services);
        var covered = BadInputCatalogue.All.Select(c => c.Route).ToHashSet(StringComparer.Ordinal);

        Assert.Empty(routes.Except(covered));
        Assert.Empty(covered.Except(PublicRoutes.Writes(fixture.App.Services, anonymousOnly: false)));
    }

    /// <summary>
    /// Every form post (a public write route outside /api) has a missing- and a wrong-token case.
    /// The exception is the RFC 8058 one-click unsubscribe: mail programs post it without a token, and the signed link is the credential.
    /// </summary>
    [Fact]
    public void EveryFormPost_HasMissingAndWrongAntiforgeryTokenCases()
    {
        var forms = PublicRoutes.Writes(fixture.App.Services)
            .Where(route => !route.Contains(" /api/", StringComparison.Ordinal) && route != "POST /summit/unsubscribe" && route != "POST /events/unsubscribe")
            .ToList();

        Assert.NotEmpty(forms);
        Assert.All(forms, route =>
        {
            var names = BadInputCatalogue.All.Where(c => c.Route == route).Select(c => c.Name).ToList();
            Assert.Contains("antiforgery token missing", names);
            Assert.Contains("antiforgery token wrong", names);
        });
    }

    [Fact]
    public void TheCatalogue_HasAtLeast200Cases_EachNamedOnce()
    {
        Assert.True(BadInputCatalogue.All.Count >= 200, $"{BadInputCatalogue.All.Count} cases");
        Assert.Equal(BadInputCatalogue.All.Count, BadInputCatalogue.All.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
    }

    private static bool Names(Expectation expect, int status, string body) => expect switch
    {
        Expectation.Field field => Problem(body)?["errors"]?.AsObject().Any(e =>
            string.Equals(e.Key, field.Name, StringComparison.OrdinalIgnoreCase) && e.Value!.AsArray().Count > 0) == true,
        Expectation.Problem problem => status == problem.Status && Problem(body) is { } json
            && $"{json["title"]} {json["detail"]}".Contains(problem.Text, StringComparison.OrdinalIgnoreCase),
        Expectation.Page page => PageNames(page.Text, body),
        Expectation.AnyOf any => any.Options.Any(option => Names(option, status, body)),
        _ => false,
    };

    private static bool PageNames(string text, string body)
    {
        var document = new HtmlParser().ParseDocument(body);
        if (text.StartsWith('#'))
        {
            return document.QuerySelectorAll(".govuk-error-summary__list a").Any(a => a.GetAttribute("href") == text);
        }

        var said = string.Join(" ", document.QuerySelectorAll(".govuk-error-summary, main h1").Select(e => e.TextContent));
        return said.Contains(text, StringComparison.OrdinalIgnoreCase);
    }

    private static JsonNode? Problem(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Shorten(string body) => body.Length > 600 ? body[..600] + "…" : body;
}
