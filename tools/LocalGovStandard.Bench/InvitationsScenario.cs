using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Events;
using LocalGovStandard.WorkbookBench;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Bench;

/// <param name="Sent">Recipients SendGrid (the loopback server) accepted.</param>
/// <param name="StorageRequests">Table and blob requests during the send.</param>
internal sealed record InvitationsResult(
    string Variant, int Invitees, int Sent, int SendGridRequests, long StorageRequests, double WallMs,
    double AllocatedMB, double PeakHeapMB, double PeakWorkingSetMB);

/// <summary>
/// 5,000 summit invitations through the loopback SendGrid server, in three ways, each in its own process:
/// <list type="bullet">
/// <item><c>product</c>: POST /api/admin/summits/{id}/invitations/send: selection by partition queries,
/// an invitation row each, the mail ledger (claim, send 1,000 per request, mark sent);</item>
/// <item><c>sdk-batches</c>, the baseline: the same SendGrid requests (the product's EventEmails and
/// SendGridEmailSender, 1,000 personalizations each), with no selection, invitation rows or ledger;</item>
/// <item><c>sdk-single</c>: the same messages one per request, 32 at a time: what batching saves.</item>
/// </list>
/// </summary>
internal static class InvitationsScenario
{
    public const string Name = "invitations";
    public const string Product = "product";
    public const string SdkBatches = "sdk-batches";
    public const string SdkSingle = "sdk-single";
    public const int Invitees = 5_000;

    public static async Task<InvitationsResult> RunAsync(string variant)
    {
        var councils = await BenchRegister.CurrentCouncilsAsync(1);
        var verifiedAt = DateTimeOffset.UtcNow.AddDays(-30);
        await using var app = await BenchApp.StartAsync(storage => VerifiedContacts.WriteAsync(storage.ConnectionString, councils, Invitees, verifiedAt));
        using var organiser = app.CreateClient(asOrganiser: true);
        var summitId = await CreateSummitAsync(organiser);
        var criteria = new { verifiedOnOrBefore = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

        Func<Task> send = variant switch
        {
            Product => async () => (await organiser.PostAsJsonAsync($"/api/admin/summits/{summitId}/invitations/send", criteria)).EnsureSuccessStatusCode(),
            SdkBatches or SdkSingle => await DirectSendAsync(app.Services, summitId, variant),
            _ => throw new ArgumentException($"Unknown invitations variant {variant}."),
        };

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var outgoing = new OutgoingRequestCounter();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        double wallMs;
        long peakHeap;
        using (var sampler = new HeapSampler())
        {
            var started = Stopwatch.GetTimestamp();
            await send();
            wallMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            peakHeap = sampler.PeakBytes;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var accepted = app.SendGrid.Accepted;
        return new InvitationsResult(variant, Invitees,
            accepted.Sum(r => r.Body["personalizations"]!.AsArray().Count), accepted.Count,
            outgoing.To(app.Storage.TablePort) + outgoing.To(app.Storage.BlobPort), wallMs,
            allocated / 1048576.0, peakHeap / 1048576.0, Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0);
    }

    private static async Task<string> CreateSummitAsync(HttpClient organiser)
    {
        var now = DateTimeOffset.UtcNow;
        using var response = await organiser.PostAsJsonAsync("/api/admin/summits", new
        {
            name = "Standard Summit (benchmark)",
            startsAt = now.AddDays(60),
            venue = "Council House",
            address = "1 High Street\nTown",
            capacity = 500,
            rsvpBy = now.AddDays(30),
            description = "A benchmark summit.",
        });
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
    }

    /// <summary>Prepares, outside the timing, the invitees the product would select; returns the timed send alone.</summary>
    private static async Task<Func<Task>> DirectSendAsync(IServiceProvider services, string summitId, string variant)
    {
        var summit = (await services.GetRequiredService<EventStore>().FindAsync(summitId, CancellationToken.None))!;
        var invitees = await services.GetRequiredService<InviteeSelector>()
            .SelectAsync(new InviteeCriteria(DateOnly.FromDateTime(DateTime.UtcNow), null, []), CancellationToken.None);
        var links = services.GetRequiredService<EventLinks>();

        IReadOnlyList<BatchRecipient> Recipients() => invitees.Select(i =>
        {
            var invitation = new InvitationEntity
            {
                PartitionKey = summitId, InvitationId = i.InvitationId, ContactKey = i.ContactKey, GssCode = i.GssCode,
                CouncilName = i.CouncilName, ContactName = i.ContactName, ContactEmail = i.ContactEmail, Reason = i.Reason,
            };
            var unsubscribe = links.Unsubscribe(summit, invitation);
            return new BatchRecipient(i.InvitationId, new EmailAddress(i.ContactEmail, i.ContactName),
                EventEmails.Values(summit, invitation, links.Rsvp(summit, invitation), unsubscribe), EventLinks.UnsubscribeHeaders(unsubscribe));
        }).ToList();

        if (variant == SdkBatches)
        {
            var sender = services.GetRequiredService<IBatchEmailSender>();
            return async () =>
            {
                foreach (var chunk in Recipients().Chunk(EmailBatch.MaxRecipients))
                {
                    await sender.SendBatchAsync(EventEmails.Invitation(summit, chunk), CancellationToken.None);
                }
            };
        }

        var single = services.GetRequiredService<IEmailSender>();
        return async () =>
        {
            var batch = EventEmails.Invitation(summit, Recipients());
            var load = await ConcurrentLoad.RunAsync(batch.Recipients.Count, async i =>
            {
                await single.SendAsync(batch.Render(batch.Recipients[i]), CancellationToken.None);
                return true;
            });
            if (load.Failures > 0)
            {
                throw new InvalidOperationException($"{load.Failures} single sends failed.");
            }
        };
    }
}
