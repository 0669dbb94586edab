using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Packs;

/// <summary>Content packs as the organiser makes them (the admin API) and as a lead does (the pages).</summary>
public static partial class PackSteps
{
    public static object Body(string title, params int[] points) => new
    {
        title,
        points,
        agenda = "# Welcome\n- Why it matters\n- [The Service Manual](https://www.gov.uk/service-manual)",
        exercises = "Plan a session with your team.",
    };

    public static async Task<JsonNode> CreateAsync(HttpClient admin, string group, string title, params int[] points)
    {
        var response = await admin.PostAsJsonAsync($"/api/admin/peer-groups/{group}/packs", Body(title, points));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public static async Task<JsonNode> PublishAsync(HttpClient admin, string id)
    {
        var response = await admin.PostAsync(new Uri($"/api/admin/packs/{id}/publish", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient admin, string id, string fileName, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await admin.PostAsync(new Uri($"/api/admin/packs/{id}/files", UriKind.Relative), form);
    }

    public static async Task<JsonNode> AdoptAsync(HttpClient admin, string id, string group)
    {
        var response = await admin.PostAsJsonAsync($"/api/admin/packs/{id}/adopt", new { peerGroup = group });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public static async Task<JsonNode?> OrganiserViewAsync(HttpClient admin, string id) =>
        (await admin.GetFromJsonAsync<JsonArray>("/api/admin/packs"))!.SingleOrDefault(p => p!["id"]!.GetValue<string>() == id);

    /// <summary>A lead creates a draft through the pages: the new-pack form, submitted as a browser would. Returns the pack's id.</summary>
    public static async Task<string> CreateOnPagesAsync(PageSession lead, string group, string title, params int[] points)
    {
        var form = await lead.GetAsync($"/peer-groups/{group}/packs/new");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var fields = PageSession.FieldsOf(form.Document.QuerySelector($"form[action='/peer-groups/{group}/packs/new']") as IHtmlFormElement
            ?? throw new InvalidOperationException("No new-pack form"));
        fields.RemoveAll(f => f.Key is "title" or "agenda" or "exercises");
        fields.Add(KeyValuePair.Create("title", title));
        fields.Add(KeyValuePair.Create("agenda", "# Plan\n- Introductions"));
        fields.AddRange(points.Select(p => KeyValuePair.Create("points", p.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        var created = await lead.PostAsync($"/peer-groups/{group}/packs/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        return created.Location!.Split('?')[0].Split('/')[^1];
    }

    /// <summary>Posts the edit page's upload form (antiforgery token and all) as multipart, with this file.</summary>
    public static async Task<HtmlPage> UploadOnPagesAsync(PageSession lead, string group, string id, string fileName, byte[] bytes)
    {
        var page = await lead.GetAsync($"/peer-groups/{group}/packs/{id}");
        var action = $"/peer-groups/{group}/packs/{id}/files";
        var form = page.Document.QuerySelector($"form[action='{action}']") as IHtmlFormElement ?? throw new InvalidOperationException("No upload form");
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in PageSession.FieldsOf(form).Where(f => f.Key != "file"))
        {
            content.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", fileName);
        return await HtmlPage.ReadAsync(await lead.Client.PostAsync(new Uri(action, UriKind.Relative), content));
    }
}
