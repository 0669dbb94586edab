using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// The API reference in headless Chromium under its real CSP: it renders the document's routes, loads nothing from
/// another origin, and the browser refuses nothing. The screenshot goes to artifacts/screenshots/api-reference.png.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class ApiReferenceBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    /// <summary>
    /// The heaviest page the service has: Scalar's 5 MB script, then the 770 KB document it renders. On a quiet 2-core
    /// machine it loads in 4 s and shows the routes 5 s later; a CI run with four test classes at once made the load alone
    /// take over the usual 20 s, so this page gets a minute to load and 45 s to render.
    /// </summary>
    private const float HeavyPageTimeout = 60_000;

    private static readonly LocatorAssertionsToBeVisibleOptions Rendered = new() { Timeout = 45_000 };

    [Fact]
    public async Task TheReference_RendersTheApi_UnderItsCsp_FromThisSiteAlone()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(HeavyPageTimeout);
        var refused = new List<string>();
        var elsewhere = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add(message.Text);
            }
        };
        page.Request += (_, request) =>
        {
            var url = new Uri(request.Url);
            if (url.Scheme is "http" or "https" && url.Authority != fixture.BaseUrl.Authority)
            {
                elsewhere.Add(request.Url);
            }
        };

        await page.GotoAsync("/api/reference");

        await Expect(page).ToHaveTitleAsync("LocalGov Standard API reference");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "LocalGov Standard API", Exact = true })).ToBeVisibleAsync(Rendered);
        await Expect(page.GetByText("Sign a council up").First).ToBeVisibleAsync(Rendered);
        await page.GetByText("A council's assessments").First.ClickAsync();
        await Expect(page.GetByText("Exchange a sign-in link for a bearer token").First).ToBeVisibleAsync(Rendered);
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "api-reference.png") });

        Assert.Empty(refused);
        Assert.Empty(elsewhere);
    }
}
