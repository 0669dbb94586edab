using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>Gets a verified contact a session the way a person does: sign up, verify, ask for a link, use it (open it and press its button).</summary>
public static partial class AccessSteps
{
    public static async Task VerifiedContactAsync(ServiceFixture fixture, TestCouncil council, string email)
    {
        var client = fixture.CreateClient();
        await SignupSteps.SignUpAsync(client, SignupSteps.Body(council, email));
        var verified = await SignupSteps.VerifyAsync(client, fixture.SendGrid, email);
        verified.Response.EnsureSuccessStatusCode();
    }

    /// <summary>Posts the /assessments/start form (with its antiforgery token) and returns the emailed link.</summary>
    public static async Task<Uri> RequestLinkAsync(ServiceFixture fixture, string email)
    {
        var client = fixture.CreateClient();
        var formResponse = await client.GetAsync(new Uri("/assessments/start", UriKind.Relative));
        var form = new HtmlParser().ParseDocument(await formResponse.Content.ReadAsStringAsync());
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var request = new HttpRequestMessage(HttpMethod.Post, "/assessments/start")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = email, ["__RequestVerificationToken"] = token }),
        };
        foreach (var cookie in formResponse.Headers.GetValues("Set-Cookie"))
        {
            request.Headers.Add("Cookie", cookie.Split(';')[0]);
        }

        var before = fixture.SendGrid.Accepted.Count;
        var response = await client.SendAsync(request);
        // In memory the redirect is answered as is; on Kestrel (the browser fixture) the client follows it.
        var landedOn = response.Headers.Location?.OriginalString ?? response.RequestMessage?.RequestUri?.AbsolutePath;
        if (!landedOn?.EndsWith("/check-email", StringComparison.Ordinal) ?? true)
        {
            throw new InvalidOperationException($"Asking for a link answered {(int)response.StatusCode} at {landedOn}.");
        }

        return LinkIn(fixture.SendGrid.Accepted.Skip(before).Last(m => string.Equals(m.To, email, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The newest sign-in link emailed to this address, however it was asked for.</summary>
    public static Uri LatestLink(ServiceFixture fixture, string email) =>
        LinkIn(fixture.SendGrid.Accepted.Last(m => string.Equals(m.To, email, StringComparison.OrdinalIgnoreCase)));

    private static Uri LinkIn(CapturedRequest message) => new(LinkPattern().Match(message.PlainText).Value);

    public static string TokenOf(Uri link) => link.Query[(link.Query.IndexOf('=', StringComparison.Ordinal) + 1)..];

    /// <summary>A client whose requests carry a bearer token for a fresh session of this contact.</summary>
    public static async Task<HttpClient> BearerClientAsync(ServiceFixture fixture, string email)
    {
        var link = await RequestLinkAsync(fixture, email);
        var client = fixture.CreateClient();
        var response = await client.PostAsJsonAsync("/api/access/token", new { token = TokenOf(link) });
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var accessToken = body["accessToken"]!.GetValue<string>();
        SuiteLogs.Secret(accessToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    [GeneratedRegex(@"http://localhost/assessments/access\?token=[A-Za-z0-9_.-]+")]
    private static partial Regex LinkPattern();
}
