using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;
using LocalGovStandard.Tests.SupportNeeds;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// Support needs in headless Chromium: a contact answers every point with the keyboard alone, and axe-core runs on the
/// answer page (empty, with errors, saved), a lead's heat map, the organiser's and the public dashboard's. Screenshots in artifacts/screenshots/.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class SupportNeedsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    [Fact]
    public async Task SupportNeeds_AnsweredWithTheKeyboardOnly_AndEveryNewPageHasNoWcag22AOrAAViolations()
    {
        const string email = "needs.keyboard@camden.gov.uk";
        const string colleague = "needs.colleague@westminster.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, email);
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, colleague);
        await SupportNeedSteps.PutOkAsync(await AccessSteps.BearerClientAsync(fixture, colleague), (1, "a-little", "a-lot"), (5, "partly", "some"));
        await ReportSteps.SetLeadsAsync(fixture.CreateAdminClient(), "london", "London", ["london"], new ReportSteps.Lead("Kay Keyboard", email));
        Directory.CreateDirectory(Screenshots);
        var violations = new List<string>();
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;

        await OpenEmailedLinkAndPressAsync(page, await fixture.SignInLinkForAsync(email), BrowserFixture.SignInButton);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your council's service assessments");
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Tell your peer group how well your council understands each point, and where it needs support" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your council's support needs");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "support needs"));

        // Saving with nothing chosen: the error summary takes focus, and its first link leads to point 1's first radio.
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save your answers" }), maxPresses: 80);
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "support needs with errors"));
        await keyboard.PressAsync("Tab");
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("#understanding-1")).ToBeFocusedAsync();

        // Each question is a radio group: Space chooses the focused answer, an arrow key moves to the next and chooses it, Tab goes on to the next question.
        for (var point = 1; point <= 15; point++)
        {
            await Expect(page.Locator($"#understanding-{point}")).ToBeFocusedAsync();
            await keyboard.PressAsync(point == 3 ? "ArrowDown" : "Space");
            await keyboard.PressAsync("Tab");
            await Expect(page.Locator($"#support-{point}")).ToBeFocusedAsync();
            await keyboard.PressAsync("Space");
            if (point == 3)
            {
                await keyboard.PressAsync("ArrowDown");
                await keyboard.PressAsync("ArrowDown");
            }

            await keyboard.PressAsync("Tab");
        }

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save your answers" })).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Your answers were saved");
        await Expect(page.Locator("#understanding-3-2")).ToBeCheckedAsync();
        await Expect(page.Locator("#support-3-3")).ToBeCheckedAsync();
        await Expect(page.Locator("#support-4")).ToBeCheckedAsync();
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "support needs saved"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "support-needs.png"), FullPage = false });

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Support needs of London's councils" }), maxPresses: 120);
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Support needs of the group's councils");
        await Expect(page.Locator("main ol li").First).ToContainTextAsync("Point 1, Understand user needs");
        await Expect(page.Locator("table[data-table=support-needs] tbody tr")).ToHaveCountAsync(2);
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "peer group support needs"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "support-needs-group.png"), FullPage = true });

        await using var organiser = await fixture.NewContextAsync(bypassCsp: true);
        var console = await organiser.NewPageAsync();
        await console.GotoAsync("/organiser/sign-in");
        await console.Locator("#key").FillAsync(ServiceFixture.AdminKey);
        await console.Locator("#key").PressAsync("Enter");
        await console.GotoAsync("/organiser/support-needs");
        await Expect(console.Locator("h1")).ToHaveTextAsync("Support needs by peer group");
        violations.AddRange(await AxeChecks.ViolationsAsync(console, "console support needs"));
        await console.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "support-needs-console.png"), FullPage = true });

        var visitor = await organiser.NewPageAsync();
        await visitor.GotoAsync("/dashboard/support-needs");
        await Expect(visitor.Locator("h1")).ToHaveTextAsync("Support needs by peer group");
        violations.AddRange(await AxeChecks.ViolationsAsync(visitor, "public support needs"));
        await visitor.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "support-needs-public.png"), FullPage = true });

        Assert.Empty(violations);
    }
}
