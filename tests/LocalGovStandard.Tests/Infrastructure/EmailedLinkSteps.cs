using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// What happens to an emailed link: a mail scanner opens it (GET twice and HEAD, no cookies), and a person opens it
/// and presses its one button, which posts the form (token and antiforgery token) back like a browser.
/// </summary>
public static class EmailedLinkSteps
{
    /// <summary>Opens the link in <paramref name="client"/> (which keeps cookies) and presses its button; the answer to the POST.</summary>
    public static async Task<HtmlPage> OpenAndPressAsync(HttpClient client, Uri link)
    {
        var page = await HtmlPage.ReadAsync(await client.GetAsync(Relative(link)));
        var form = page.Document.QuerySelector("main form") as IHtmlFormElement
            ?? throw new InvalidOperationException($"The link's page has no button: {(int)page.Status} {page.Document.QuerySelector("h1")?.TextContent.Trim()}");
        using var content = new FormUrlEncodedContent(PageSession.FieldsOf(form));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(form.GetAttribute("action")!, UriKind.Relative)) { Content = content };
        request.Headers.Accept.ParseAdd("text/html");
        return await HtmlPage.ReadAsync(await client.SendAsync(request));
    }

    /// <summary>The same with a new client of the fixture (cookies kept, redirects not followed).</summary>
    public static Task<HtmlPage> OpenAndPressAsync(ServiceFixture fixture, Uri link) => OpenAndPressAsync(fixture.CreateClient(), link);

    /// <summary>
    /// Login CSRF, as another site would try it: the link's token posted to the button's action from a client that never
    /// opened the page (no antiforgery cookie or token), and from one that did but sends a forged antiforgery token.
    /// </summary>
    public static async Task<IReadOnlyList<HtmlPage>> PressWithoutValidAntiforgeryAsync(ServiceFixture fixture, Uri link, string action)
    {
        var token = new KeyValuePair<string, string>("token", Uri.UnescapeDataString(link.Query[(link.Query.IndexOf('=', StringComparison.Ordinal) + 1)..]));
        using var crossSite = new FormUrlEncodedContent([token]);
        var fromElsewhere = await HtmlPage.ReadAsync(await fixture.CreateClient().PostAsync(new Uri(action, UriKind.Relative), crossSite));

        var opened = fixture.CreateClient();
        (await opened.GetAsync(Relative(link))).EnsureSuccessStatusCode();
        using var forged = new FormUrlEncodedContent([token, KeyValuePair.Create("__RequestVerificationToken", "CfDJ8Forged" + new string('A', 80))]);
        var withForgedToken = await HtmlPage.ReadAsync(await opened.PostAsync(new Uri(action, UriKind.Relative), forged));
        return [fromElsewhere, withForgedToken];
    }

    /// <summary>As a link scanner does: GET twice and HEAD, each from a client without cookies. The statuses, in order.</summary>
    public static async Task<IReadOnlyList<HttpStatusCode>> ScanAsync(ServiceFixture fixture, Uri link)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Get, HttpMethod.Head })
        {
            using var scanner = fixture.App.CreateClient(new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false, HandleCookies = false, BaseAddress = fixture.App.ClientOptions.BaseAddress,
            });
            using var response = await scanner.SendAsync(new HttpRequestMessage(method, Relative(link)));
            _ = await response.Content.ReadAsByteArrayAsync();
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    public static Uri Relative(Uri link) => link.IsAbsoluteUri ? new Uri(link.PathAndQuery, UriKind.Relative) : link;
}
