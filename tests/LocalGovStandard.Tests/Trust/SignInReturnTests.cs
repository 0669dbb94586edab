using System.Net;
using LocalGovStandard.Access;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Trust;

/// <summary>
/// A contact sent to sign in from one of their pages gets back to it: through the emailed link, opened on another
/// device, or straight away when already signed in. A crafted return address never sends anyone off the service.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SignInReturnTests(TrustFixture fixture) : IClassFixture<TrustFixture>
{
    private const string Deep = "/assessments/assessor-profile";

    public static TheoryData<string> Crafted =>
    [
        "https://evil.example/assessments",
        "//evil.example/assessments",
        "/\\evil.example/assessments",
        "/\t/evil.example/assessments",
        "/assessments/start",
        "/assessments/access?token=x",
        "/organiser",
    ];

    [Fact]
    public async Task ASignedOutContact_OpeningTheirPage_IsSentToSignIn_AndTheEmailedLinkOnAnotherDevice_ReturnsThemThere()
    {
        var laptop = PageSession.Anonymous(fixture);

        var challenged = await laptop.GetAsync(Deep);
        Assert.Equal(HttpStatusCode.Redirect, challenged.Status);
        var signInPage = new Uri(challenged.Location!);
        Assert.Equal(("localhost", "/assessments/start"), (signInPage.Host, signInPage.AbsolutePath));
        var start = await laptop.GetAsync(signInPage.PathAndQuery);
        Assert.Equal(Deep, start.Element("form[action='/assessments/start'] input[name=returnUrl]")?.GetAttribute("value"));
        var asked = await laptop.SubmitAsync(start, new Dictionary<string, string> { ["email"] = TrustFixture.WestminsterLead });
        Assert.Equal("/assessments/start/check-email", asked.Location);

        var phone = PageSession.Anonymous(fixture);
        var signedIn = await EmailedLinkSteps.OpenAndPressAsync(phone.Client, AccessSteps.LatestLink(fixture, TrustFixture.WestminsterLead));

        Assert.Equal(Deep, signedIn.Location);
        var page = await phone.GetAsync(Deep);
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task AFormPostedAfterTheSessionEnded_SendsThemToSignIn_WithNoPageToComeBackTo()
    {
        var session = PageSession.Anonymous(fixture);

        var posted = await session.PostAsync(Deep, [KeyValuePair.Create("name", "Ada")]);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.Equal("/assessments/start", posted.Location);
    }

    [Theory]
    [MemberData(nameof(Crafted))]
    public async Task ACraftedReturnAddress_IsNotCarried_AndSigningInLandsOnTheirAssessments(string returnUrl)
    {
        var session = PageSession.Anonymous(fixture);

        var start = await session.GetAsync(StartPage(returnUrl));
        Assert.Equal(HttpStatusCode.OK, start.Status);
        Assert.Null(start.Element("input[name=returnUrl]"));
        var asked = await session.SubmitAsync(start, new Dictionary<string, string> { ["email"] = TrustFixture.WestminsterLead, ["returnUrl"] = returnUrl });
        Assert.Equal("/assessments/start/check-email", asked.Location);
        var signedIn = await EmailedLinkSteps.OpenAndPressAsync(session.Client, AccessSteps.LatestLink(fixture, TrustFixture.WestminsterLead));

        Assert.Equal(ContactReturnPaths.Home, signedIn.Location);
    }

    [Fact]
    public async Task TheLongestReturnPathKept_WithTheCharactersThatGrowMostWhenSigned_StillMakesAWorkingLink()
    {
        var longest = "/assessments?" + new string('&', 200 - "/assessments?".Length);
        var session = PageSession.Anonymous(fixture);
        var start = await session.GetAsync(StartPage(longest));
        Assert.Equal(longest, start.Element("input[name=returnUrl]")?.GetAttribute("value"));

        var asked = await session.SubmitAsync(start, new Dictionary<string, string> { ["email"] = TrustFixture.WestminsterLead });
        Assert.Equal("/assessments/start/check-email", asked.Location);
        var signedIn = await EmailedLinkSteps.OpenAndPressAsync(PageSession.Anonymous(fixture).Client, AccessSteps.LatestLink(fixture, TrustFixture.WestminsterLead));

        Assert.Equal(longest, signedIn.Location);
    }

    [Fact]
    public async Task ASignedInContact_SentToSignIn_GoesStraightOn_ButNeverOffTheService()
    {
        var session = await PageSession.SignInAsync(fixture, TrustFixture.WestminsterLead);

        var onward = await session.GetAsync(StartPage(Deep));
        var elsewhere = await session.GetAsync(StartPage("//evil.example/"));

        Assert.Equal(Deep, onward.Location);
        Assert.Equal(ContactReturnPaths.Home, elsewhere.Location);
    }

    [Fact]
    public async Task TheCheckEmailPage_SaysHowLongTheLinkWorks_AndThatAnyOfSeveralLinksWorksOnce()
    {
        var page = await PageSession.Anonymous(fixture).GetAsync("/assessments/start/check-email");

        var text = page.Element("main")!.TextContent;
        Assert.Contains("expires in 30 minutes", text, StringComparison.Ordinal);
        Assert.Contains("use any of the links: signing in with one stops the others working", text, StringComparison.Ordinal);
    }

    private static string StartPage(string returnUrl) => "/assessments/start?returnUrl=" + Uri.EscapeDataString(returnUrl);
}
