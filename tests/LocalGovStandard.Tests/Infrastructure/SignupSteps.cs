using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>Steps tests share: sign up through the API, find the link SendGrid was asked to deliver, and use it.</summary>
public static partial class SignupSteps
{
    public static object Body(TestCouncil council, string email, string name = "Ada Lovelace", bool consentToPublish = false) => new
    {
        councilCode = council.GssCode,
        contactName = name,
        contactEmail = email,
        jobTitle = "Head of Digital",
        adoptionRoute = "digital-strategy",
        consentToContact = true,
        consentToPublish,
    };

    public static async Task<(HttpResponseMessage Response, JsonNode Body)> SignUpAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/signups", body);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? new JsonObject();
        return (response, json);
    }

    /// <summary>The verification link in the latest message SendGrid accepted for this address.</summary>
    public static Uri LatestVerificationLink(SendGridCaptureServer sendGrid, string email)
    {
        var message = sendGrid.Accepted.Last(r => string.Equals(r.To, email, StringComparison.OrdinalIgnoreCase));
        return new Uri(LinkPattern().Match(message.PlainText).Value);
    }

    public static string PathAndQuery(Uri link) => link.PathAndQuery;

    /// <summary>The sign-up's reference, which only the email gives (the API and page answer the same for everyone).</summary>
    public static string ReferenceFor(SendGridCaptureServer sendGrid, string email) =>
        ReferenceIn(sendGrid.Accepted.Last(r => string.Equals(r.To, email, StringComparison.OrdinalIgnoreCase)).PlainText);

    public static string ReferenceIn(string emailText) => ReferencePattern().Match(emailText).Value;

    /// <summary>Verifies the address as its owner does: opens the latest emailed link and presses its button.</summary>
    public static Task<HtmlPage> VerifyAsync(HttpClient client, SendGridCaptureServer sendGrid, string email) =>
        EmailedLinkSteps.OpenAndPressAsync(client, LatestVerificationLink(sendGrid, email));

    /// <summary>Opens a given emailed verification link as the person does (its page, then its button), and checks it confirmed the address.</summary>
    public static async Task ConfirmAsync(ServiceFixture fixture, Uri link)
    {
        var page = await EmailedLinkSteps.OpenAndPressAsync(fixture.CreateClient(), link);
        page.Response.EnsureSuccessStatusCode();
    }

    [GeneratedRegex("LGS-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"http://localhost/signup/verify\?token=[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
