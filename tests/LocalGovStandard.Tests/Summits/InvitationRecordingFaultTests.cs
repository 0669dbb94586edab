using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using LocalGovStandard.Events;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Summits;

/// <summary>
/// A send records its invitations while its first requests go out (EventSender, InvitationRecording). Storage fails
/// part-way through the recording, as a real fault does: the app's own table client gets a 503 for every entity group
/// transaction on the summits' table that holds an invitation of the second request (the mail ledger's own go
/// through). The organiser is told (503, a reference), every email that went out names an invitation that is stored,
/// and sending again sends the rest, once each.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class InvitationRecordingFaultTests(InvitationRecordingFaultTests.Fixture fixture) : IClassFixture<InvitationRecordingFaultTests.Fixture>
{
    public sealed class Fixture : ServiceFixture
    {
        /// <summary>Entity group transactions on the summits' table holding one of <see cref="Failing"/>'s invitations.</summary>
        public InjectedStorageFault Fault { get; }

        public List<string> Invitees { get; } = [];

        /// <summary>Invitation ids whose transactions fail while <see cref="Fault"/> is on.</summary>
        public IReadOnlySet<string> Failing { get; set; } = new HashSet<string>();

        public Fixture() => Fault = new(
            request => request.Method == RequestMethod.Post && request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal) && HoldsAFailingInvitation(request),
            "Table storage");

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Invitees.AddRange(await SummitSteps.SeedContactsAsync(this, TestRegister.Westminster, "recorded", 1500, SummitSendingFixture.January));
        }

        protected override void ConfigureTestServices(IServiceCollection services) =>
            services.ConfigureAll<TableClientOptions>(options => options.AddPolicy(Fault, HttpPipelinePosition.PerCall));

        /// <summary>A transaction's operations name their table in the multipart body ("POST .../Summits?$format=... HTTP/1.1").</summary>
        private bool HoldsAFailingInvitation(Request request)
        {
            using var body = new MemoryStream();
            request.Content?.WriteTo(body, CancellationToken.None);
            var text = Encoding.UTF8.GetString(body.ToArray());
            return text.Contains($"/{TableNames.Summits}?", StringComparison.Ordinal) && Failing.Any(id => text.Contains(id, StringComparison.Ordinal));
        }
    }

    private static readonly object Criteria = new { verifiedOnOrBefore = "2026-01-31" };

    [Fact]
    public async Task StorageFailsWhileTheInvitationsAreRecorded_TheFirstRequestHasGone_EveryEmailNamesAStoredInvitation_AndSendingAgainSendsTheRestOnce()
    {
        var clock = fixture.Clock.StartTest();
        fixture.SendGrid.Reset();
        var admin = fixture.CreateAdminClient();
        var id = (await SummitSteps.CreateSummitAsync(admin, clock, 100))["id"]!.GetValue<string>();

        // A send takes invitees in invitation id order: the first 1,000 make its first request, and their rows are stored.
        var ids = fixture.Invitees.Select(email => InviteeSelector.InvitationId(TestRegister.Westminster.GssCode, SignupService.ContactKey(email)))
            .Order(StringComparer.Ordinal).ToList();
        fixture.Failing = ids.Skip(1000).ToHashSet(StringComparer.Ordinal);
        fixture.Fault.FailAfter(0);
        using (var failed = await admin.PostAsJsonAsync($"/api/admin/summits/{id}/invitations/send", Criteria))
        {
            fixture.Fault.Heal();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
            Assert.NotNull(failed.Headers.RetryAfter);
            var problem = (await failed.Content.ReadFromJsonAsync<JsonNode>())!;
            Assert.StartsWith("ERR-", problem["reference"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var first = SummitSteps.Recipients(fixture.SendGrid.Accepted).ToList();
        var stored = (await fixture.Service<EventStore>().InvitationsAsync(id, CancellationToken.None)).Select(i => i.InvitationId).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(1000, first.Count);
        Assert.Equal(1000, stored.Count);
        Assert.All(first, recipient => Assert.Contains(recipient.MessageId, stored));

        var resumed = await SummitSteps.SendAsync(admin, id, Criteria);

        Assert.Equal(500, resumed["run"]!["sent"]!.GetValue<int>());
        Assert.Equal(1000, resumed["run"]!["alreadySent"]!.GetValue<int>());
        Assert.Equal(1500, resumed["counts"]!["sent"]!.GetValue<int>());
        var delivered = SummitSteps.Recipients(fixture.SendGrid.Accepted).ToList();
        Assert.Equal(1500, delivered.Count);
        Assert.True(delivered.Select(r => r.Email).ToHashSet().SetEquals(fixture.Invitees), "exactly one message each");
        Assert.All(delivered, recipient => Assert.EndsWith(SignupService.ContactKey(recipient.Email), recipient.MessageId, StringComparison.Ordinal));
    }
}
