using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>The assessment pages in headless Chromium: an assessment recorded with the keyboard alone, and axe-core on every page type.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed partial class AssessmentBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Assessment_RecordedEndToEnd_WithTheKeyboardOnly()
    {
        const string email = "keyboard.assessor@leicester.gov.uk";
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var keyboard = page.Keyboard;

        await page.GotoAsync("/signup");
        await TabToAsync(page, page.Locator("#councilCode"));
        await keyboard.TypeAsync("Leicester");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("Kay Assessor");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync(email);
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("Service assessor");
        await keyboard.PressAsync("Tab");
        await keyboard.PressAsync("Space");
        await keyboard.PressAsync("Tab");
        await keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Check your email");
        await OpenEmailedLinkAndPressAsync(page, fixture.VerificationLinkFor(email), BrowserFixture.ConfirmEmailButton);
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Email address confirmed");

        await page.GotoAsync("/assessments/start");
        await TabToAsync(page, page.Locator("#email"));
        await keyboard.TypeAsync(email);
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check your email");
        await OpenEmailedLinkAndPressAsync(page, AccessLinkFor(email), BrowserFixture.SignInButton);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your council's service assessments");

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start a new assessment" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("What service are you assessing?");
        await TabToAsync(page, page.Locator("#serviceName"));
        await keyboard.TypeAsync("Apply for a parking permit");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("https://www.leicester.gov.uk/parking");
        await keyboard.PressAsync("Enter");

        await Expect(page.Locator("h1")).ToHaveTextAsync("What phase is the service in?");
        await ChooseRadioAsync(page, "phase", downPresses: 3);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Is this a self assessment or a peer assessment?");
        await ChooseRadioAsync(page, "type", downPresses: 0);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Which standard are you assessing against?");
        await ChooseRadioAsync(page, "standardId", downPresses: 0);
        await Expect(page.Locator("h1")).ToHaveTextAsync("When was the assessment?");
        await TabToAsync(page, page.Locator("#assessmentDate-day"));
        await keyboard.TypeAsync("2");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("11");
        await keyboard.PressAsync("Tab");
        await keyboard.TypeAsync("2026");
        await keyboard.PressAsync("Enter");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Apply for a parking permit");
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "1. Understand user needs" }));
        await keyboard.PressAsync("Enter");

        // Saving without a rating: the error summary takes focus, and its link leads to the first radio.
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("#rating")).ToBeFocusedAsync();
        await keyboard.PressAsync("Shift+Tab");

        for (var n = 1; n <= 15; n++)
        {
            await Expect(page.Locator(".govuk-caption-l")).ToHaveTextAsync($"Apply for a parking permit: point {n} of 15");
            await TabToAsync(page, page.Locator("input[name=rating]").First);
            await keyboard.PressAsync(n == 6 ? "ArrowDown" : "Space");
            await keyboard.PressAsync("Tab");
            await Expect(page.Locator("#notes")).ToBeFocusedAsync();
            await keyboard.TypeAsync($"Seen in the show and tell for point {n}.");
            if (n == 1)
            {
                await UploadEvidenceWithTheKeyboardAsync(page);
            }

            await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }));
            await keyboard.PressAsync("Enter");
        }

        await Expect(page.Locator("h1")).ToHaveTextAsync("Apply for a parking permit");
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Check answers and submit" }), maxPresses: 40);
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Check your answers before submitting");
        await Expect(page.Locator("#point-6 .govuk-tag")).ToHaveTextAsync("Not met");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Submit assessment" }), maxPresses: 60);
        await keyboard.PressAsync("Enter");

        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Assessment submitted");
        await Expect(page.Locator(".govuk-panel__body strong")).ToHaveTextAsync(AssessmentReference());
        await Expect(page.Locator("main p .govuk-tag")).ToHaveTextAsync("Not met");
        await Expect(page.GetByText("We have emailed you a copy of your answers")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Tab to the file input, open the chooser with Space (the test answers the operating system's
    /// dialog), Tab to "Upload file" and press Enter. The unsaved rating and notes must survive.
    /// </summary>
    private static async Task UploadEvidenceWithTheKeyboardAsync(IPage page)
    {
        var path = Path.Combine(Path.GetTempPath(), $"show-and-tell-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(path, "Notes from the show and tell: 14 residents tried the new form.");
        try
        {
            await TabToAsync(page, page.Locator("#file"));
            var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
            await chooser.SetFilesAsync(path);
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Upload file" })).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");

            await Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("was uploaded");
            await Expect(page.Locator(".govuk-summary-list a[download]")).ToHaveTextAsync(Path.GetFileName(path));
            await Expect(page.Locator("#notes")).ToHaveValueAsync("Seen in the show and tell for point 1.");
            await Expect(page.Locator("input[name=rating]").First).ToBeCheckedAsync();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task EveryAssessmentPageType_HasNoWcag22AOrAAViolations()
    {
        const string email = "axe.assessor@cardiff.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Cardiff, email);
        var api = await AccessSteps.BearerClientAsync(fixture, email);
        var (submitted, etag) = await AssessmentSteps.CreateAsync(api, AssessmentSteps.SelfDetails("lgdss-2016", "Book a bulky waste collection"));
        etag = await AssessmentSteps.RateAllAsync(api, submitted, etag, n => n == 3 ? "not-met" : "met", 15);
        await AssessmentSteps.SubmitAsync(api, submitted, etag);
        var (draft, draftEtag) = await AssessmentSteps.CreateAsync(api, AssessmentSteps.SelfDetails("service-standard-2019", "Renew a library book"));
        await AssessmentSteps.RateAllAsync(api, draft, draftEtag, n => n == 2 ? "amber" : "green", 14);

        var link = await fixture.SignInLinkForAsync(email);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        await page.GotoAsync(link.ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in to your council's assessments");
        violations.AddRange(await AxeChecks.ViolationsAsync(page, "sign in with the emailed link"));
        await page.GetByRole(AriaRole.Button, new() { Name = BrowserFixture.SignInButton }).ClickAsync();
        async Task CheckAsync(string name, string? path = null, string? heading = null)
        {
            if (path is not null)
            {
                await page.GotoAsync(path);
            }

            if (heading is not null)
            {
                await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
            }

            violations.AddRange(await AxeChecks.ViolationsAsync(page, name));
        }

        await CheckAsync("list", heading: "Your council's service assessments");
        await CheckAsync("new: service", "/assessments/new", "What service are you assessing?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await CheckAsync("new: service with errors");
        await page.Locator("#serviceName").FillAsync("Report a pothole");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await CheckAsync("new: phase", heading: "What phase is the service in?");
        await page.Locator("#phase-2").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await CheckAsync("new: type", heading: "Is this a self assessment or a peer assessment?");
        await page.Locator("#type-2").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await CheckAsync("new: panel", heading: "Who is on the peer assessment panel?");
        await page.Locator("#panel-0-name").FillAsync("Grace Hopper");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await CheckAsync("new: panel with errors");
        await page.Locator("#panel-0-councilCode").SelectOptionAsync(TestRegister.Fife.GssCode);
        await page.Locator("#panel-0-role").SelectOptionAsync("lead-assessor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await CheckAsync("new: standard", heading: "Which standard are you assessing against?");
        await page.Locator("#standardId-2").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await CheckAsync("new: date", heading: "When was the assessment?");
        await page.Locator("#assessmentDate-day").FillAsync("30");
        await page.Locator("#assessmentDate-month").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await CheckAsync("new: date with errors");

        await CheckAsync("task list", $"/assessments/{draft}", "Renew a library book");
        await CheckAsync("details", $"/assessments/{draft}/details", "Assessment details");
        await CheckAsync("point", $"/assessments/{draft}/points/1", "Understand users and their needs");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "pretend.pdf", MimeType = "application/pdf", Buffer = [0x4D, 0x5A, 0x90, 0x00] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload file" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await CheckAsync("point with a refused file");
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "minutes.txt", MimeType = "text/plain", Buffer = "Panel minutes"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload file" }).ClickAsync();
        await Expect(page.Locator(".govuk-summary-list a[download]")).ToHaveTextAsync("minutes.txt");
        await CheckAsync("point with evidence");
        await CheckAsync("point", $"/assessments/{draft}/points/1", "Understand users and their needs");
        await page.Locator("#notes").FillAsync(new string('n', 2001));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await CheckAsync("point with errors");
        await CheckAsync("check answers", $"/assessments/{draft}/check", "Check your answers before submitting");

        var secondTab = await context.NewPageAsync();
        await secondTab.GotoAsync($"/assessments/{draft}/points/2");
        await page.GotoAsync($"/assessments/{draft}/points/2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await secondTab.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Expect(secondTab.Locator("h1")).ToHaveTextAsync("This draft was changed in another tab or window");
        violations.AddRange(await AxeChecks.ViolationsAsync(secondTab, "draft changed (409)"));

        await page.GotoAsync($"/assessments/{draft}/check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit assessment" }).ClickAsync();
        await CheckAsync("confirmation", heading: "Assessment submitted");
        await CheckAsync("submitted view", $"/assessments/{submitted}", "Book a bulky waste collection");
        await CheckAsync("action done", $"/assessments/actions/{submitted}/3/done", "Mark an action as done");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as done" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await CheckAsync("action done with errors");
        await CheckAsync("list with items", "/assessments", "Your council's service assessments");
        var (reassessed, reassessment) = await AssessmentSteps.SendAsync(api, HttpMethod.Post, $"/api/assessments/{submitted}/reassess", null, null);
        Assert.Equal(System.Net.HttpStatusCode.Created, reassessed.StatusCode);
        await CheckAsync("carried point", $"/assessments/{reassessment!["reference"]!.GetValue<string>()}/points/1");
        await Expect(page.Locator(".govuk-inset-text")).ToContainTextAsync($"This point passed in {submitted}");

        // The pages before signing in, in a browser without a session.
        await using var signedOut = await fixture.NewContextAsync(bypassCsp: true);
        page = await signedOut.NewPageAsync();
        await CheckAsync("start", "/assessments/start", "Sign in to your council's service assessments");
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a sign-in link" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToBeFocusedAsync();
        await CheckAsync("start with errors");
        await page.Locator("#email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a sign-in link" }).ClickAsync();
        await CheckAsync("check your email", heading: "Check your email");
        await CheckAsync("sign-in link not valid", "/assessments/access?token=not-a-real-token", "This sign-in link is not valid");

        Assert.True(violations.Count == 0, "axe-core found WCAG 2.2 A/AA violations:\n" + string.Join('\n', violations));
    }

    [Fact]
    public async Task TaskList_LongestPointName_Wraps_WhileItsStatusTagStaysOnOneLine_AtPhoneAndDesktopWidths()
    {
        const string email = "tags.assessor@cardiff.gov.uk";
        const int longestPoint = 13; // "Use and contribute to open standards, common components and patterns"
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Cardiff, email);
        var api = await AccessSteps.BearerClientAsync(fixture, email);
        var (draft, _) = await AssessmentSteps.CreateAsync(api, AssessmentSteps.SelfDetails("service-standard-2019", "Apply for a parking permit"));
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync((await fixture.SignInLinkForAsync(email)).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = BrowserFixture.SignInButton }).ClickAsync();
        var violations = new List<string>();

        foreach (var width in new[] { 390, 1280 })
        {
            await page.SetViewportSizeAsync(width, 844);
            await page.GotoAsync($"/assessments/{draft}");
            var tag = page.Locator($"#task-point-{longestPoint}-status .govuk-tag");
            await Expect(tag).ToHaveTextAsync("Not started");
            var lines = await page.EvaluateAsync<double[]>(LinesOfTagAndName, longestPoint);
            Assert.True(Math.Abs(lines[0] - lines[1]) < 1, $"At {width} px the status tag is {lines[0]} px high; one line of it is {lines[1]} px.");
            if (width == 390)
            {
                Assert.True(lines[2] > 1, "The longest point name should wrap at 390 px, or this test shows nothing.");
            }

            violations.AddRange(await AxeChecks.ViolationsAsync(page, $"task list at {width} px"));
        }

        Assert.Empty(violations);
    }

    /// <summary>[the tag's height, the height of one line of it (line height plus padding and border), the lines of the point's name].</summary>
    private const string LinesOfTagAndName = """
        point => {
          const tag = document.querySelector(`#task-point-${point}-status .govuk-tag`);
          const style = getComputedStyle(tag);
          const oneLine = ["lineHeight", "paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"].reduce((sum, p) => sum + parseFloat(style[p]), 0);
          const name = document.querySelector(`a[aria-describedby="task-point-${point}-status"]`);
          const range = document.createRange();
          range.selectNodeContents(name);
          const nameLines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
          return [tag.getBoundingClientRect().height, oneLine, nameLines];
        }
        """;

    /// <summary>The newest emailed sign-in link for this address, moved onto the running server.</summary>
    private Uri AccessLinkFor(string email)
    {
        var message = fixture.SendGrid.Accepted.Last(m => string.Equals(m.To, email, StringComparison.OrdinalIgnoreCase) && m.Subject.StartsWith("Sign in", StringComparison.Ordinal));
        return new Uri(fixture.BaseUrl, new Uri(AccessLinkPattern().Match(message.PlainText).Value).PathAndQuery);
    }

    /// <summary>Tabs into a radio group (focus lands on its first radio), chooses one with the arrow keys, and continues.</summary>
    private static async Task ChooseRadioAsync(IPage page, string name, int downPresses)
    {
        await TabToAsync(page, page.Locator($"input[name={name}]").First);
        await page.Keyboard.PressAsync("Space");
        for (var i = 0; i < downPresses; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Presses Tab until the target has focus, failing if it takes more than a page's worth of stops.</summary>
    [GeneratedRegex(@"http://localhost/assessments/access\?token=[A-Za-z0-9_.-]+")]
    private static partial Regex AccessLinkPattern();

    [GeneratedRegex("^ASM-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")]
    private static partial Regex AssessmentReference();
}

/// <summary>
/// The session timeout warning. The test moves the service's clock (its own); the page's clock is
/// Playwright's, so the 25 minutes before the warning pass at once.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed class AssessmentBrowserSessionTimeoutTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task Warning_OpensFiveMinutesBeforeTheSessionEnds_StaySignedInKeepsTheSession_AndSignOutEndsIt()
    {
        const string email = "timeout.tester@fife.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Fife, email);
        var link = await fixture.SignInLinkForAsync(email);
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var problems = new ConcurrentQueue<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Enqueue(error);
        await page.Clock.InstallAsync();
        await OpenEmailedLinkAndPressAsync(page, link, BrowserFixture.SignInButton);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your council's service assessments");
        var dialog = page.GetByRole(AriaRole.Alertdialog, new() { Name = "You'll be signed out soon" });
        var stay = dialog.GetByRole(AriaRole.Button, new() { Name = "Stay signed in" });

        await page.Clock.FastForwardAsync("24:50");
        await Expect(dialog).ToBeHiddenAsync();
        await page.Clock.FastForwardAsync("00:20");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(stay).ToBeFocusedAsync();
        Assert.Empty(await AxeChecks.ViolationsAsync(page, "timeout warning"));

        // 26 minutes on: without the keep-alive the session would end in 4.
        _clock.Advance(TimeSpan.FromMinutes(26));
        var keepAlive = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Url.EndsWith("/assessments/keep-alive", StringComparison.Ordinal));
        Assert.Equal(204, keepAlive.Status);
        await Expect(dialog).ToBeHiddenAsync();

        _clock.Advance(TimeSpan.FromMinutes(10));
        await page.ReloadAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your council's service assessments");

        await page.Clock.FastForwardAsync("25:10");
        await Expect(stay).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(dialog.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-notification-banner__heading")).ToHaveTextAsync("You have been signed out. Your answers were saved.");
        await page.GotoAsync("/assessments");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in to your council's service assessments");
        Assert.True(problems.IsEmpty, "Script or console errors:\n" + string.Join('\n', problems));
    }
}
