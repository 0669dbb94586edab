using System.Globalization;
using System.Net;
using LocalGovStandard.Essentials;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Essentials;

/// <summary>
/// The accessibility statement, privacy notice and cookies page, the footer and phase banner on every page, and the
/// error pages, with the contact settings (and the retention settings the privacy notice states) changed from their defaults.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class EssentialPagesTests(EssentialPagesTests.Fixture fixture) : IClassFixture<EssentialPagesTests.Fixture>
{
    public const string ContactEmail = "help@standard.example.gov.uk";
    public const string FeedbackUrl = "https://forms.example.gov.uk/standard-feedback";

    public sealed class Fixture : ServiceFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["LocalGovStandard:Contact:Email"] = ContactEmail,
            ["LocalGovStandard:Contact:FeedbackUrl"] = FeedbackUrl,
            ["LocalGovStandard:Essentials:DataController"] = "Example Digital Ltd",
            ["LocalGovStandard:Essentials:BackupDailyRetentionDays"] = "41",
            ["LocalGovStandard:Essentials:BackupMonthlyRetentionDays"] = "400",
            ["LocalGovStandard:UnverifiedRetention"] = "45.00:00:00",
            ["LocalGovStandard:VerificationLinkLifetime"] = "2.00:00:00",
        };
    }

    public static readonly TheoryData<string, string> EssentialPages = new()
    {
        { "/accessibility", "Accessibility statement" },
        { "/privacy", "Privacy notice" },
        { "/cookies", "Cookies" },
    };

    [Theory]
    [MemberData(nameof(EssentialPages))]
    public async Task EachEssentialPage_IsLinkedFromTheFooter_AndTitledWithTheService(string path, string title)
    {
        var start = await PageSession.Anonymous(fixture).GetAsync("/");
        var footerLink = start.Document.QuerySelectorAll("footer a").Single(a => a.GetAttribute("href") == path);

        var page = await PageSession.Anonymous(fixture).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"{title} - {GovukPage.ServiceName}", page.Document.Title);
        Assert.StartsWith(footerLink.TextContent, title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPage_HasTheContactInItsFooter_AndTheConfiguredFeedbackLinkInItsPhaseBanner()
    {
        var page = await PageSession.Anonymous(fixture).GetAsync("/signup");

        var contact = page.Document.QuerySelectorAll("footer a").Single(a => a.GetAttribute("href") == "mailto:" + ContactEmail);
        Assert.Equal(ContactEmail, contact.TextContent);
        var feedback = page.Element(".govuk-phase-banner a")!;
        Assert.Equal(FeedbackUrl, feedback.GetAttribute("href"));
        Assert.Equal("Tell LocalGov Digital what you think of it", feedback.TextContent);
    }

    [Fact]
    public async Task AccessibilityStatement_FollowsTheModel_PartiallyCompliant_WithEnforcementAndReviewDate()
    {
        var page = await PageSession.Anonymous(fixture).GetAsync("/accessibility");
        var text = page.Document.Body!.TextContent;

        Assert.Contains("partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard", page.Element("#compliance-status")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.Document.QuerySelectorAll("#known-issues li"));
        Assert.Contains("Equality and Human Rights Commission (EHRC)", text, StringComparison.Ordinal);
        Assert.Contains("Equality Advisory and Support Service (EASS)", text, StringComparison.Ordinal);
        Assert.Contains("Equality Commission for Northern Ireland", text, StringComparison.Ordinal);
        Assert.Contains("axe-core", text, StringComparison.Ordinal);
        Assert.Contains($"last reviewed on {EssentialsOptions.AccessibilityReviewedDefault.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}", page.Element("#last-reviewed")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.Document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "mailto:" + ContactEmail);
    }

    [Fact]
    public async Task PrivacyNotice_NamesTheController_AndStatesTheConfiguredRetentionAndProcessors()
    {
        var page = await PageSession.Anonymous(fixture).GetAsync("/privacy");
        var retention = page.Element("#retention")!.TextContent;

        Assert.StartsWith("Example Digital Ltd is the data controller", page.Element("#controller")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("deleted 45 days after its confirmation link expires (the link works for 48 hours)", retention, StringComparison.Ordinal);
        Assert.Contains("for 41 days", retention, StringComparison.Ordinal);
        Assert.Contains("kept for 400 days", retention, StringComparison.Ordinal);
        Assert.Contains("Microsoft Azure", page.Element("#processors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("SendGrid", page.Element("#processors")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(ContactEmail, page.Element("#requests")!.TextContent, StringComparison.Ordinal);
        foreach (var basis in new[] { "Article 6(1)(f)", "Article 6(1)(a)", "Article 9(2)(a)" })
        {
            Assert.Contains(basis, page.Document.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CookiesPage_SaysTheyAreAllEssential_SoThereIsNoBanner()
    {
        var page = await PageSession.Anonymous(fixture).GetAsync("/cookies");

        Assert.Contains("there is no cookie banner", page.Document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("30 minutes without using the service", page.Element("#cookie-list")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Element(".govuk-cookie-banner"));
    }

    [Fact]
    public async Task UnknownPage_IsGovukPageNotFound_WithTheContact_WhileTheApiKeepsProblemDetails()
    {
        var session = PageSession.Anonymous(fixture);
        session.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        var page = await session.GetAsync("/no-such-page");
        var api = await fixture.CreateClient().GetAsync(new Uri("/api/no-such-route", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal($"Page not found - {GovukPage.ServiceName}", page.Document.Title);
        Assert.Equal("Page not found", page.Heading);
        Assert.Contains("If the web address is correct or you selected a link or button, email " + ContactEmail, page.Element("#error-contact")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WrongMethodOnAPage_IsSorryThereIsAProblem_WithTheContact()
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, "/signup");
        request.Headers.Accept.ParseAdd("text/html");

        var page = await HtmlPage.ReadAsync(await fixture.CreateClient().SendAsync(request));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, page.Status);
        Assert.Equal($"Sorry, there is a problem with the service - {GovukPage.ServiceName}", page.Document.Title);
        Assert.Contains("If you need help, email " + ContactEmail, page.Element("#error-contact")!.TextContent, StringComparison.Ordinal);
    }
}
