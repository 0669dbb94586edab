using System.Net;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// Markup and odd Unicode that the rules accept (a name may contain "&lt;", Arabic, emoji) come
/// back as text, never as markup, in pages and emails. Workbooks: formula-like text stays text,
/// shown by Reports/WorkbookContentTests.FormulaLookingInput_IsStoredAsText and
/// Summits/SummitRsvpTests (the attendee workbook).
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AcceptedInputEscapingTests(AcceptedInputEscapingTests.Fixture fixture) : IClassFixture<AcceptedInputEscapingTests.Fixture>
{
    private const string MarkupName = "<script>alert('x')</script> Ada عربي 😀 e\u0301";
    private const string MarkupService = "<img src=x onerror=alert(1)> Bins & \"recycling\"";

    public sealed class Fixture : RegisteredServiceFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["LocalGovStandard:TokenSigningKey"] = "escaping-signing-key-0123456789abcdef0123456",
        };
    }

    [Fact]
    public async Task AcceptedMarkupInAName_IsTextInTheVerificationEmail()
    {
        var email = "markup@camden.gov.uk";
        var (response, _) = await SignupSteps.SignUpAsync(fixture.CreateClient(), SignupSteps.Body(TestRegister.Camden, email, name: MarkupName));
        var message = fixture.SendGrid.Accepted.Last(r => r.To == email);
        var html = message.Html;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains(MarkupName.Normalize(System.Text.NormalizationForm.FormC), message.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkupInARefusedForm_IsShownBackAsTheFieldsValue_NotAsMarkup()
    {
        var session = PageSession.Anonymous(fixture);
        var form = await session.GetAsync("/signup");

        var page = await session.SubmitAsync(form, new Dictionary<string, string> { ["contactName"] = MarkupName, ["contactEmail"] = "not-an-address" });
        var raw = await page.Response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.DoesNotContain("<script>alert", raw, StringComparison.Ordinal);
        Assert.Equal(MarkupName, page.ValueOf("contactName"));
    }

    [Fact]
    public async Task AcceptedMarkupInAServiceName_IsTextOnTheListPage_AndInTheSubmissionEmail()
    {
        const string contact = "lead@birmingham.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Birmingham, contact);
        var api = await AccessSteps.BearerClientAsync(fixture, contact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(api, AssessmentSteps.SelfDetails("lgdss-2016", MarkupService));
        etag = await AssessmentSteps.RateAllAsync(api, reference, etag, _ => "met", 15);
        await AssessmentSteps.SubmitAsync(api, reference, etag);
        var pages = await PageSession.SignInAsync(fixture, contact);

        var list = await pages.GetAsync("/assessments");
        var raw = await list.Response.Content.ReadAsStringAsync();
        var submitted = fixture.SendGrid.Accepted.Last(r => r.To == contact && r.Subject.Contains(reference, StringComparison.Ordinal));

        Assert.DoesNotContain("<img src=x", raw, StringComparison.Ordinal);
        Assert.Contains(MarkupService, list.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", submitted.Html, StringComparison.Ordinal);
        Assert.Contains(MarkupService, submitted.PlainText, StringComparison.Ordinal);
    }
}
