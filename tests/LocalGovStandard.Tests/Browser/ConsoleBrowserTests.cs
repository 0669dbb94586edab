using System.Globalization;
using System.Text;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Summits;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// The organiser console in headless Chromium: signing in and erasing a contact, running a month's
/// workbooks, and starting a peer group from a list of councils, with the keyboard alone; axe-core and the
/// one layout (sign-out in the service navigation, a success banner first in the main content) on every console page type; a screenshot of each in artifacts/screenshots/,
/// and of two pages at 390 px too.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class ConsoleBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Screenshots = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    [Fact]
    public async Task SignIn_AndEraseAContact_WithTheKeyboardOnly_WithNoAxeViolations()
    {
        const string email = "erin.erase@birmingham.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, email);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;
        var violations = new List<string>();

        await page.GotoAsync("/organiser/signups");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in to the organiser console");
        await CheckAsync(page, "sign-in", violations);

        await TabToAsync(page, page.Locator("#key"));
        await keyboard.TypeAsync("wrong-key");
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await CheckAsync(page, "sign-in-error", violations);

        await keyboard.PressAsync("Tab");
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("#key")).ToBeFocusedAsync();
        await keyboard.TypeAsync(ServiceFixture.AdminKey);
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign-ups and contacts");
        await CheckAsync(page, "signups", violations);

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" }).First, maxPresses: 60);
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ada Lovelace");
        await CheckAsync(page, "contact", violations);

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Erase their personal data" }));
        await keyboard.PressAsync("Enter");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await CheckAsync(page, "erase-error", violations);

        await keyboard.PressAsync("Tab");
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("#confirm")).ToBeFocusedAsync();
        await keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Erase personal data" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Personal data erased");
        await CheckAsync(page, "erased", violations);

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }), maxPresses: 30);
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-notification-banner__heading")).ToHaveTextAsync("You have been signed out.");

        Assert.Empty(violations);
    }

    [Fact]
    public async Task EveryConsolePageType_HasNoAxeViolations_AndAMonthIsRunWithTheKeyboardOnly()
    {
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;
        var violations = new List<string>();
        await SignInAsync(page);
        await CheckAsync(page, "home", violations);

        await page.GotoAsync("/organiser/register");
        await CheckAsync(page, "register", violations);
        await page.Locator("#register").SetInputFilesAsync(new FilePayload
        {
            Name = "uk_local_authorities.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(TestRegister.Csv(TestRegister.Camden) + "SWK,Southwark,Southwark,E09000028\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Register imported with problems");
        await CheckAsync(page, "register-imported", violations);

        await page.GotoAsync("/organiser/peer-groups");
        await CheckAsync(page, "peer-groups", violations);
        await CheckAtPhoneWidthAsync(page, "peer-groups", violations);
        await page.GotoAsync("/organiser/peer-groups/wales");
        await CheckAsync(page, "peer-group", violations);
        await page.Locator("#name").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save peer group" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await CheckAsync(page, "peer-group-error", violations);

        await page.GotoAsync("/organiser/reports");
        await CheckAsync(page, "reports", violations);
        await TabToAsync(page, page.Locator("#peerGroup"), maxPresses: 40);
        await keyboard.PressAsync("End");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Run " }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-notification-banner__heading")).ToContainTextAsync("was run");
        await CheckAsync(page, "reports-run", violations);
        await CheckAtPhoneWidthAsync(page, "reports-run", violations);

        await SummitSteps.SeedContactsAsync(fixture, TestRegister.Cardiff, "browser-invitee", 7, fixture.Clock.GetUtcNow().AddDays(-3));
        await page.GotoAsync("/organiser/summits/new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create summit" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await CheckAsync(page, "summit-new-error", violations);
        await page.Locator(".govuk-error-summary a[href='#startsAt-day']").ClickAsync();
        await Expect(page.Locator("#startsAt-day")).ToBeFocusedAsync();
        var starts = fixture.Clock.GetUtcNow().AddDays(40);
        await page.Locator("#name").FillAsync("Browser Summit");
        await FillDateAsync(page, "startsAt", starts, "09:30");
        await page.Locator("#venue").FillAsync("The Hall");
        await page.Locator("#address").FillAsync("1 High Street\nLeeds");
        await page.Locator("#capacity").FillAsync("50");
        await FillDateAsync(page, "rsvpBy", starts.AddDays(-7), "17:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create summit" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Browser Summit");
        await page.Locator("#verifiedOnOrBefore").FillAsync(fixture.Clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview invitees" }).ClickAsync();
        await Expect(page.Locator("#preview")).ToBeVisibleAsync();
        await CheckAsync(page, "summit", violations);
        await page.Locator("#check-send").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check before you send invitations");
        await CheckAsync(page, "summit-send-check", violations);
        await page.GotoAsync("/organiser/summits");
        await CheckAsync(page, "summits", violations);

        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/organiser/audit");
        await Expect(page.Locator("#audit-entries tbody tr").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"), "The audit log is wider than the page at 1280 px.");
        await CheckAsync(page, "audit", violations);

        await page.GotoAsync("/organiser/dashboard");
        await Expect(page.Locator("h1")).ToContainTextAsync("Organiser dashboard");
        await CheckAsync(page, "dashboard", violations);

        Assert.Empty(violations);
    }

    [Fact]
    public async Task StartAGroupFromCouncils_WithTheKeyboardOnly_TellsItsCouncilsContact_WithNoAxeViolations()
    {
        const string contact = "carys.circle@birmingham.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, contact);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await SignInAsync(page);
        var keyboard = page.Keyboard;

        await page.GotoAsync("/organiser/peer-groups/new/regions");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Start a peer group from regions");
        await Expect(page.Locator("#regions")).ToContainTextAsync("Every region is in a peer group");
        await CheckAsync(page, "peer-group-new-from-regions", violations);

        await page.GotoAsync("/organiser/peer-groups");
        await CheckAsync(page, "peer-groups-start", violations);
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start a peer group from a list of councils" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Start a peer group from a list of councils");
        await CheckAsync(page, "peer-group-new-from-councils", violations);

        await PressButtonAsync(page, "Start peer group");
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Choose at least one council");
        await CheckAsync(page, "peer-group-new-error", violations);

        await TabToAsync(page, page.Locator("#name"), maxPresses: 60);
        await keyboard.TypeAsync("Birmingham circle");
        await TabToAsync(page, page.Locator("summary", new() { HasText = "West Midlands" }), maxPresses: 60);
        await keyboard.PressAsync("Enter");
        await TabToAsync(page, page.GetByLabel(TestRegister.Birmingham.OfficialName));
        await keyboard.PressAsync("Space");
        await TabToAsync(page, page.Locator("[name='leads[0].name']"), maxPresses: 60);
        await keyboard.TypeAsync("Fenella Facilitator");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("fenella.facilitator@birmingham.gov.uk");
        await PressButtonAsync(page, "Start peer group");

        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Birmingham circle was started");
        await Expect(page.Locator("main table")).ToContainTextAsync("1 council: Birmingham City Council");
        await CheckAsync(page, "peer-group-started", violations);
        await EmailQueueSteps.DrainedAsync(fixture);

        var told = Assert.Single(fixture.SendGrid.Accepted, m => m.Subject.Contains("new Birmingham circle peer group", StringComparison.Ordinal));
        Assert.Equal(contact, told.To);
        Assert.Contains("Fenella Facilitator", told.PlainText, StringComparison.Ordinal);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task PoisonedEmail_IsCountedOnTheHomePage_HasNoAxeViolations_AndIsSentAgainWithTheKeyboardOnly()
    {
        const string address = "browser.poisoned@camden.gov.uk";
        await EmailQueueSteps.PoisonAsync(fixture, address);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await SignInAsync(page);
        await Expect(page.Locator("#poisoned-count")).ToContainTextAsync("email");
        await CheckAsync(page, "home-poisoned", violations);

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "See email that failed every try" }), maxPresses: 40);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Poisoned email");
        await Expect(page.Locator("#poisoned tbody tr").First).ToContainTextAsync("camden.gov.uk");
        await CheckAsync(page, "poisoned-email", violations);
        await CheckAtPhoneWidthAsync(page, "poisoned-email", violations);

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send again" }).First, maxPresses: 40);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-notification-banner__heading")).ToContainTextAsync("sent back to the queue");
        await CheckAsync(page, "poisoned-email-sent", violations);
        await Eventually.TrueAsync(() => fixture.SendGrid.Accepted.Any(r => r.To == address), "the requeued email to be sent");

        Assert.DoesNotContain(address, await page.ContentAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(violations);
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/organiser/sign-in");
        await page.Locator("#key").FillAsync(ServiceFixture.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("What do you want to do?");
    }

    /// <summary>The page again at a phone's width (390 px), checked and photographed, then back at 1280 px.</summary>
    private static async Task CheckAtPhoneWidthAsync(IPage page, string name, List<string> violations)
    {
        await page.SetViewportSizeAsync(390, 844);
        await CheckAsync(page, $"{name}-390", violations);
        await page.SetViewportSizeAsync(1280, 800);
        await CheckAsync(page, $"{name}-1280", violations);
    }

    /// <summary>
    /// The console's one layout: a single sign-out form (POST, with its antiforgery token) inside the header's service
    /// navigation, on the navigation's row and visible at any width; and any success banner as the first element of
    /// the main content, before the h1.
    /// </summary>
    private const string LayoutProblems = """
        () => {
          const problems = [];
          const forms = document.querySelectorAll("form[action='/organiser/sign-out']");
          if (forms.length !== 1) return [`${forms.length} sign-out forms`];
          const form = forms[0];
          const navigation = form.closest("header .govuk-service-navigation");
          if (!navigation) problems.push("the sign-out form is outside the header's service navigation");
          if (form.method !== "post" || !form.querySelector("input[name=__RequestVerificationToken]")) problems.push("sign-out is not a POST with an antiforgery token");
          const button = form.querySelector("button[type=submit]");
          const box = button?.getBoundingClientRect();
          if (!box || box.width === 0 || box.height === 0) problems.push("the sign-out button is not visible");
          else if (navigation) {
            const bar = navigation.getBoundingClientRect();
            if (box.top < bar.top || box.bottom > bar.bottom) problems.push("the sign-out button is not within the service navigation's bar");
          }
          const first = document.querySelector("main .govuk-grid-row > div")?.firstElementChild;
          const banners = document.querySelectorAll(".govuk-notification-banner--success");
          for (const banner of banners) {
            if (banner !== first) problems.push("a success banner is not the first element of the main content");
          }
          const h1 = document.querySelector("main h1");
          if (banners.length > 0 && h1 && !(banners[0].compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING)) problems.push("the success banner is after the h1");
          for (const caption of document.querySelectorAll("main .govuk-caption-l")) {
            if (caption.nextElementSibling !== h1) problems.push("a caption is separated from the h1 it captions");
          }
          return problems;
        }
        """;

    private static async Task FillDateAsync(IPage page, string field, DateTimeOffset date, string time)
    {
        await page.Locator($"#{field}-day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{field}-month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{field}-year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
        await page.Locator($"#{field}-time").FillAsync(time);
    }

    private static async Task CheckAsync(IPage page, string name, List<string> violations)
    {
        violations.AddRange(await AxeChecks.ViolationsAsync(page, name));
        if (!page.Url.Contains("/organiser/sign-in", StringComparison.Ordinal))
        {
            violations.AddRange((await page.EvaluateAsync<string[]>(LayoutProblems)).Select(problem => $"{name}: {problem}"));
        }

        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, $"console-{name}.png"), FullPage = true });
    }
}
