using LocalGovStandard.Tests.Hardening.BadInput;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.Security;

/// <summary>
/// Every form post (a public write route outside /api) is among the bad-input cases with a missing
/// and a wrong antiforgery token, which must get the "form has expired" page and store nothing
/// (<see cref="BadInputTests"/>). The session cookie's flags are checked by
/// AssessmentAccessTests.CookieSession_FromTheLink_IsHttpOnlySecureAndLax_AndRedirectsToTheList.
/// </summary>
public sealed class AntiforgeryCoverageTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    /// <summary>RFC 8058 one-click unsubscribe: mail programs post without a token; the signed link is the credential.</summary>
    private const string OneClickUnsubscribe = "POST /summit/unsubscribe";

    [Fact]
    public void EveryFormPost_HasMissingAndWrongAntiforgeryTokenCases()
    {
        var forms = PublicRoutes.Writes(fixture.App.Services)
            .Where(route => !route.Contains(" /api/", StringComparison.Ordinal) && route != OneClickUnsubscribe)
            .ToList();

        Assert.NotEmpty(forms);
        Assert.All(forms, route =>
        {
            var names = BadInputCatalogue.All.Where(c => c.Route == route).Select(c => c.Name).ToList();
            Assert.Contains("antiforgery token missing", names);
            Assert.Contains("antiforgery token wrong", names);
        });
    }
}
