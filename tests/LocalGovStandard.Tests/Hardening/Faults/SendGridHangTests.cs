using Azure.Data.Tables;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Hardening.Faults;

/// <summary>
/// SendGrid that never answers: the sign-up does not wait for it (its email is queued), each attempt times out, the
/// retries stop at the limit, the message is not marked sent, and the queue's next try sends it. 429 and 500 are covered by Signups/SendGridDeliveryTests and
/// Summits/SummitSendingTests; exactly-once under retries by Reports/ReportSendingTests.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SendGridHangTests(SendGridHangTests.Fixture fixture) : IClassFixture<SendGridHangTests.Fixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    public sealed class Fixture : RegisteredServiceFixture
    {
        private int _attempts;

        /// <summary>Attempts the app's SendGrid client made (inside its retries), whether or not they reached the server.</summary>
        public int Attempts => Volatile.Read(ref _attempts);

        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["SendGrid:AttemptTimeout"] = "00:00:01",
            ["SendGrid:MaxRetries"] = "2",
        };

        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.AddHttpClient(SendGridEmailSender.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(() => Interlocked.Increment(ref _attempts)));
    }

    private sealed class CountingHandler(Action count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            count();
            return base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task AHangingSendGrid_DoesNotHoldUpTheSignUp_EachAttemptTimesOut_NothingIsMarkedSent_AndTheQueuesNextTrySendsOnce()
    {
        fixture.SendGrid.Enqueue(Enumerable.Repeat(new CannedResponse(500, Delay: TimeSpan.FromSeconds(30)), 10).ToArray());
        var client = fixture.CreateClient();
        var body = SignupSteps.Body(TestRegister.Leicester, "hang@leicester.gov.uk");

        var before = fixture.Attempts;
        var (response, first) = await SignupSteps.SignUpAsync(client, body);
        var attemptsWhenAnswered = fixture.Attempts - before;
        await Eventually.TrueAsync(() => fixture.Attempts - before >= 4, "the queue's second try");
        var ledgerAfterFirstTry = await LedgerAsync();

        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("sent", first["email"]!.GetValue<string>());
        Assert.True(attemptsWhenAnswered < 3, $"the sign-up waited for {attemptsWhenAnswered} SendGrid attempts");
        Assert.NotEmpty(ledgerAfterFirstTry);
        Assert.All(ledgerAfterFirstTry, row => Assert.NotEqual(MailLedgerEntry.Sent, row.Status));
        // Ten hanging attempts (three tries of the first attempt and two retries, then one more), then the eleventh is accepted.
        Assert.Single(fixture.SendGrid.Accepted, r => r.To == "hang@leicester.gov.uk");
        Assert.Equal(11, fixture.Attempts - before);
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
