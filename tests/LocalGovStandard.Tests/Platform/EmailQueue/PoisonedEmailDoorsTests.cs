using System.Net;
using System.Text.Json.Nodes;
using LocalGovStandard.Organiser;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Organiser;

namespace LocalGovStandard.Tests.Platform.EmailQueue;

/// <summary>
/// The two doors onto the poison queue, the console page and the admin API: what an organiser sees of a poisoned email (its
/// kind, the recipient's domain, tries and the provider's last answer, never the address), and sending it again, audited,
/// through the mail ledger, so a copy that did go out is not sent twice.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class PoisonedEmailDoorsTests(RegisteredServiceFixture fixture) : IClassFixture<RegisteredServiceFixture>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        fixture.SendGrid.Reset();
        await fixture.Service<PoisonedEmails>().RequeueAsync(null, "test", CancellationToken.None);
        await EmailQueueSteps.DrainedAsync(fixture);
        fixture.SendGrid.Reset();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheConsolePage_ListsAPoisonedEmail_ByKindDomainTriesAndLastError_WithoutItsAddress_AndTheHomePageCountsIt()
    {
        const string address = "pat.poisoned@camden.gov.uk";
        var id = await EmailQueueSteps.PoisonAsync(fixture, address);
        var session = await ConsoleSteps.SignInAsync(fixture);

        var home = await session.GetAsync("/organiser");
        var page = await session.GetAsync("/organiser/email/poisoned");

        Assert.Equal("1 email", home.Element("#poisoned-count")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var cells = page.Document.QuerySelectorAll("#poisoned tbody tr").Single().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("Approval", cells[2]);
        Assert.Equal("camden.gov.uk", cells[3]);
        Assert.Equal("1", cells[4]);
        Assert.Contains("400", cells[5], StringComparison.Ordinal);
        Assert.Equal(id, page.Document.QuerySelector("#poisoned input[name=message]")?.GetAttribute("value"));
        Assert.DoesNotContain(address, page.Document.Body!.OuterHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pat.poisoned", page.Document.Body!.OuterHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SendAgain_FromTheConsole_SendsTheEmailOnce_EmptiesThePoisonQueue_AndIsAudited()
    {
        const string address = "sam.sendagain@camden.gov.uk";
        var id = await EmailQueueSteps.PoisonAsync(fixture, address);
        var since = fixture.Clock.GetUtcNow();
        var session = await ConsoleSteps.SignInAsync(fixture);
        var page = await session.GetAsync("/organiser/email/poisoned");

        var sent = await session.SubmitAsync(page);

        Assert.Equal(HttpStatusCode.OK, sent.Status);
        Assert.Contains("1 email was sent back to the queue", sent.Document.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        await EmailQueueSteps.DrainedAsync(fixture);
        Assert.Equal(address, Assert.Single(fixture.SendGrid.Accepted).To);
        Assert.Equal(0, await EmailQueueSteps.CountAsync(EmailQueueSteps.Poison(fixture)));
        Assert.Equal("There is no poisoned email.", sent.Element("#none")?.TextContent.Trim());
        var audited = await ConsoleSteps.AssertAuditedAsync(fixture, since, "email.requeued", id);
        Assert.DoesNotContain(address, audited.Details ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Null((await session.GetAsync("/organiser")).Element("#poisoned-count"));
    }

    [Fact]
    public async Task SendThemAllAgain_FromTheConsole_SendsEachOnce()
    {
        await EmailQueueSteps.PoisonAsync(fixture, "first.of.two@camden.gov.uk");
        await EmailQueueSteps.PoisonAsync(fixture, "second.of.two@birmingham.gov.uk");
        var session = await ConsoleSteps.SignInAsync(fixture);
        var page = await session.GetAsync("/organiser/email/poisoned");

        var sent = await session.SubmitAsync(page, new Dictionary<string, string> { ["message"] = PoisonedEmailEndpoints.All });

        Assert.Contains("2 emails were sent back to the queue", sent.Document.QuerySelector(".govuk-notification-banner")!.TextContent, StringComparison.Ordinal);
        await EmailQueueSteps.DrainedAsync(fixture);
        Assert.Equal(["first.of.two@camden.gov.uk", "second.of.two@birmingham.gov.uk"], fixture.SendGrid.Accepted.Select(r => r.To).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SendAgain_ForAnEmailNoLongerInThePoisonQueue_SaysSo_OnThePageAndInTheApi()
    {
        var session = await ConsoleSteps.SignInAsync(fixture);
        var page = await session.GetAsync("/organiser/email/poisoned");
        var token = page.Document.QuerySelector("form[action='/organiser/sign-out'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var gone = await session.PostAsync("/organiser/email/poisoned", [KeyValuePair.Create("__RequestVerificationToken", token), KeyValuePair.Create("message", "no-such-message")]);
        using var api = await fixture.CreateAdminClient().PostAsync(new Uri("/api/admin/email/poisoned/no-such-message/requeue", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadRequest, gone.Status);
        Assert.Equal(["That email is no longer in the poison queue"], gone.ErrorMessages);
        Assert.Equal(["#message"], gone.ErrorLinks);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Contains("no-such-message", JsonNode.Parse(await api.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApi_ListsWithoutTheAddress_AndRequeues_AndAnEmailThatWentOut_IsNotSentAgain()
    {
        const string address = "api.requeue@birmingham.gov.uk";
        var id = await EmailQueueSteps.PoisonAsync(fixture, address, kind: "access");
        var poison = EmailQueueSteps.Poison(fixture);
        var copy = (await poison.PeekMessageAsync()).Value.MessageText;
        var admin = fixture.CreateAdminClient();

        using var listed = await admin.GetAsync(new Uri("/api/admin/email/poisoned", UriKind.Relative));
        var body = await listed.Content.ReadAsStringAsync();
        using var requeued = await admin.PostAsync(new Uri($"/api/admin/email/poisoned/{id}/requeue", UriKind.Relative), null);
        await EmailQueueSteps.DrainedAsync(fixture);
        var duplicate = (await poison.SendMessageAsync(copy)).Value.MessageId;
        using var again = await admin.PostAsync(new Uri($"/api/admin/email/poisoned/{duplicate}/requeue", UriKind.Relative), null);
        await EmailQueueSteps.DrainedAsync(fixture);

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var item = Assert.Single(JsonNode.Parse(body)!["messages"]!.AsArray());
        Assert.Equal(id, item!["queueMessageId"]!.GetValue<string>());
        Assert.Equal("access", item["kind"]!.GetValue<string>());
        Assert.Equal("birmingham.gov.uk", item["recipientDomain"]!.GetValue<string>());
        Assert.Equal(1, item["tries"]!.GetValue<int>());
        Assert.DoesNotContain("api.requeue", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, requeued.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(address, Assert.Single(fixture.SendGrid.Accepted).To);
        var rows = await fixture.Service<MailLedger>().RowsAsync(EmailQueueSteps.PoisonedLedgerPartition, EmailQueueSteps.PoisonedLedgerPartition, null, CancellationToken.None);
        Assert.Contains(rows, r => r.Status == MailLedgerEntry.Sent && r.Category == "access");
        Assert.Contains(await ConsoleSteps.AuditAsync(fixture), r => r.Actor == PoisonedEmailApi.ApiActor && r.Action == "email.requeued" && r.Subject == duplicate);
    }

    [Fact]
    public async Task TheCountTimer_WritesTheLineThePoisonQueueAlertLooksFor_WhileAnEmailWaits()
    {
        await EmailQueueSteps.PoisonAsync(fixture, "counted@camden.gov.uk");
        var before = fixture.Logs.Lines.Count;

        using var run = await fixture.CreateAdminClient().PostAsync(new Uri($"/api/admin/timers/{CountPoisonedEmail.Name}/run", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Contains("1 poisoned email waiting", await run.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(fixture.Logs.Lines.Skip(before), line => line.Contains($"{CountPoisonedEmail.AlertText}: 1 in {EmailQueueOptions.PoisonQueueName}", StringComparison.Ordinal));
    }
}
