using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>The sign-up pages in headless Chromium: keyboard use, axe-core, no JavaScript, and asset loading.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed partial class SignupBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Form_TabOrder_FollowsThePageFromSkipLinkToButton()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signup");

        var order = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            order.Add(await page.EvaluateAsync<string>("() => { const e = document.activeElement; return e.id || e.getAttribute('href') || e.textContent.trim(); }"));
        }

        Assert.Equal(
            ["#main-content", "/", "mailto:standard@localgov.digital?subject=Feedback%20on%20the%20LocalGov%20Digital%20Service%20Standard%20service", "councilCode", "contactName", "contactEmail", "jobTitle", "adoptionRoute", "consentToContact", "consentToPublish", "Sign up"],
            order);
    }

    [Fact]
    public async Task SignUp_WithTheKeyboardOnly_ShowsLinkedErrors_ThenConfirmsAndVerifies()
    {
        const string email = "keyboard.user@westminster.gov.uk";
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;
        await page.GotoAsync("/signup");

        await TabToAsync(page, page.Locator("#contactName"));
        await keyboard.TypeAsync("Kay Board");
        var invalid = await page.RunAndWaitForResponseAsync(() => keyboard.PressAsync("Enter"), r => r.Request.Method == "POST");
        Assert.Equal(400, invalid.Status);

        // GOV.UK Frontend moves focus to the error summary; its links name each field that needs an answer.
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        var summaryLinks = page.Locator(".govuk-error-summary__list a");
        var hrefs = await summaryLinks.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(["#councilCode", "#contactEmail", "#jobTitle", "#adoptionRoute", "#consentToContact"], hrefs);
        foreach (var href in hrefs)
        {
            await Expect(page.Locator($"{href}-error")).ToBeVisibleAsync();
        }

        await Expect(page.Locator("#contactName")).ToHaveValueAsync("Kay Board");

        // Following a summary link with Enter moves focus to its field.
        await keyboard.PressAsync("Tab");
        await Expect(summaryLinks.First).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("#councilCode")).ToBeFocusedAsync();
        await keyboard.TypeAsync("City");
        await Expect(page.Locator("#councilCode")).ToHaveValueAsync(TestRegister.Westminster.GssCode);

        // Back up to the last summary link: the consent question, whose link leads to the checkbox.
        await keyboard.PressAsync("Shift+Tab");
        await Expect(summaryLinks.Last).ToBeFocusedAsync();
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("#consentToContact")).ToBeFocusedAsync();
        await keyboard.PressAsync("Space");
        await Expect(page.Locator("#consentToContact")).ToBeCheckedAsync();

        // Backwards into the radios (none chosen, so on the last), up one choice, then the text fields above.
        await keyboard.PressAsync("Shift+Tab");
        await Expect(page.Locator("#adoptionRoute-4")).ToBeFocusedAsync();
        await keyboard.PressAsync("ArrowUp");
        await Expect(page.Locator("#adoptionRoute-3")).ToBeCheckedAsync();
        await keyboard.PressAsync("Shift+Tab");
        await Expect(page.Locator("#jobTitle")).ToBeFocusedAsync();
        await keyboard.TypeAsync("Head of Digital");
        await keyboard.PressAsync("Shift+Tab");
        await Expect(page.Locator("#contactEmail")).ToBeFocusedAsync();
        await keyboard.TypeAsync(email);

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }));
        await keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(ConfirmationUrl());
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Check your email");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("LGS-");
        var reference = SignupSteps.ReferenceFor(fixture.SendGrid, email);
        Assert.Matches(ReferencePattern(), reference);

        await KeyboardSteps.OpenEmailedLinkAndPressAsync(page, fixture.VerificationLinkFor(email), BrowserFixture.ConfirmEmailButton);
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Email address confirmed");
        await Expect(page.Locator(".govuk-panel__body")).ToHaveTextAsync("City of Westminster is signed up to the Standard");
        await Expect(page.Locator("main strong")).ToHaveTextAsync(reference);
    }

    [Fact]
    public async Task EveryPageOfTheJourney_HasNoWcag22AOrAAViolations()
    {
        const string email = "axe.checker@camden.gov.uk";
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();

        await page.GotoAsync("/");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "start page"));

        await page.GotoAsync("/signup");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "empty form"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "form with errors"));

        await FillValidFormAsync(page, TestRegister.Camden, email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(ConfirmationUrl());
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "confirmation"));

        await page.GotoAsync(fixture.VerificationLinkFor(email).ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Confirm your email address");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "confirm your email address"));
        await page.GetByRole(AriaRole.Button, new() { Name = BrowserFixture.ConfirmEmailButton }).ClickAsync();
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Email address confirmed");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "email address confirmed"));

        await page.GotoAsync("/signup/verify?token=garbage");
        await Expect(page.Locator("h1")).ToHaveTextAsync("This link is not valid");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "link not valid"));

        Assert.True(violations.Count == 0, "axe-core found WCAG 2.2 A/AA violations:\n" + string.Join('\n', violations));
    }

    [Fact]
    public async Task SignUp_WithJavaScriptOff_ShowsErrorsAndReachesTheConfirmationPage()
    {
        await using var context = await fixture.NewContextAsync(javaScriptEnabled: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signup");
        await Expect(page.Locator("body")).Not.ToHaveClassAsync(JsEnabledClass());

        var invalid = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, invalid.Status);
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();

        await FillValidFormAsync(page, TestRegister.Birmingham, "no.script@birmingham.gov.uk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(ConfirmationUrl());
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Check your email");
        Assert.Matches(ReferencePattern(), SignupSteps.ReferenceFor(fixture.SendGrid, "no.script@birmingham.gov.uk"));
    }

    [Fact]
    public async Task FormPage_LoadsStylesAndScripts_WithoutFailuresOrCspErrors_OrTheGovukTypeface()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        var loaded = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                problems.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Enqueue("script error: " + error);
        page.RequestFailed += (_, request) => problems.Enqueue($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Enqueue($"HTTP {response.Status}: {response.Url}");
            }
            else
            {
                loaded.Enqueue(new Uri(response.Url).AbsolutePath);
            }
        };
        // app.mjs imports govuk-frontend.min.js only once it has been parsed, which on a busy machine
        // can fall after a 500 ms network-idle gap, so each expected file is awaited by name.
        string[] expected = ["/static/govuk/govuk-frontend.min.css", "/static/govuk/govuk-frontend.min.js", "/static/app/app.mjs", "/static/app/enable-js.js"];
        var arrivals = expected.Select(path => page.WaitForResponseAsync(r => new Uri(r.Url).AbsolutePath == path)).ToArray();

        await page.GotoAsync("/signup");
        var responses = await Task.WhenAll(arrivals);
        await Expect(page.Locator("button[data-module=govuk-button]")).ToHaveAttributeAsync("data-govuk-button-init", "");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var bodyFont = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.govuk-label')).fontFamily");

        Assert.True(problems.IsEmpty, "The form page had problems:\n" + string.Join('\n', problems));
        Assert.All(responses, response => Assert.True(response.Ok, $"{response.Url} answered {response.Status}"));
        Assert.DoesNotContain("GDS Transport", bodyFont, StringComparison.Ordinal);
        Assert.DoesNotContain(loaded, path => path.StartsWith("/assets/fonts/", StringComparison.Ordinal));
        await Expect(page.Locator("body")).ToHaveClassAsync(new Regex("govuk-frontend-supported"));
    }

    /// <summary>Presses Tab until the target has focus, failing if it takes more than a page's worth of stops.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int maxPresses = 15)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"{maxPresses} presses of Tab never reached {target}");
    }

    private static async Task FillValidFormAsync(IPage page, TestCouncil council, string email)
    {
        await page.Locator("#councilCode").SelectOptionAsync(council.GssCode);
        await page.Locator("#contactName").FillAsync("Browser Tester");
        await page.Locator("#contactEmail").FillAsync(email);
        await page.Locator("#jobTitle").FillAsync("Digital lead");
        await page.Locator("#adoptionRoute-2").CheckAsync();
        await page.Locator("#consentToContact").CheckAsync();
    }

    [GeneratedRegex(@"/signup/confirmation$")]
    private static partial Regex ConfirmationUrl();

    [GeneratedRegex("^LGS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\bjs-enabled\b")]
    private static partial Regex JsEnabledClass();
}
