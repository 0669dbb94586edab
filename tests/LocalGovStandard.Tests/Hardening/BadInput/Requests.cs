using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>Ways to send a bad request: raw JSON, a page's own form with fields changed, or any content at all.</summary>
public static class Requests
{
    private const string Placeholder = "\"__bad_value__\"";

    /// <summary><paramref name="valid"/> with <paramref name="field"/> set to the raw JSON <paramref name="value"/> (or removed when null).</summary>
    public static string JsonWith(JsonObject valid, string field, string? value)
    {
        var body = valid.DeepClone().AsObject();
        if (value is null)
        {
            body.Remove(field);
            return body.ToJsonString();
        }

        body[field] = Placeholder.Trim('"');
        return body.ToJsonString().Replace(Placeholder, value, StringComparison.Ordinal);
    }

    public static Func<BadInputFixture, Task<HttpResponseMessage>> Content(
        HttpMethod method, Func<BadInputFixture, string> path, Func<HttpContent?> content,
        Func<BadInputFixture, HttpClient>? client = null, Func<BadInputFixture, string?>? ifMatch = null) =>
        fixture =>
        {
            var request = new HttpRequestMessage(method, path(fixture)) { Content = content() };
            if (ifMatch?.Invoke(fixture) is { } etag)
            {
                request.Headers.TryAddWithoutValidation("If-Match", etag);
            }

            return (client?.Invoke(fixture) ?? fixture.CreateClient()).SendAsync(request);
        };

    public static Func<BadInputFixture, Task<HttpResponseMessage>> Json(
        HttpMethod method, Func<BadInputFixture, string> path, string json,
        Func<BadInputFixture, HttpClient>? client = null, Func<BadInputFixture, string?>? ifMatch = null) =>
        Content(method, path, () => new StringContent(json, Encoding.UTF8, "application/json"), client, ifMatch);

    /// <summary>Opens <paramref name="page"/>, takes the form posting to <paramref name="action"/> (else the main one) as a browser would fill it, changes it, and posts it.</summary>
    public static Func<BadInputFixture, Task<HttpResponseMessage>> Form(
        Func<BadInputFixture, PageSession> session, Func<BadInputFixture, string> page, Action<List<KeyValuePair<string, string>>> change, Func<BadInputFixture, string?> action) =>
        async fixture =>
        {
            var (client, form) = await OpenFormAsync(session(fixture), page(fixture), action(fixture));
            var fields = PageSession.FieldsOf(form);
            change(fields);
            return await PostAsBrowserAsync(client, form, new FormUrlEncodedContent(fields));
        };

    /// <summary>Opens the page (so the client holds its antiforgery cookie) and posts other content to the form's action.</summary>
    public static Func<BadInputFixture, Task<HttpResponseMessage>> FormAction(
        Func<BadInputFixture, PageSession> session, Func<BadInputFixture, string> page, Func<IHtmlFormElement, HttpContent> content, Func<BadInputFixture, string?> action) =>
        async fixture =>
        {
            var (client, form) = await OpenFormAsync(session(fixture), page(fixture), action(fixture));
            return await PostAsBrowserAsync(client, form, content(form));
        };

    private static Task<HttpResponseMessage> PostAsBrowserAsync(HttpClient client, IHtmlFormElement form, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(form.GetAttribute("action")!, UriKind.Relative)) { Content = content };
        request.Headers.Accept.ParseAdd("text/html");
        return client.SendAsync(request);
    }

    private static async Task<(HttpClient Client, IHtmlFormElement Form)> OpenFormAsync(PageSession session, string page, string? action)
    {
        var html = await session.Client.GetStringAsync(new Uri(page, UriKind.Relative));
        var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelectorAll(action is null ? "main form" : "form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => action is null ? f.GetAttribute("action") != "/assessments/sign-out" : f.GetAttribute("action") == action)
            ?? throw new InvalidOperationException($"No form {action} on {page}: {document.Title}");
        return (session.Client, form);
    }

    public static void Set(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(KeyValuePair.Create(name, value));
    }

    public static void Remove(this List<KeyValuePair<string, string>> fields, string name) => fields.RemoveAll(f => f.Key == name);

    public const string AntiforgeryField = "__RequestVerificationToken";

    /// <summary>A multipart body whose boundary never appears: the parser cannot read it.</summary>
    public static HttpContent MalformedMultipart()
    {
        var content = new StringContent("--wrong\r\nContent-Disposition: form-data; name=\"contactName\"\r\n\r\nAda\r\n--wrong", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=expected");
        return content;
    }

    /// <summary>A form body over the 1 MB request limit.</summary>
    public static HttpContent HugeForm(List<KeyValuePair<string, string>> fields, string field, Action<List<KeyValuePair<string, string>>>? alongside)
    {
        alongside?.Invoke(fields);
        fields.Set(field, new string('x', 1_200_000));
        return new FormUrlEncodedContent(fields);
    }

    public static HttpContent Text(string text, string mediaType) => new StringContent(text, Encoding.UTF8, mediaType);
}
