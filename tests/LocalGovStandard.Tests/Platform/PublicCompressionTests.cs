using System.IO.Compression;
using System.Net;
using System.Text.Json;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Platform;

/// <summary>
/// The public files every page or the API reference loads are compressed for a browser that asks, and read back whole;
/// pages and API answers, which carry antiforgery tokens or personal data, never are (BREACH).
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PublicCompressionTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private const string BrowserEncodings = "gzip, deflate, br, zstd";

    [Fact]
    public async Task TheStylesheet_IsSentWithBrotli_AndReadsBackAsTheFileItself()
    {
        var (response, body) = await GetAsync("/static/app/app.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var file = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Root, "functions", "LocalGovStandard.Functions", "wwwroot", "static", "app", "app.css"));
        Assert.Equal(file, Decompress(body, "br"));
    }

    [Fact]
    public async Task TheOpenApiDocument_IsSentWithGzip_AtAFifthOfItsSize_OrLess_AndParses()
    {
        var (response, body) = await GetAsync("/openapi/v1.json", "gzip");

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        var json = Decompress(body, "gzip");
        Assert.True(body.Length * 5 < json.Length, $"{body.Length} bytes compressed from {json.Length}");
        using var document = JsonDocument.Parse(json);
        Assert.True(document.RootElement.TryGetProperty("paths", out _));
    }

    [Theory]
    [InlineData("/signup")]
    [InlineData("/assessments/start")]
    [InlineData("/api/health")]
    [InlineData("/api/reference/")]
    public async Task PagesAndApiAnswers_AreNeverCompressed(string path)
    {
        var (response, _) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string path, string encodings = BrowserEncodings)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", encodings);
        var response = await fixture.CreateClient().SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decompressing = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decompressing.CopyTo(output);
        return output.ToArray();
    }
}
