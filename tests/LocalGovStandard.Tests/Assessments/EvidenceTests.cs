using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Assessments;

/// <summary>
/// Evidence files: allowed types checked by content as well as extension, size and count limits, safe names,
/// private blobs that only the assessment's council can read, and the draft's ETag and immutability rules.
/// Over real HTTP to Kestrel, so a 10 MB file passes the server's body limit and a larger one meets it.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed partial class EvidenceTests(LoopbackAssessmentFixture fixture) : IClassFixture<LoopbackAssessmentFixture>
{
    private const string AllowedTypes = "PDF, DOCX, XLSX, PPTX, ODT, CSV, TXT, PNG or JPG";
    private const int TenMegabytes = 10 * 1024 * 1024;

    private static readonly string WestminsterGss = TestRegister.Westminster.GssCode;

    private BlobContainerClient Evidence => fixture.App.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(BlobContainerNames.Evidence);

    [Theory]
    [InlineData("Board minutes.pdf", "application/pdf")]
    [InlineData("User research.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("Costs.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("Show and tell.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    [InlineData("Plan.odt", "application/vnd.oasis.opendocument.text")]
    [InlineData("Ratings.csv", "text/csv")]
    [InlineData("Notes.txt", "text/plain")]
    [InlineData("Journey map.png", "image/png")]
    [InlineData("Whiteboard.jpg", "image/jpeg")]
    [InlineData("Whiteboard photo.JPEG", "image/jpeg")]
    public async Task Upload_EachAllowedType_IsStored_AndDownloadsByteForByte(string fileName, string contentType)
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Evidence types"));
        var bytes = FileFor(fileName);

        var (response, body) = await UploadAsync(client, reference, etag, 4, fileName, bytes);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag!.ToString());
        var file = Assert.Single(EvidenceOn(body!, 4));
        Assert.Equal(fileName, file["fileName"]!.GetValue<string>());
        Assert.Equal(bytes.Length, file["size"]!.GetValue<long>());
        Assert.StartsWith(contentType, file["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
        var id = file["id"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.Equal($"/api/assessments/{reference}/evidence/{id}", response.Headers.Location!.OriginalString);

        var blob = Evidence.GetBlobClient($"{WestminsterGss}/{reference}/4/{id}");
        BlobProperties properties = await blob.GetPropertiesAsync();
        Assert.StartsWith(contentType, properties.ContentType, StringComparison.Ordinal);
        Assert.StartsWith("attachment", properties.ContentDisposition, StringComparison.Ordinal);
        Assert.Contains(fileName, Uri.UnescapeDataString(properties.ContentDisposition), StringComparison.Ordinal);

        using var download = await client.GetAsync(new Uri($"/api/assessments/{reference}/evidence/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        Assert.StartsWith(contentType, download.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(fileName, download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        // The download's own headers, not the pages' ones: a file that a browser opens anyway runs nothing and is not kept.
        Assert.Equal("default-src 'none'; sandbox", Assert.Single(download.Headers.GetValues("Content-Security-Policy")));
        Assert.True(download.Headers.CacheControl is { Private: true, NoStore: true, Public: false }, $"Cache-Control: {download.Headers.CacheControl}");

        var (read, view) = await AssessmentSteps.SendAsync(client, HttpMethod.Get, $"/api/assessments/{reference}", null, null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(id, Assert.Single(EvidenceOn(view!, 4))["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnotherCouncil_CannotDownload_Remove_OrAddEvidence()
    {
        var westminster = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var camden = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.CamdenContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(westminster, AssessmentSteps.SelfDetails("lgdss-2016", "Westminster evidence"));
        var (uploaded, body) = await UploadAsync(westminster, reference, etag, 1, "Private.pdf", Pdf());
        etag = uploaded.Headers.ETag!.ToString();
        var id = Assert.Single(EvidenceOn(body!, 1))["id"]!.GetValue<string>();

        using var download = await camden.GetAsync(new Uri($"/api/assessments/{reference}/evidence/{id}", UriKind.Relative));
        var (remove, _) = await AssessmentSteps.SendAsync(camden, HttpMethod.Delete, $"/api/assessments/{reference}/evidence/{id}", null, etag);
        var (add, _) = await UploadAsync(camden, reference, etag, 1, "Planted.pdf", Pdf());

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.DoesNotContain("%PDF", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        Assert.True(await Evidence.GetBlobClient($"{WestminsterGss}/{reference}/1/{id}").ExistsAsync());
        Assert.Single(await BlobsUnderAsync($"{WestminsterGss}/{reference}/"));
        Assert.Empty(await BlobsUnderAsync($"{TestRegister.Camden.GssCode}/{reference}/"));
        var (_, view) = await AssessmentSteps.SendAsync(westminster, HttpMethod.Get, $"/api/assessments/{reference}", null, null);
        Assert.Equal("Private.pdf", Assert.Single(EvidenceOn(view!, 1))["fileName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upload_OverTenMegabytes_IsRefused_AndNothingIsStored()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Big evidence"));

        var (response, problem) = await UploadAsync(client, reference, etag, 2, "Huge.pdf", Pdf(TenMegabytes + 1));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("The selected file must be 10 MB or smaller", problem!["errors"]!["file"]![0]!.GetValue<string>());
        Assert.Empty(await BlobsUnderAsync($"{WestminsterGss}/{reference}/"));
        var (read, view) = await AssessmentSteps.SendAsync(client, HttpMethod.Get, $"/api/assessments/{reference}", null, null);
        Assert.Empty(EvidenceOn(view!, 2));
        Assert.Equal(etag, read.Headers.ETag!.ToString());

        var (exactly, body) = await UploadAsync(client, reference, etag, 2, "Exactly ten.pdf", Pdf(TenMegabytes));
        Assert.Equal(HttpStatusCode.Created, exactly.StatusCode);
        Assert.Equal(TenMegabytes, Assert.Single(EvidenceOn(body!, 2))["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task Upload_SixthFileOnAPoint_IsRefused()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Many files"));
        for (var n = 1; n <= 5; n++)
        {
            var (added, _) = await UploadAsync(client, reference, etag, 3, $"File {n}.txt", Encoding.UTF8.GetBytes($"File {n}\n"));
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            etag = added.Headers.ETag!.ToString();
        }

        var (response, problem) = await UploadAsync(client, reference, etag, 3, "File 6.txt", "File 6\n"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("already has 5 evidence files", problem!["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(5, (await BlobsUnderAsync($"{WestminsterGss}/{reference}/3/")).Count);
        var (another, _) = await UploadAsync(client, reference, etag, 4, "Other point.txt", "Fine\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.Created, another.StatusCode);
    }

    public static TheoryData<string, string> WrongTypes => new()
    {
        { "report.pdf", "exe" },
        { "notes.txt", "png" },
        { "report.docx", "zip-without-content-types" },
        { "report.docx", "xlsx" },
        { "plan.odt", "zip-without-mimetype" },
        { "setup.exe", "exe" },
        { "ratings.csv", "utf16" },
        { "notes.txt", "nul" },
        { "photo.png", "jpg" },
        { "noextension", "pdf" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public async Task Upload_WrongOrSpoofedType_IsRefused_NamingTheAllowedTypes(string fileName, string content)
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Spoofed evidence"));
        var bytes = content switch
        {
            "exe" => [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, .. "This program cannot be run in DOS mode."u8],
            "png" => Png(),
            "jpg" => Jpeg(),
            "pdf" => Pdf(),
            "xlsx" => FileFor("a.xlsx"),
            "zip-without-content-types" => Zip(("word/document.xml", "<w:document/>")),
            "zip-without-mimetype" => Zip(("content.xml", "<office:document-content/>"), ("mimetype", "application/vnd.oasis.opendocument.text")),
            "utf16" => Encoding.Unicode.GetBytes("point,rating\r\n1,met\r\n"),
            "nul" => "Looks like text\0but is not\n"u8.ToArray(),
            _ => throw new ArgumentOutOfRangeException(nameof(content)),
        };

        var (response, problem) = await UploadAsync(client, reference, etag, 1, fileName, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(AllowedTypes, problem!["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await BlobsUnderAsync($"{WestminsterGss}/{reference}/"));
    }

    public static TheoryData<string, string> UnsafeNames => new()
    {
        { "../../etc/passwd.txt", "passwd.txt" },
        { "..\\..\\boot.ini.txt", "boot.ini.txt" },
        { "C:\\temp\\a.txt", "a.txt" },
        { "minutes\r\n<script>alert(1)<script>.txt", "minutes scriptalert(1)script.txt" },
        { "Content-Type: text/html\r\n\r\n<b>x.txt", "html bx.txt" },
        { "<>|*?\".txt", "evidence.txt" },
        { "....txt", "evidence.txt" },
        { "  Café   notes\t(final) [v2]  .txt", "Café notes (final) [v2].txt" },
        { new string('a', 150) + ".txt", new string('a', 96) + ".txt" },
    };

    [Theory]
    [MemberData(nameof(UnsafeNames))]
    public async Task Upload_PathCharactersInFileNames_AreSanitised(string fileName, string expected)
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Odd names"));

        var (response, body) = await UploadAsync(client, reference, etag, 5, fileName, "Notes\n"u8.ToArray(), encodeName: true);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var file = Assert.Single(EvidenceOn(body!, 5));
        var id = file["id"]!.GetValue<string>();
        Assert.Equal(expected, file["fileName"]!.GetValue<string>());
        var blob = Assert.Single(await BlobsUnderAsync($"{WestminsterGss}/"), b => b.Contains(reference, StringComparison.Ordinal));
        Assert.Equal($"{WestminsterGss}/{reference}/5/{id}", blob);
        Assert.Matches(BlobPath(), blob);
        using var download = await client.GetAsync(new Uri($"/api/assessments/{reference}/evidence/{id}", UriKind.Relative));
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(expected, disposition.FileNameStar ?? disposition.FileName);
        Assert.DoesNotContain('\n', download.Content.Headers.GetValues("Content-Disposition").Single());
    }

    [Fact]
    public async Task Upload_WithAPlainFileNameHoldingDirectories_KeepsOnlyTheLastSegment()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Plain names"));

        var (response, body) = await UploadAsync(client, reference, etag, 5, "../../../../etc/passwd.txt", "root\n"u8.ToArray());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("passwd.txt", Assert.Single(EvidenceOn(body!, 5))["fileName"]!.GetValue<string>());
        Assert.Matches(BlobPath(), Assert.Single(await BlobsUnderAsync($"{WestminsterGss}/{reference}/")));
    }

    [Fact]
    public async Task Upload_WithAStaleETag_Is409_AndNothingIsStored()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, staleEtag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Two tabs"));
        var (rated, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reference}/points/1", new { rating = "met" }, staleEtag);
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);

        var (response, problem) = await UploadAsync(client, reference, staleEtag, 1, "From the other tab.pdf", Pdf());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("changed since you read it", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await BlobsUnderAsync($"{WestminsterGss}/{reference}/"));
        var (_, view) = await AssessmentSteps.SendAsync(client, HttpMethod.Get, $"/api/assessments/{reference}", null, null);
        Assert.Empty(EvidenceOn(view!, 1));
        Assert.Equal("met", view!["points"]![0]!["rating"]!.GetValue<string>());

        var (remove, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Delete, $"/api/assessments/{reference}/evidence/0123456789abcdef", null, staleEtag);
        Assert.Equal(HttpStatusCode.NotFound, remove.StatusCode);
    }

    [Fact]
    public async Task AfterSubmit_EvidenceCannotBeAddedOrRemoved_ButCanBeRead()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Submitted evidence"));
        var (uploaded, body) = await UploadAsync(client, reference, etag, 6, "Kept.pdf", Pdf());
        var id = Assert.Single(EvidenceOn(body!, 6))["id"]!.GetValue<string>();
        etag = await AssessmentSteps.RateAllAsync(client, reference, uploaded.Headers.ETag!.ToString(), _ => "met", 15);
        var submitted = await AssessmentSteps.SubmitAsync(client, reference, etag);
        var (read, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Get, $"/api/assessments/{reference}", null, null);
        etag = read.Headers.ETag!.ToString();

        var (add, addProblem) = await UploadAsync(client, reference, etag, 6, "Late.pdf", Pdf());
        var (remove, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Delete, $"/api/assessments/{reference}/evidence/{id}", null, etag);

        Assert.Equal(HttpStatusCode.Conflict, add.StatusCode);
        Assert.Contains("submitted", addProblem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, remove.StatusCode);
        Assert.Equal("Kept.pdf", Assert.Single(EvidenceOn(submitted, 6))["fileName"]!.GetValue<string>());
        Assert.Equal(new[] { $"{WestminsterGss}/{reference}/6/{id}" }, await BlobsUnderAsync($"{WestminsterGss}/{reference}/"));
        using var download = await client.GetAsync(new Uri($"/api/assessments/{reference}/evidence/{id}", UriKind.Relative));
        Assert.Equal(Pdf(), await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Delete_RemovesTheFileFromThePoint_AndItsBlob()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Removing evidence"));
        var (first, _) = await UploadAsync(client, reference, etag, 7, "Keep.txt", "keep\n"u8.ToArray());
        var (second, body) = await UploadAsync(client, reference, first.Headers.ETag!.ToString(), 7, "Remove.txt", "remove\n"u8.ToArray());
        etag = second.Headers.ETag!.ToString();
        var removeId = EvidenceOn(body!, 7).Single(e => e["fileName"]!.GetValue<string>() == "Remove.txt")["id"]!.GetValue<string>();
        var path = $"/api/assessments/{reference}/evidence/{removeId}";

        var (withoutEtag, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Delete, path, null, null);
        var (response, view) = await AssessmentSteps.SendAsync(client, HttpMethod.Delete, path, null, etag);

        Assert.Equal((HttpStatusCode)428, withoutEtag.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(etag, response.Headers.ETag!.ToString());
        Assert.Equal("Keep.txt", Assert.Single(EvidenceOn(view!, 7))["fileName"]!.GetValue<string>());
        Assert.False(await Evidence.GetBlobClient($"{WestminsterGss}/{reference}/7/{removeId}").ExistsAsync());
        Assert.Single(await BlobsUnderAsync($"{WestminsterGss}/{reference}/"));
        using var gone = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var (again, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Delete, path, null, response.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        var (stale, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Delete,
            $"/api/assessments/{reference}/evidence/{Assert.Single(EvidenceOn(view!, 7))["id"]!.GetValue<string>()}", null, etag);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
    }

    [Fact]
    public async Task Reassessment_CarriedPointsKeepTheirEvidence_ButTakeNoNewFiles()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Carried evidence"));
        var (uploaded, body) = await UploadAsync(client, reference, etag, 1, "Research.pdf", Pdf());
        var id = Assert.Single(EvidenceOn(body!, 1))["id"]!.GetValue<string>();
        etag = await AssessmentSteps.RateAllAsync(client, reference, uploaded.Headers.ETag!.ToString(), n => n == 2 ? "not-met" : "met", 15);
        await AssessmentSteps.SubmitAsync(client, reference, etag);
        var (reassess, draft) = await AssessmentSteps.SendAsync(client, HttpMethod.Post, $"/api/assessments/{reference}/reassess", null, null);
        Assert.Equal(HttpStatusCode.Created, reassess.StatusCode);
        var next = draft!["reference"]!.GetValue<string>();
        var nextEtag = reassess.Headers.ETag!.ToString();

        using var carried = await client.GetAsync(new Uri($"/api/assessments/{next}/evidence/{id}", UriKind.Relative));
        var (onCarried, problem) = await UploadAsync(client, next, nextEtag, 1, "More.pdf", Pdf());
        var (removeCarried, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Delete, $"/api/assessments/{next}/evidence/{id}", null, nextEtag);
        var (onFailed, _) = await UploadAsync(client, next, nextEtag, 2, "Fixed.pdf", Pdf());

        Assert.Equal(HttpStatusCode.OK, carried.StatusCode);
        Assert.Equal(Pdf(), await carried.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.BadRequest, onCarried.StatusCode);
        Assert.Contains("carried over", problem!["errors"]!["point"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, removeCarried.StatusCode);
        Assert.Equal(HttpStatusCode.Created, onFailed.StatusCode);
        Assert.True(await Evidence.GetBlobClient($"{WestminsterGss}/{reference}/1/{id}").ExistsAsync());
        Assert.Single(await BlobsUnderAsync($"{WestminsterGss}/{next}/"));
    }

    [Fact]
    public async Task MalformedUploads_AreProblemDetails_NeverServerErrors()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Malformed uploads"));
        var path = $"/api/assessments/{reference}/evidence";

        async Task<(HttpStatusCode Status, JsonNode? Problem)> SendAsync(HttpContent content, string? ifMatch = "etag")
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", etag);
            }

            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
        }

        static HttpContent Raw(string body, string contentType)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return content;
        }

        var noIfMatch = await SendAsync(Form(1, "a.pdf", Pdf()), ifMatch: null);
        var json = await SendAsync(Raw("{\"point\":1}", "application/json"));
        var noBoundary = await SendAsync(Raw("--x\r\n", "multipart/form-data"));
        var garbage = await SendAsync(Raw("this is not multipart at all", "multipart/form-data; boundary=abc"));
        var truncated = await SendAsync(Raw("--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello", "multipart/form-data; boundary=abc"));
        var badHeader = await SendAsync(Raw("--abc\r\nthis header has no colon\r\n\r\nx\r\n--abc--\r\n", "multipart/form-data; boundary=abc"));
        var noFile = await SendAsync(new MultipartFormDataContent { { new StringContent("1"), "point" } });
        var noPoint = await SendAsync(Form(null, "a.pdf", Pdf()));
        var wordPoint = await SendAsync(Form("one", "a.pdf", Pdf()));
        var unknownPoint = await SendAsync(Form(16, "a.pdf", Pdf()));
        var twoFiles = Form(1, "a.pdf", Pdf());
        twoFiles.Add(new ByteArrayContent(Pdf()), "file", "b.pdf");
        var twoFilesResult = await SendAsync(twoFiles);

        Assert.Equal((HttpStatusCode)428, noIfMatch.Status);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.Status);
        Assert.Equal(415, json.Problem!["status"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, noBoundary.Status);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.Status);
        Assert.Equal(HttpStatusCode.BadRequest, truncated.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badHeader.Status);
        Assert.Equal("Select a file", noFile.Problem!["errors"]!["file"]![0]!.GetValue<string>());
        Assert.NotNull(noPoint.Problem!["errors"]!["point"]);
        Assert.NotNull(wordPoint.Problem!["errors"]!["point"]);
        Assert.Contains("points 1 to 15", unknownPoint.Problem!["errors"]!["point"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, twoFilesResult.Status);
        foreach (var problem in new[] { noBoundary, garbage, truncated, badHeader, noFile, noPoint, wordPoint, unknownPoint, twoFilesResult })
        {
            Assert.Equal(HttpStatusCode.BadRequest, problem.Status);
            Assert.Equal(400, problem.Problem!["status"]!.GetValue<int>());
        }

        Assert.Empty(await BlobsUnderAsync($"{WestminsterGss}/{reference}/"));
    }

    [Fact]
    public async Task Download_WithAMalformedOrUnknownId_IsNotFound()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, _) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Unknown ids"));

        foreach (var id in new[] { "0123456789abcdef", "..%2F..%2Fkeys.xml", "ZZZZ", "0123456789ABCDEF" })
        {
            using var response = await client.GetAsync(new Uri($"/api/assessments/{reference}/evidence/{id}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var otherAssessment = await client.GetAsync(new Uri("/api/assessments/ASM-2222-2222/evidence/0123456789abcdef", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, otherAssessment.StatusCode);
    }

    private static async Task<(HttpResponseMessage Response, JsonNode? Body)> UploadAsync(
        HttpClient client, string reference, string etag, int point, string fileName, byte[] bytes, bool encodeName = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/assessments/{reference}/evidence") { Content = Form(point, fileName, bytes, encodeName) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>
    /// A multipart form as a browser sends it. With <paramref name="encodeName"/> the name goes in RFC 5987
    /// <c>filename*</c>, so control characters and backslashes reach the server exactly as written.
    /// </summary>
    private static MultipartFormDataContent Form(object? point, string fileName, byte[] bytes, bool encodeName = false)
    {
        var form = new MultipartFormDataContent();
        if (point is not null)
        {
            form.Add(new StringContent(Convert.ToString(point, System.Globalization.CultureInfo.InvariantCulture)!), "point");
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        file.Headers.TryAddWithoutValidation("Content-Disposition", encodeName
            ? $"form-data; name=\"file\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}"
            : $"form-data; name=\"file\"; filename=\"{fileName}\"");
        form.Add(file);
        return form;
    }

    private static List<JsonNode> EvidenceOn(JsonNode assessment, int point) =>
        assessment["points"]!.AsArray().Single(p => p!["number"]!.GetValue<int>() == point)!["evidence"]!.AsArray().Select(e => e!).ToList();

    private async Task<List<string>> BlobsUnderAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in Evidence.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static byte[] FileFor(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".pdf" => Pdf(),
        ".docx" => Zip(
            ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""),
            ("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""),
            ("word/document.xml", """<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>User research findings</w:t></w:r></w:p></w:body></w:document>""")),
        ".xlsx" => Zip(
            ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"""),
            ("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>""")),
        ".pptx" => Zip(
            ("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>"""),
            ("ppt/presentation.xml", """<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>""")),
        ".odt" => Zip(
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", """<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3"/>"""),
            ("META-INF/manifest.xml", """<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>""")),
        ".csv" => [0xEF, 0xBB, 0xBF, .. "point,rating,notes\r\n1,met,\"Café survey, 40 users\"\r\n2,not-met,\tto do\r\n"u8],
        ".txt" => "Notes from the show and tell.\nEveryone could finish the journey.\n"u8.ToArray(),
        ".png" => Png(),
        ".jpg" or ".jpeg" => Jpeg(),
        _ => throw new ArgumentOutOfRangeException(nameof(fileName)),
    };

    /// <summary>A minimal PDF, padded with a comment to <paramref name="size"/> bytes when asked.</summary>
    private static byte[] Pdf(int size = 0)
    {
        var pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();
        if (size <= pdf.Length)
        {
            return pdf;
        }

        var padded = new byte[size];
        pdf.CopyTo(padded, 0);
        padded[pdf.Length] = (byte)'%';
        padded.AsSpan(pdf.Length + 1).Fill((byte)'x');
        return padded;
    }

    /// <summary>A real 1×1 PNG.</summary>
    private static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>A real 1×1 baseline JPEG.</summary>
    private static byte[] Jpeg() => Convert.FromBase64String(
        "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=");

    /// <summary>A ZIP with the entries in order; the first is stored uncompressed, as ODF requires for mimetype.</summary>
    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < entries.Length; i++)
            {
                var entry = archive.CreateEntry(entries[i].Name, i == 0 ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
                writer.Write(entries[i].Content);
            }
        }

        return stream.ToArray();
    }

    [GeneratedRegex("^E09000033/ASM-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/[0-9]{1,2}/[0-9a-f]{16}$")]
    private static partial Regex BlobPath();
}
