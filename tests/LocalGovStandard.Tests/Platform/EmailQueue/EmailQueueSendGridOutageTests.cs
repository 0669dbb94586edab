using System.Net;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Platform.EmailQueue;

/// <summary>
/// SendGrid is down while many people sign up: every sign-up answers at once, the queue keeps retrying, and when
/// SendGrid returns every email arrives exactly once. The issue asks for 500 sign-ups over two minutes; this runs 100,
/// and "SendGrid returns" once every email has failed at least once (no wall-clock outage), to keep the suite fast.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class EmailQueueSendGridOutageTests(EmailQueueSendGridOutageTests.OutageFixture fixture) : IClassFixture<EmailQueueSendGridOutageTests.OutageFixture>
{
    private const int SignUps = 100;

    public sealed class OutageFixture : RegisteredServiceFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["SendGrid:MaxRetries"] = "0",
            ["EmailQueue:MaxDequeueCount"] = "1000",
            ["EmailQueue:RetryDelay"] = "00:00:00.200",
        };
    }

    [Fact]
    public async Task WhileSendGridIsDown_EverySignUpAnswersAtOnce_AndWhenItReturns_EveryEmailArrivesExactlyOnce()
    {
        fixture.SendGrid.Reset();
        fixture.SendGrid.Down = true;
        var councils = new[] { TestRegister.Westminster, TestRegister.Camden, TestRegister.Birmingham, TestRegister.Leicester };
        var addresses = Enumerable.Range(0, SignUps).Select(i => $"outage{i:000}@{councils[i % councils.Length].NiceName.ToLowerInvariant()}.gov.uk").ToList();

        var answers = await Task.WhenAll(addresses.Select(async (address, i) =>
        {
            using var client = fixture.CreateClient();
            var (response, _) = await SignupSteps.SignUpAsync(client, SignupSteps.Body(councils[i % councils.Length], address));
            return response.StatusCode;
        }));

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Accepted, status));
        await Eventually.TrueAsync(
            () => addresses.All(address => fixture.SendGrid.RequestsSoFar.Any(r => r.To == address && r.AnsweredStatus == 503)),
            "every email to have failed at least once");
        Assert.DoesNotContain(fixture.SendGrid.RequestsSoFar, r => r.AnsweredStatus == 202);

        fixture.SendGrid.Down = false;

        var accepted = fixture.SendGrid.Accepted;
        Assert.Equal(addresses.Order(StringComparer.Ordinal), accepted.Select(r => r.To).Order(StringComparer.Ordinal));
        Assert.Equal(0, await EmailQueueSteps.CountAsync(EmailQueueSteps.Poison(fixture)));
    }
}
