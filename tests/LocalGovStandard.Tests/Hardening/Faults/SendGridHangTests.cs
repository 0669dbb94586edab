using System.Diagnostics;
using Azure.Data.Tables;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Hardening.Faults;

/// <summary>
/// SendGrid that never answers: each attempt times out, the retries stop at the limit, and the
/// message is not marked sent. 429 and 500 are covered by Signups/SendGridDeliveryTests and
/// Summits/SummitSendingTests; exactly-once under retries by Reports/ReportSendingTests.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SendGridHangTests(SendGridHangTests.Fixture fixture) : IClassFixture<SendGridHangTests.Fixture>
{
    public sealed class Fixture : RegisteredServiceFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["SendGrid:AttemptTimeout"] = "00:00:01",
            ["SendGrid:MaxRetries"] = "2",
        };
    }

    [Fact]
    public async Task AHangingSendGrid_TimesOutEachAttempt_StopsAfterTheRetryLimit_AndMarksNothingSent_ThenTheNextTrySendsOnce()
    {
        fixture.SendGrid.Enqueue(Enumerable.Repeat(new CannedResponse(500, Delay: TimeSpan.FromSeconds(30)), 10).ToArray());
        var client = fixture.CreateClient();
        var body = SignupSteps.Body(TestRegister.Leicester, "hang@leicester.gov.uk");

        var (response, first) = await SignupSteps.SignUpAsync(client, body);
        var attempts = fixture.SendGrid.Requests.Count;
        var ledgerAfterHang = await LedgerAsync();
        fixture.SendGrid.Reset();
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var (_, second) = await SignupSteps.SignUpAsync(client, body);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("not-sent", first["email"]!.GetValue<string>());
        // At most the first try and two retries; on a loaded machine an attempt can time out before it reaches the server.
        Assert.InRange(attempts, 1, 3);
        Assert.NotEmpty(ledgerAfterHang);
        Assert.All(ledgerAfterHang, row => Assert.NotEqual(MailLedgerEntry.Sent, row.Status));
        Assert.Equal("sent", second["email"]!.GetValue<string>());
        Assert.Single(fixture.SendGrid.Accepted, r => r.To == "hang@leicester.gov.uk");
    }

    private async Task<List<MailLedgerEntry>> LedgerAsync()
    {
        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.MailLedger);
        var rows = new List<MailLedgerEntry>();
        await foreach (var row in table.QueryAsync<MailLedgerEntry>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
