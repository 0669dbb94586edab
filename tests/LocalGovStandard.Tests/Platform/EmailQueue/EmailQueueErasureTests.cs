using System.Net;
using System.Text.Json.Nodes;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Platform.EmailQueue;

/// <summary>
/// Erasure reaches the email queues: an erased person's email still waiting (SendGrid down, so it keeps failing) or in the
/// poison queue is neither sent nor kept, while someone who signs up again with the same address afterwards gets theirs.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class EmailQueueErasureTests(EmailQueueErasureTests.RetryingFixture fixture) : IClassFixture<EmailQueueErasureTests.RetryingFixture>, IAsyncLifetime
{
    public sealed class RetryingFixture : RegisteredServiceFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides => new Dictionary<string, string?>
        {
            ["SendGrid:MaxRetries"] = "0",
            ["EmailQueue:MaxDequeueCount"] = "1000",
            ["EmailQueue:RetryDelay"] = "00:00:00.200",
        };
    }

    public async Task InitializeAsync()
    {
        fixture.SendGrid.Reset();
        await EmailQueueSteps.DrainedAsync(fixture);
        fixture.SendGrid.Reset();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ErasingSomeone_WhoseEmailIsStillQueuedAndPoisoned_SendsNothingToThemAfterwards_AndKeepsNoneOfIt()
    {
        const string address = "queued.erasure@camden.gov.uk";
        const string bystander = "bystander@camden.gov.uk";
        await EmailQueueSteps.PoisonAsync(fixture, address);
        await EmailQueueSteps.PoisonAsync(fixture, bystander);
        fixture.SendGrid.Down = true;
        await SignupSteps.SignUpAsync(fixture.CreateClient(), SignupSteps.Body(TestRegister.Camden, address));
        await Eventually.TrueAsync(() => fixture.SendGrid.RequestsSoFar.Count(r => r.To == address && r.AnsweredStatus == 503) >= 2, "the verification email to be failing");
        var reference = await EmailQueueSteps.ReferenceOfAsync(fixture, address);

        using var erased = await fixture.CreateAdminClient().DeleteAsync(new Uri($"/api/admin/contacts/{TestRegister.Camden.GssCode}/{reference}", UriKind.Relative));
        var outcome = JsonNode.Parse(await erased.Content.ReadAsStringAsync())!;
        await EmailQueueSteps.DrainedAsync(fixture);
        var triedBefore = fixture.SendGrid.RequestsSoFar.Count(r => r.To == address);
        fixture.SendGrid.Down = false;
        await SignupSteps.SignUpAsync(fixture.CreateClient(), SignupSteps.Body(TestRegister.Camden, "after.erasure@camden.gov.uk"));
        await EmailQueueSteps.DrainedAsync(fixture);

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.True(outcome["queuedEmails"]!.GetValue<int>() >= 1, outcome.ToJsonString());
        Assert.Equal(triedBefore, fixture.SendGrid.RequestsSoFar.Count(r => r.To == address));
        Assert.DoesNotContain(fixture.SendGrid.Accepted, r => r.To == address);
        Assert.Contains(fixture.SendGrid.Accepted, r => r.To == "after.erasure@camden.gov.uk");
        var left = Assert.Single((await fixture.Service<PoisonedEmails>().ViewAsync(CancellationToken.None)).Messages);
        Assert.Equal("camden.gov.uk", left.RecipientDomain);
        Assert.Equal(1, await EmailQueueSteps.CountAsync(EmailQueueSteps.Poison(fixture)));
    }

    [Fact]
    public async Task SigningUpAgain_AfterAnErasure_SendsTheNewEmail()
    {
        const string address = "signs.up.again@birmingham.gov.uk";
        await SignupSteps.SignUpAsync(fixture.CreateClient(), SignupSteps.Body(TestRegister.Birmingham, address));
        await EmailQueueSteps.DrainedAsync(fixture);
        var reference = SignupSteps.ReferenceFor(fixture.SendGrid, address);
        using var erased = await fixture.CreateAdminClient().DeleteAsync(new Uri($"/api/admin/contacts/{TestRegister.Birmingham.GssCode}/{reference}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);

        await SignupSteps.SignUpAsync(fixture.CreateClient(), SignupSteps.Body(TestRegister.Birmingham, address));
        await EmailQueueSteps.DrainedAsync(fixture);

        Assert.Equal(2, fixture.SendGrid.Accepted.Count(r => r.To == address));
    }
}
