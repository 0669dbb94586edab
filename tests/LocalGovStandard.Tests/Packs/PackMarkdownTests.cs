using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using LocalGovStandard.Packs;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Packs;

/// <summary>An agenda is Markdown rendered safely: raw HTML is text, script can never run, and only http(s), mailto and site links stay links.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PackMarkdownTests(PackFixture fixture) : IClassFixture<PackFixture>
{
    private const string Hostile = """
        # Session plan
        <script>alert('raw')</script>
        <img src=x onerror="alert('img')">
        <a href="javascript:alert('tag')">raw link</a>

        - [Service Manual](https://www.gov.uk/service-manual)
        - [Our agenda](/peer-groups/packs)
        - [Email us](mailto:team@westminster.gov.uk)
        - [Click me](javascript:alert('md'))
        - [Encoded](JaVaScRiPt&#58;alert('entity'))
        - [Data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
        - [Other site](//evil.example/steal)
        - <javascript:alert('autolink')>
        - ![Tracking pixel](https://evil.example/pixel.png)
        - [Quote"break](https://example.org/" onmouseover="alert('attr'))
        """;

    private static readonly int[] SecurityPoint = [6];

    [Fact]
    public async Task APublishedAgenda_WithScriptHtmlAndHostileLinks_RendersAsTextAndSafeLinksOnly()
    {
        var admin = fixture.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/admin/peer-groups/london/packs", new { title = "Hostile agenda", points = SecurityPoint, agenda = Hostile, exercises = Hostile });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>())!["id"]!.GetValue<string>();
        await PackSteps.PublishAsync(admin, id);

        var page = await PageSession.Anonymous(fixture).GetAsync($"/peer-groups/packs/{id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        foreach (var section in new[] { "#agenda", "#exercises" })
        {
            var rendered = page.Element(section)!;
            Assert.Empty(rendered.QuerySelectorAll("script, img, iframe, object, embed, style"));
            Assert.DoesNotContain(rendered.QuerySelectorAll("*").SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            var hrefs = rendered.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).ToList();
            Assert.All(hrefs, href => Assert.True(href.StartsWith("https://", StringComparison.Ordinal) || href.StartsWith("mailto:", StringComparison.Ordinal)
                || (href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal)), href));
            Assert.Contains("https://www.gov.uk/service-manual", hrefs);
            Assert.Contains("/peer-groups/packs", hrefs);
            Assert.Contains("mailto:team@westminster.gov.uk", hrefs);
            Assert.Contains("<script>alert('raw')</script>", rendered.TextContent, StringComparison.Ordinal);
            Assert.Contains("Click me", rendered.TextContent, StringComparison.Ordinal);
            Assert.Equal("Session plan", rendered.QuerySelector("h3")!.TextContent);
        }
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JAVASCRIPT:alert(1))")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](data:text/html,hi)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("[x](//evil.example)")]
    [InlineData("[x]: javascript:alert(1)\n\n[y][x]")]
    public void ToHtml_LeavesNoLinkToAnUnsafeAddress(string markdown)
    {
        var html = new HtmlParser().ParseDocument(PackMarkdown.ToHtml(markdown));

        Assert.DoesNotContain(html.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!), h => !PackMarkdown.IsSafeUrl(h));
        Assert.DoesNotContain(html.QuerySelectorAll("a[href]"), a => a.GetAttribute("href")!.Contains("javascript", StringComparison.OrdinalIgnoreCase));
    }
}
