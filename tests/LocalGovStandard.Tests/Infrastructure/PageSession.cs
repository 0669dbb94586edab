using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LocalGovStandard.Tests.Infrastructure;

/// <summary>
/// A contact's browser without the browser: signs in by the emailed link, keeps cookies, and submits
/// the pages' own forms (hidden fields, antiforgery token and all) with the answers a test gives.
/// The session cookie is Secure outside Development, so the client talks https to the in-memory server.
/// </summary>
public sealed class PageSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static async Task<PageSession> SignInAsync(ServiceFixture fixture, string email)
    {
        var link = await AccessSteps.RequestLinkAsync(fixture, email);
        var session = Anonymous(fixture);
        var signedIn = await EmailedLinkSteps.OpenAndPressAsync(session.Client, link);
        if (signedIn.Location != "/assessments")
        {
            throw new InvalidOperationException($"Signing in answered {(int)signedIn.Status} {signedIn.Location}.");
        }

        return session;
    }

    public static PageSession Anonymous(ServiceFixture fixture) =>
        new(fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") }));

    public async Task<HtmlPage> GetAsync(string path) => await HtmlPage.ReadAsync(await Client.GetAsync(new Uri(path, UriKind.Relative)));

    /// <summary>Posts the page's form (the one posting to <paramref name="action"/>, else the main one) with these answers in place of its own.</summary>
    public async Task<HtmlPage> SubmitAsync(HtmlPage page, IReadOnlyDictionary<string, string>? answers = null, string? action = null)
    {
        var form = page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => action is null ? f.GetAttribute("action") != "/assessments/sign-out" : f.GetAttribute("action") == action)
            ?? throw new InvalidOperationException($"No form {action} on {page.Document.Title}");
        var fields = FieldsOf(form);
        foreach (var (name, value) in answers ?? new Dictionary<string, string>())
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(KeyValuePair.Create(name, value));
        }

        return await PostAsync(form.GetAttribute("action")!, fields);
    }

    public async Task<HtmlPage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        return await HtmlPage.ReadAsync(await Client.PostAsync(new Uri(path, UriKind.Relative), content));
    }

    /// <summary>Submits, expects a redirect, and follows it.</summary>
    public async Task<HtmlPage> SubmitAndFollowAsync(HtmlPage page, IReadOnlyDictionary<string, string>? answers = null)
    {
        var posted = await SubmitAsync(page, answers);
        if (posted.Response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Expected a redirect from {page.Document.Title}, got {(int)posted.Response.StatusCode}: {string.Join("; ", posted.ErrorMessages)}");
        }

        return await GetAsync(posted.Location!);
    }

    /// <summary>The fields a browser would post for this form, as it stands.</summary>
    public static List<KeyValuePair<string, string>> FieldsOf(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            switch (element)
            {
                case IHtmlInputElement { Type: "radio" or "checkbox" } choice when choice.IsChecked:
                    fields.Add(KeyValuePair.Create(name, choice.Value));
                    break;
                case IHtmlInputElement { Type: not ("radio" or "checkbox" or "submit") } input:
                    fields.Add(KeyValuePair.Create(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    fields.Add(KeyValuePair.Create(name, select.Value ?? ""));
                    break;
                case IHtmlTextAreaElement textarea:
                    fields.Add(KeyValuePair.Create(name, textarea.Value));
                    break;
            }
        }

        return fields;
    }
}

public sealed record HtmlPage(HttpResponseMessage Response, IHtmlDocument Document)
{
    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response) =>
        new(response, new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync()));

    public HttpStatusCode Status => Response.StatusCode;

    public string? Location => Response.Headers.Location?.OriginalString;

    public string Heading => (Document.QuerySelector("main h1") ?? throw new InvalidOperationException($"No h1 (status {(int)Status})")).TextContent.Trim();

    public IReadOnlyList<string> ErrorLinks => Document.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")!).ToList();

    public IReadOnlyList<string> ErrorMessages => Document.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim()).ToList();

    public IElement? Element(string selector) => Document.QuerySelector(selector);

    public string ValueOf(string id) => Document.GetElementById(id) switch
    {
        IHtmlInputElement input => input.Value,
        IHtmlTextAreaElement textarea => textarea.Value,
        IHtmlSelectElement select => select.Value ?? "",
        _ => throw new InvalidOperationException($"No field #{id}"),
    };
}
