using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LocalGovStandard.Events;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Summits;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Events;

/// <summary>
/// A summit stored by the version before events (rows written field by field as that version wrote them) becomes an
/// event of kind "summit": its definition, seats, invitations, answers and mail ledger survive, its old links still
/// lead to its pages, and the migration run again changes nothing.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SummitMigrationTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task SummitStoredBeforeEvents_BecomesASummitEvent_KeepingInvitationsAnswersAndLedger_AndRunsOnce()
    {
        var clock = fixture.Clock.StartTest();
        var now = clock.GetUtcNow();
        var summits = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.Summits);
        var ledger = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.MailLedger);
        var id = "smt-0ld5umm17a01";
        var startsAt = now.AddDays(30);
        foreach (var partition in new[] { id, EventKeys.IndexPartition })
        {
            var row = new TableEntity(partition, partition == id ? EventKeys.StateRow : id)
            {
                ["SummitId"] = id, ["Name"] = "Standard Summit 2026", ["StartsAt"] = startsAt, ["EndsAt"] = startsAt.AddHours(7),
                ["Venue"] = "The Exchange", ["Address"] = "3 Centenary Square\nBirmingham", ["Capacity"] = 1, ["RsvpBy"] = now.AddDays(14),
                ["Description"] = "Before events", ["CreatedAt"] = now.AddDays(-3), ["Accepted"] = 0, ["WaitlistSequence"] = 0,
            };
            if (partition == id)
            {
                row["Accepted"] = 1;
                row["WaitlistSequence"] = 1;
            }

            await summits.AddEntityAsync(row);
        }

        var accepted = Invitation(id, "E08000025-aaaa", "old.accepted@birmingham.gov.uk", InvitationEntity.Accepted, 0, now);
        var waiting = Invitation(id, "E08000025-bbbb", "old.waiting@birmingham.gov.uk", InvitationEntity.Waitlisted, 1, now);
        await summits.AddEntityAsync(accepted);
        await summits.AddEntityAsync(waiting);
        foreach (var invitation in new[] { accepted, waiting })
        {
            await ledger.AddEntityAsync(new MailLedgerEntry
            {
                PartitionKey = $"summit|{id}|invitation", RowKey = invitation.InvitationId, Category = EventEmails.InvitationCategory,
                Subject = "Invitation: Standard Summit 2026", Status = MailLedgerEntry.Sent, ClaimedAt = now.AddDays(-2), SentAt = now.AddDays(-2), Attempts = 1,
            });
        }

        var migrated = await fixture.Service<EventKindMigration>().RunAsync(CancellationToken.None);
        var state = (await summits.GetEntityAsync<EventEntity>(id, EventKeys.StateRow)).Value;
        var listed = (await summits.GetEntityAsync<EventEntity>(EventKeys.IndexPartition, id)).Value;
        var again = await fixture.Service<EventKindMigration>().RunAsync(CancellationToken.None);

        Assert.Equal(1, migrated);
        Assert.Equal(0, again);
        Assert.Equal(state.ETag, (await summits.GetEntityAsync<EventEntity>(id, EventKeys.StateRow)).Value.ETag);
        Assert.Equal((EventKinds.Summit, EventKinds.Summit), (state.Kind, listed.Kind));
        Assert.Equal(("Standard Summit 2026", 1, 1, 1), (state.Name, state.Capacity, state.Accepted, state.WaitlistSequence));

        var admin = fixture.CreateAdminClient();
        var status = JsonNode.Parse(await admin.GetStringAsync($"/api/admin/summits/{id}/invitations"))!;
        Assert.Equal(2, status["counts"]!["sent"]!.GetValue<int>());
        Assert.Equal(1, status["counts"]!["accepted"]!.GetValue<int>());
        Assert.Equal(1, status["counts"]!["waitlisted"]!.GetValue<int>());

        fixture.SendGrid.Reset();
        var resend = await SummitSteps.SendAsync(admin, id, criteria: null);
        Assert.Equal(0, resend["run"]!["sent"]!.GetValue<int>());
        Assert.Equal(2, resend["run"]!["alreadySent"]!.GetValue<int>());
        Assert.Empty(fixture.SendGrid.Accepted);

        // The link in a summit invitation sent before events still opens the invitee's page, at its new address.
        var link = fixture.Service<EventLinks>().Rsvp(state, accepted);
        var oldPath = "/summit/rsvp" + link.Query;
        var client = fixture.CreateClient();
        using var moved = await client.GetAsync(new Uri(oldPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal("/events/rsvp" + link.Query, moved.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync(moved.Headers.Location);
        Assert.Contains("You have a place", page, StringComparison.Ordinal);
    }

    private static InvitationEntity Invitation(string summitId, string invitationId, string email, string response, int waitlist, DateTimeOffset now) => new()
    {
        PartitionKey = summitId, RowKey = EventKeys.InvitationRowKey(invitationId), InvitationId = invitationId, Region = "west-midlands",
        ContactRowKey = "contact|" + invitationId, ContactKey = invitationId[10..], GssCode = "E08000025", CouncilName = "Birmingham City Council",
        ContactName = "Old Invitee", ContactEmail = email, Reason = "Signed up before events", InvitedAt = now.AddDays(-2),
        Response = response, RespondedAt = now.AddDays(-1), WaitlistPosition = waitlist, AcceptanceCount = response == InvitationEntity.Accepted ? 1 : 0,
        BadgeName = response == InvitationEntity.Accepted ? "Old Invitee" : null,
    };
}
