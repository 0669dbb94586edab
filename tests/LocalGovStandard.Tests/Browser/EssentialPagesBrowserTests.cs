using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// The accessibility statement, privacy notice, cookies page and "page not found" in headless Chromium: each reached from
/// the footer by keyboard alone, checked with axe-core (WCAG 2.2 A and AA), and screenshotted into artifacts/screenshots/.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class EssentialPagesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    [Theory]
    [InlineData("Accessibility statement", "Accessibility statement for the LocalGov Digital Service Standard service", "accessibility")]
    [InlineData("Privacy", "Privacy notice", "privacy")]
    [InlineData("Cookies", "Cookies", "cookies")]
    public async Task FooterLink_ReachedByKeyboard_OpensTheEssentialPage_WithNoAxeViolations(string link, string heading, string screenshot)
    {
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await KeyboardSteps.TabToAsync(page, page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = link, Exact = true }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        await Expect(page).ToHaveTitleAsync($"{heading.Split(" for the ")[0]} - LocalGov Digital Service Standard");
        Assert.Empty(await AxeChecks.ViolationsAsync(page, screenshot));
        await SaveScreenshotAsync(page, $"essentials-{screenshot}");
    }

    [Fact]
    public async Task FeedbackAndContactLinks_AreReachedByKeyboard()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/cookies");

        var feedback = page.GetByRole(AriaRole.Link, new() { Name = "Tell LocalGov Digital what you think of it" });
        await KeyboardSteps.TabToAsync(page, feedback);
        await Expect(feedback).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^mailto:standard@localgov\\.digital\\?subject="));
        var contact = page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = "standard@localgov.digital" });
        await KeyboardSteps.TabToAsync(page, contact);
        await Expect(contact).ToHaveAttributeAsync("href", "mailto:standard@localgov.digital");
    }

    [Fact]
    public async Task PageNotFound_FollowsTheGovukPattern_WithNoAxeViolations()
    {
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/no-such-page");

        Assert.Equal(404, response!.Status);
        await Expect(page).ToHaveTitleAsync("Page not found - LocalGov Digital Service Standard");
        await Expect(page.Locator("#error-contact")).ToContainTextAsync("standard@localgov.digital");
        Assert.Empty(await AxeChecks.ViolationsAsync(page, "page not found"));
        await SaveScreenshotAsync(page, "essentials-page-not-found");
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"{name}.png"), FullPage = true });
    }
}
