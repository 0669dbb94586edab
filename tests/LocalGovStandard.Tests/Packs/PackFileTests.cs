using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Packs;

/// <summary>A pack's files meet the same checks as evidence (type by name and by content, size), and a refused file leaves nothing stored.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PackFileTests(PackFixture fixture) : IClassFixture<PackFixture>
{
    private const int TenMegabytes = 10 * 1024 * 1024;

    private BlobContainerClient Packs => fixture.App.Services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(BlobContainerNames.Packs);

    public static TheoryData<string, string, string> Refused => new()
    {
        { "Setup.exe", "MZ", "must be a PDF, DOCX, XLSX, PPTX, ODT, CSV, TXT, PNG or JPG" },
        { "Slides.pdf", "png", "is not a real PDF file" },
        { "Handout.docx", "pdf", "is not a real DOCX file" },
        { "Empty.pdf", "", "is empty" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task AFileOfTheWrongType_OrWhoseContentLiesAboutItsType_IsRefusedOnTheFileField_AndNothingIsStored(string fileName, string content, string message)
    {
        var admin = fixture.CreateAdminClient();
        var id = (await PackSteps.CreateAsync(admin, "london", $"Refused {fileName}", 5))["id"]!.GetValue<string>();
        var bytes = content switch
        {
            "MZ" => [(byte)'M', (byte)'Z', 0x90, 0x00],
            "png" => Convert.FromBase64String(PackSteps.Png),
            "pdf" => PackSteps.PdfBytes(),
            _ => Array.Empty<byte>(),
        };

        var response = await PackSteps.UploadAsync(admin, id, fileName, bytes);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Contains(message, problem["errors"]!["file"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(admin, id);
    }

    [Fact]
    public async Task AFileOverTenMegabytes_Is413_OnTheFileField_AndOneOfTenMegabytesIsKept()
    {
        var admin = fixture.CreateAdminClient();
        var id = (await PackSteps.CreateAsync(admin, "london", "Large slides", 6))["id"]!.GetValue<string>();

        var tooLarge = await PackSteps.UploadAsync(admin, id, "Big.pdf", PackSteps.PdfBytes().Concat(new byte[TenMegabytes]).ToArray());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("The selected file must be 10 MB or smaller", (await tooLarge.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!["file"]![0]!.GetValue<string>());
        await AssertNothingStoredAsync(admin, id);

        var pdf = PackSteps.PdfBytes();
        var largest = pdf.Concat(new byte[TenMegabytes - pdf.Length]).ToArray();
        Assert.Equal(HttpStatusCode.OK, (await PackSteps.UploadAsync(admin, id, "Largest.pdf", largest)).StatusCode);
        Assert.Equal(TenMegabytes, (await PackSteps.OrganiserViewAsync(admin, id))!["files"]![0]!["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task OnTheLeadsPage_AFileThatLies_ShowsTheErrorSummaryLinkingToTheFileInput()
    {
        var lead = await PageSession.SignInAsync(fixture, PackFixture.LondonLead);
        var id = await PackSteps.CreateOnPagesAsync(lead, "london", "Design patterns", 11);

        var page = await PackSteps.UploadOnPagesAsync(lead, "london", id, "Journey map.pdf", Convert.FromBase64String(PackSteps.Png));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(["#file"], page.ErrorLinks);
        Assert.StartsWith("Error:", page.Document.Title, StringComparison.Ordinal);
        Assert.Contains("is not a real PDF file", page.ErrorMessages[0], StringComparison.Ordinal);
        await AssertNothingStoredAsync(fixture.CreateAdminClient(), id);
    }

    private async Task AssertNothingStoredAsync(HttpClient admin, string id)
    {
        Assert.Empty((await PackSteps.OrganiserViewAsync(admin, id))!["files"]!.AsArray());
        await foreach (var blob in Packs.GetBlobsAsync(BlobTraits.None, BlobStates.None, id + "/", CancellationToken.None))
        {
            Assert.Fail($"Blob {blob.Name} was left behind.");
        }
    }
}
