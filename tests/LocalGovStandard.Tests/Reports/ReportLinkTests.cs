using System.Net;
using System.Text.RegularExpressions;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Reports;

/// <summary>Above the attachment limit, leads get a signed link that works, as often as it is opened, until it expires.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed partial class ReportLinkTests(ReportLinkTests.Fixture fixture) : IClassFixture<ReportLinkTests.Fixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    public sealed class Fixture : ServiceFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["LocalGovStandard:TokenSigningKey"] = "test-signing-key-0123456789abcdef0123456789",
            ["LocalGovStandard:Reports:MaxAttachmentBytes"] = "1",
            ["LocalGovStandard:Reports:DownloadLinkLifetime"] = "7.00:00:00",
        };

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var admin = CreateAdminClient();
            await TestRegister.ImportAsync(admin);
            await ReportSteps.SetLeadsAsync(admin, "wales", "Wales", ["wales"], new ReportSteps.Lead("Wyn Wales", "wyn@wales.gov.wales"));
        }
    }

    [Fact]
    public async Task ALargeWorkbook_IsSentAsASignedLink_ThatDownloadsUntilItExpires()
    {
        var admin = fixture.CreateAdminClient();
        var month = ReportSteps.MonthsAgo(_clock, 1);

        await ReportSteps.RunOkAsync(admin, month, "wales");

        var email = Assert.Single(fixture.SendGrid.Accepted);
        Assert.Null(email.Body["attachments"]);
        Assert.Contains("too large to attach", email.PlainText, StringComparison.Ordinal);
        var link = new Uri(LinkPattern().Match(email.PlainText).Value);
        Assert.Equal("link", (await ReportSteps.RunViewAsync(admin, month, "wales"))["delivery"]!.GetValue<string>());

        // Mail scanners open it first (GET twice, HEAD): the link only reads, so it changes nothing and still works afterwards.
        var before = await StorageSnapshot.TakeAsync(fixture.App.Services);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.MethodNotAllowed], await EmailedLinkSteps.ScanAsync(fixture, link));
        Assert.Empty(StorageSnapshot.Differences(before, await StorageSnapshot.TakeAsync(fixture.App.Services)));

        var client = fixture.CreateClient();
        var download = await client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using (var book = new WorkbookReader(await download.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(1, book.Headlines()["Councils in the group"].Value);
        }

        var tampered = await client.GetAsync(new Uri(link.PathAndQuery[..^3] + "abc", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);

        _clock.Advance(TimeSpan.FromDays(8));
        var expired = await client.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        var page = new HttpRequestMessage(HttpMethod.Get, link.PathAndQuery);
        page.Headers.Accept.ParseAdd("text/html");
        var expiredPage = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.Gone, expiredPage.StatusCode);
        Assert.Contains("This download link has expired", await expiredPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://localhost/reports/download\?token=[A-Za-z0-9_.-]+")]
    private static partial Regex LinkPattern();
}
