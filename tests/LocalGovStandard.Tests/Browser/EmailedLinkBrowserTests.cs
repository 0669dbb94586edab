using System.Net;
using System.Text.RegularExpressions;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;
using LocalGovStandard.Tests.Summits;
using Microsoft.Playwright;
using static LocalGovStandard.Tests.Browser.KeyboardSteps;
using static Microsoft.Playwright.Assertions;

namespace LocalGovStandard.Tests.Browser;

/// <summary>
/// Every emailed link, as it really goes: a mail scanner opens it first (GET twice and HEAD, no cookies) and nothing
/// changes; then the person opens it in Chromium, presses the button with the keyboard, and it works. axe-core checks
/// each link's page.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
[Trait(Needs.Trait, Needs.Chromium)]
public sealed partial class EmailedLinkBrowserTests(EmailedLinkBrowserTests.Fixture fixture) : IClassFixture<EmailedLinkBrowserTests.Fixture>
{
    /// <summary>Workbooks are always too large to attach here, so the lead gets the download link.</summary>
    public sealed class Fixture : BrowserFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["LocalGovStandard:TokenSigningKey"] = "emailed-link-signing-key-0123456789abcdef0123",
            ["LocalGovStandard:Reports:MaxAttachmentBytes"] = "1",
        };
    }

    private static readonly string[] Scotland = ["scotland"];
    private static readonly HttpStatusCode[] ScannerSees = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.MethodNotAllowed];

    [Fact]
    public async Task VerificationLink_ScannedThenPressed_ConfirmsTheAddress()
    {
        const string email = "scanned.browser@camden.gov.uk";
        await SignupSteps.SignUpAsync(fixture.CreateClient(), SignupSteps.Body(TestRegister.Camden, email));
        var link = fixture.VerificationLinkFor(email);
        await ScanChangesNothingAsync(link);

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = await CheckThenPressAsync(page, link, "Confirm your email address", BrowserFixture.ConfirmEmailButton);

        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Email address confirmed");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task SignInLink_ScannedThenPressed_SignsIn()
    {
        const string email = "scanned.signin@leicester.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Leicester, email);
        var link = await fixture.SignInLinkForAsync(email);
        await ScanChangesNothingAsync(link);

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var violations = await CheckThenPressAsync(page, link, "Sign in to your council's assessments", BrowserFixture.SignInButton);

        await Expect(page.Locator("h1")).ToHaveTextAsync("Your council's service assessments");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task RsvpAndUnsubscribeLinks_ScannedThenUsed_AnswerAndUnsubscribe()
    {
        var email = Assert.Single(await SummitSteps.SeedContactsAsync(fixture, TestRegister.Fife, "scanned", 1, new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero)));
        var admin = fixture.CreateAdminClient();
        var id = (await SummitSteps.CreateSummitAsync(admin, fixture.Clock, 10))["id"]!.GetValue<string>();
        await SummitSteps.SendAsync(admin, id, new { verifiedOnOrBefore = "2026-01-31", peerGroups = Scotland });
        var invitee = Assert.Single(SummitSteps.Recipients(fixture.SendGrid.Accepted), r => r.Email == email);
        var rsvp = new Uri(fixture.BaseUrl, SummitSteps.PathAndQuery(invitee.RsvpLink));
        var unsubscribe = new Uri(fixture.BaseUrl, SummitSteps.PathAndQuery(invitee.UnsubscribeLink));
        await ScanChangesNothingAsync(rsvp);
        await ScanChangesNothingAsync(unsubscribe);

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(rsvp.ToString());
        await TabToAsync(page, page.Locator("#attending"));
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send answer" }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("Your place is confirmed");

        var violations = await CheckThenPressAsync(page, unsubscribe, "Unsubscribe from emails about Standard Summits", "Unsubscribe");
        await Expect(page.Locator(".govuk-panel__title")).ToHaveTextAsync("You have unsubscribed");
        Assert.Empty(violations);
    }

    /// <summary>The download link only reads, so it has no button: scanners and people alike just get the workbook, for 14 days.</summary>
    [Fact]
    public async Task DownloadLink_ScannedThenOpened_DownloadsTheWorkbook()
    {
        var admin = fixture.CreateAdminClient();
        await ReportSteps.SetLeadsAsync(admin, "wales", "Wales", ["wales"], new ReportSteps.Lead("Wyn Wales", "wyn.scanned@wales.gov.wales"));
        await ReportSteps.RunOkAsync(admin, ReportSteps.MonthsAgo(fixture.Clock, 1), "wales");
        var message = fixture.SendGrid.Accepted.Last(m => m.To == "wyn.scanned@wales.gov.wales");
        var link = new Uri(fixture.BaseUrl, new Uri(DownloadLinkPattern().Match(message.PlainText).Value).PathAndQuery);
        await ScanChangesNothingAsync(link);

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        // As from the email: a link to the address, followed.
        await page.EvaluateAsync("href => { const a = document.createElement('a'); a.href = href; a.textContent = 'Download the workbook'; document.querySelector('main').append(a); }", link.ToString());
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the workbook" }).ClickAsync());

        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        using var book = new WorkbookReader(await File.ReadAllBytesAsync(await download.PathAsync()));
        Assert.Contains("Dashboard", book.SheetNames);
    }

    /// <summary>Opens the link's page, runs axe-core on it, then presses its button with the keyboard; the violations.</summary>
    private static async Task<IReadOnlyList<string>> CheckThenPressAsync(IPage page, Uri link, string heading, string button)
    {
        await page.GotoAsync(link.ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync(heading);
        var violations = await AxeChecks.ViolationsAsync(page, heading);
        await PressButtonAsync(page, button);
        return violations;
    }

    private async Task ScanChangesNothingAsync(Uri link)
    {
        var before = await StorageSnapshot.TakeAsync(fixture.App.Services);
        Assert.Equal(ScannerSees, await EmailedLinkSteps.ScanAsync(fixture, link));
        Assert.Empty(StorageSnapshot.Differences(before, await StorageSnapshot.TakeAsync(fixture.App.Services)));
    }

    [GeneratedRegex(@"http://localhost/reports/download\?token=[A-Za-z0-9_.-]+")]
    private static partial Regex DownloadLinkPattern();
}
