using System.Net;
using System.Text;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Organiser;

namespace LocalGovStandard.Tests.Trust;

/// <summary>The organiser does the approval work in the console: those waiting, a contact's standing, councils' domains, all audited.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ConsoleTrustTests(TrustFixture fixture) : IClassFixture<TrustFixture>
{
    [Fact]
    public async Task Approvals_ListsThoseWaiting_AndApprovesTheSelected_AddingTheirDomain()
    {
        var since = fixture.Clock.GetUtcNow();
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, "one@camden-partners.gov.uk");
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Camden, "two@camden-partners.gov.uk");
        var session = await ConsoleSteps.SignInAsync(fixture);
        var page = await session.GetAsync("/organiser/approvals");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var first = page.Document.QuerySelectorAll("input[name=contact]").Single(i => i.ParentElement!.TextContent.Contains("one@camden-partners.gov.uk", StringComparison.Ordinal));
        Assert.Contains("camden.gov.uk", first.ParentElement!.TextContent, StringComparison.Ordinal);

        var nothing = await session.SubmitAsync(page, new Dictionary<string, string> { ["action"] = "approve" });
        Assert.Equal(HttpStatusCode.BadRequest, nothing.Status);
        Assert.Equal(["#contact"], nothing.ErrorLinks);

        var done = await session.SubmitAsync(page, new Dictionary<string, string>
        {
            ["action"] = "approve", ["contact"] = first.GetAttribute("value")!, ["addDomain"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Contains("2 people were approved", done.Document.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Their councils' domains now include camden-partners.gov.uk.", done.Document.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("verified", await TrustSteps.StatusAsync(fixture, TestRegister.Camden, "one@camden-partners.gov.uk"));
        Assert.Equal("verified", await TrustSteps.StatusAsync(fixture, TestRegister.Camden, "two@camden-partners.gov.uk"));
        var audit = await ConsoleSteps.AuditAsync(fixture);
        Assert.Equal(2, audit.Count(a => a.At >= since && a.Action == "contact.approved" && a.Actor == "organiser:console"));
        await ConsoleSteps.AssertAuditedAsync(fixture, since, "council.domains-changed", $"council:{TestRegister.Camden.GssCode}");
    }

    [Fact]
    public async Task ApproveEveryone_ClearsTheList()
    {
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Leicester, "all-one@leicester-partners.gov.uk");
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, "all-two@brum-partners.gov.uk");
        var session = await ConsoleSteps.SignInAsync(fixture);
        var page = await session.GetAsync("/organiser/approvals");

        var done = await session.SubmitAsync(page, new Dictionary<string, string> { ["action"] = "approve-all" });

        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.NotNull(done.Element("#nobody-waiting"));
        Assert.Equal("verified", await TrustSteps.StatusAsync(fixture, TestRegister.Birmingham, "all-two@brum-partners.gov.uk"));
    }

    [Fact]
    public async Task ContactPage_WithdrawsAnApproval_AndSignsAPersonOutEverywhere()
    {
        const string email = "standing@westminster.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, email);
        var reference = await TrustSteps.ReferenceAsync(fixture, TestRegister.Westminster, email);
        var bearer = await AccessSteps.BearerClientAsync(fixture, email);
        var session = await ConsoleSteps.SignInAsync(fixture);
        var path = $"/organiser/contacts/{TestRegister.Westminster.GssCode}/{reference}";

        var signedOut = await session.SubmitAsync(await session.GetAsync(path), new Dictionary<string, string> { ["action"] = "sign-out" });
        Assert.Contains("signed out everywhere", signedOut.Document.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync(new Uri("/api/assessments", UriKind.Relative))).StatusCode);

        var withdrawn = await session.SubmitAsync(await session.GetAsync(path), new Dictionary<string, string> { ["action"] = "decline" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.Status);
        Assert.Equal("declined", await TrustSteps.StatusAsync(fixture, TestRegister.Westminster, email));
        var approveAgain = (await session.GetAsync(path)).Document.QuerySelector("button[value=approve]");
        Assert.NotNull(approveAgain);
    }

    [Fact]
    public async Task CouncilDomains_AreChangedOnTheirPage_WithErrorsThatNameTheProblem()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var found = await session.GetAsync($"/organiser/domains/council?gssCode={TestRegister.Cardiff.GssCode}");
        Assert.Equal($"/organiser/domains/{TestRegister.Cardiff.GssCode}", found.Location);
        var page = await session.GetAsync(found.Location!);
        Assert.Contains("cardiff.gov.wales", page.Document.QuerySelector("textarea#domains")!.TextContent, StringComparison.Ordinal);

        var refused = await session.SubmitAsync(page, new Dictionary<string, string> { ["domains"] = "cardiff.gov.wales\ngov.uk" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["#domains"], refused.ErrorLinks);

        var saved = await session.SubmitAsync(page, new Dictionary<string, string> { ["domains"] = "cardiff.gov.wales\ncaerdydd.gov.wales" });
        Assert.Contains("1 added, 1 removed", saved.Document.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DomainsImport_FromAFile_ReportsAddedAndRejectedLines()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var page = await session.GetAsync("/organiser/domains");
        var token = page.Document.QuerySelector("form[action='/organiser/domains'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("gssCode,domain\nE06000016,leicester-city.gov.uk\nE99999999,x.gov.uk\n")), "domains", "domains.csv" },
        };

        var result = await HtmlPage.ReadAsync(await session.Client.PostAsync(new Uri("/organiser/domains", UriKind.Relative), upload));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("1", result.Element("#added")!.TextContent.Trim());
        Assert.Contains("1 line was not imported", result.Document.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Single(result.Document.QuerySelectorAll("#line-errors tbody tr"));
    }
}
