using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Assessments;

/// <summary>Evidence on the point page: upload and remove keep what was typed, and errors use the GOV.UK error summary.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class EvidencePagesTests(AssessmentFixture fixture) : IClassFixture<AssessmentFixture>
{
    [Fact]
    public async Task Upload_ListsTheFile_KeepsTheUnsavedAnswers_AndSaveStillWorks()
    {
        var (session, reference) = await DraftAsync("Evidence page");
        var page = await session.GetAsync($"/assessments/{reference}/points/1");

        var uploaded = await PostPointFormAsync(session, page, "upload", new() { ["rating"] = "not-met", ["notes"] = "Typed, not saved" },
            ("research plan.txt", "text/plain", Encoding.UTF8.GetBytes("Discovery interviews with 12 residents")));

        Assert.Equal(HttpStatusCode.OK, uploaded.Status);
        Assert.Contains("research plan.txt was uploaded", uploaded.Element(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("research plan.txt", uploaded.Element(".govuk-summary-list a[download]")!.TextContent.Trim());
        Assert.Equal("Typed, not saved", uploaded.ValueOf("notes"));
        Assert.Equal("not-met", uploaded.Document.QuerySelectorAll("input[name=rating]").OfType<IHtmlInputElement>().Single(r => r.IsChecked).Value);
        var download = await session.Client.GetAsync(new Uri(uploaded.Element(".govuk-summary-list a[download]")!.GetAttribute("href")!, UriKind.Relative));
        Assert.Equal("Discovery interviews with 12 residents", await download.Content.ReadAsStringAsync());

        var saved = await session.SubmitAsync(uploaded, new Dictionary<string, string> { ["rating"] = "met" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var reloaded = await session.GetAsync($"/assessments/{reference}/points/1");
        Assert.Equal("Typed, not saved", reloaded.ValueOf("notes"));
        Assert.Single(reloaded.Document.QuerySelectorAll(".govuk-summary-list a[download]"));
    }

    [Fact]
    public async Task Upload_OfTheWrongType_ShowsTheErrorSummaryLinkedToTheFileInput_AndStoresNothing()
    {
        var (session, reference) = await DraftAsync("Wrong evidence");
        var page = await session.GetAsync($"/assessments/{reference}/points/2");

        var refused = await PostPointFormAsync(session, page, "upload", [], ("setup.pdf", "application/pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03]));
        var none = await PostPointFormAsync(session, page, "upload", [], null);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(["#file"], refused.ErrorLinks);
        Assert.Contains("must be a PDF", refused.ErrorMessages[0], StringComparison.Ordinal);
        Assert.Equal("Select a file to upload", Assert.Single(none.ErrorMessages));
        Assert.Empty((await session.GetAsync($"/assessments/{reference}/points/2")).Document.QuerySelectorAll(".govuk-summary-list a[download]"));
    }

    [Fact]
    public async Task Remove_TakesTheFileOffThePoint()
    {
        var (session, reference) = await DraftAsync("Remove evidence");
        var page = await session.GetAsync($"/assessments/{reference}/points/3");
        var uploaded = await PostPointFormAsync(session, page, "upload", [], ("notes.csv", "text/csv", Encoding.UTF8.GetBytes("a,b\n1,2\n")));
        var removeButton = uploaded.Element("button[value^='remove:']")!;

        var removed = await PostPointFormAsync(session, uploaded, removeButton.GetAttribute("value")!, [], null);

        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.Contains("The file was removed", removed.Element(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(removed.Document.QuerySelectorAll(".govuk-summary-list a[download]"));
    }

    [Fact]
    public async Task CheckAnswers_AndTheSubmittedAssessment_ListThePointsFiles_WithWorkingDownloadLinks()
    {
        var (session, reference) = await DraftAsync("Evidence kept on show");
        var page = await session.GetAsync($"/assessments/{reference}/points/4");
        await PostPointFormAsync(session, page, "upload", [], ("survey results.csv", "text/csv", Encoding.UTF8.GetBytes("q,a\n1,yes\n")));
        var api = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (read, _) = await AssessmentSteps.SendAsync(api, HttpMethod.Get, $"/api/assessments/{reference}", null, null);
        var etag = await AssessmentSteps.RateAllAsync(api, reference, read.Headers.ETag!.ToString(), _ => "met", 15);

        var check = await session.GetAsync($"/assessments/{reference}/check");
        await AssessmentSteps.SubmitAsync(api, reference, etag);
        var submitted = await session.GetAsync($"/assessments/{reference}");

        foreach (var shown in new[] { check, submitted })
        {
            var link = Assert.Single(shown.Document.QuerySelectorAll("#point-4 a[download]"));
            Assert.Equal("survey results.csv", link.TextContent.Trim());
            Assert.Empty(shown.Document.QuerySelectorAll("#point-3 a[download]"));
            using var download = await session.Client.GetAsync(new Uri(link.GetAttribute("href")!, UriKind.Relative));
            Assert.Equal("q,a\n1,yes\n", await download.Content.ReadAsStringAsync());
        }
    }

    private async Task<(PageSession Session, string Reference)> DraftAsync(string serviceName)
    {
        var api = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, _) = await AssessmentSteps.CreateAsync(api, AssessmentSteps.SelfDetails("lgdss-2016", serviceName));
        return (await PageSession.SignInAsync(fixture, AssessmentFixture.WestminsterContact), reference);
    }

    /// <summary>Posts the point page's multipart form as a browser would after pressing the given button.</summary>
    private static async Task<HtmlPage> PostPointFormAsync(
        PageSession session, HtmlPage page, string button, Dictionary<string, string> answers, (string Name, string Type, byte[] Bytes)? file)
    {
        var form = (IHtmlFormElement)page.Element("main form[enctype='multipart/form-data']")!;
        using var content = new MultipartFormDataContent();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden" && !answers.ContainsKey(i.Name!)))
        {
            content.Add(new StringContent(input.Value), input.Name!);
        }

        foreach (var (name, value) in answers)
        {
            content.Add(new StringContent(value), name);
        }

        content.Add(new StringContent(button), "action");
        if (file is { } upload)
        {
            var part = new ByteArrayContent(upload.Bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(upload.Type);
            content.Add(part, "file", upload.Name);
        }

        return await HtmlPage.ReadAsync(await session.Client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content));
    }
}
