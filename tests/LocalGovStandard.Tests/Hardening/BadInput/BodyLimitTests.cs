using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using LocalGovStandard.Platform;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// Bodies over the 1 MB limit, sent to Kestrel (the in-memory TestServer does not enforce the limit): a 413 that
/// says the request is too large, as ProblemDetails for the API and a GOV.UK page for forms, no stack trace, nothing stored.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class BodyLimitTests(BodyLimitTests.Fixture fixture) : IClassFixture<BodyLimitTests.Fixture>
{
    private const int OverTheLimit = (int)PlatformRegistration.DefaultMaxRequestBodyBytes + 64 * 1024;

    public sealed class Fixture : RegisteredServiceFixture
    {
        protected override bool OnLoopback => true;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AJsonSignUp_OverTheLimit_Gets413ProblemDetails_AndStoresNothing(bool withContentLength)
    {
        var body = JsonSerializer.Serialize(SignupSteps.Body(TestRegister.Leicester, "huge@leicester.gov.uk", name: new string('a', OverTheLimit)));
        HttpContent content = new StringContent(body, Encoding.UTF8, "application/json");
        if (!withContentLength)
        {
            content = new ChunkedContent(content);
        }

        var before = await StorageSnapshot.TakeAsync(fixture.App.Services);
        using var response = await fixture.CreateClient().PostAsync(new Uri("/api/signups", UriKind.Relative), content);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The request is too large", problem["title"]!.GetValue<string>());
        Assert.Contains("larger than this route accepts", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(StorageSnapshot.Differences(before, await StorageSnapshot.TakeAsync(fixture.App.Services)));
    }

    [Fact]
    public async Task TheSignUpForm_OverTheLimit_Gets413AsAGovukPage_AndStoresNothing()
    {
        var session = new PageSession(fixture.CreateClient());
        session.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html"); // as a browser sends
        var form = await session.GetAsync("/signup");
        var fields = PageSession.FieldsOf((AngleSharp.Html.Dom.IHtmlFormElement)form.Element("form[method=post]")!);
        fields.Add(KeyValuePair.Create("contactName", new string('a', OverTheLimit)));

        var before = await StorageSnapshot.TakeAsync(fixture.App.Services);
        using var response = await PostAllowingAnEarlyAnswerAsync(session.Client, "/signup", fields);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("The request is too large", page.QuerySelector("main h1")?.TextContent.Trim());
        Assert.DoesNotContain("Exception", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(StorageSnapshot.Differences(before, await StorageSnapshot.TakeAsync(fixture.App.Services)));
    }

    /// <summary>
    /// Kestrel may answer 413 and close before the client has written the whole body; a browser reads that early answer,
    /// but HttpClient can report the closed connection instead (a broken pipe) when the machine is busy. That is the
    /// transport racing the answer, not the answer, so the post is tried again (at most three times in all).
    /// </summary>
    private static async Task<HttpResponseMessage> PostAllowingAnEarlyAnswerAsync(HttpClient client, string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields));
            }
            catch (HttpRequestException exception) when (attempt < 3 && exception.InnerException is IOException)
            {
            }
        }
    }

    /// <summary>The same bytes without a Content-Length, so the server learns the size only by reading.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly HttpContent inner;

        public ChunkedContent(HttpContent inner)
        {
            this.inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => inner.CopyToAsync(stream, context);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
