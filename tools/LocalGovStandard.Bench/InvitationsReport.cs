using System.Globalization;

namespace LocalGovStandard.Bench;

internal static class InvitationsReport
{
    /// <summary>The product's wall time and allocation, each at most this many times the bare SDK batches'.</summary>
    public const double TargetRatio = 2;

    public static string TargetLines(IReadOnlyList<InvitationsResult> results)
    {
        var product = Variant(results, InvitationsScenario.Product);
        var baseline = Variant(results, InvitationsScenario.SdkBatches);
        return Targets.Line("invitations wall", product.WallMs, baseline.WallMs, "ms", TargetRatio) + Environment.NewLine
            + Targets.Line("invitations allocated", product.AllocatedMB, baseline.AllocatedMB, "MB", TargetRatio);
    }

    public static InvitationsResult Variant(IReadOnlyList<InvitationsResult> results, string variant) => results.Single(r => r.Variant == variant);

    public static string Table(IReadOnlyList<InvitationsResult> results)
    {
        var baseline = Variant(results, InvitationsScenario.SdkBatches);
        var table = new MarkdownTable("how", ">invitees", ">sent", ">SendGrid requests", ">storage requests", ">wall ms", ">ratio to SDK batches",
            ">allocated MB", ">ratio", ">peak GC heap MB", ">ratio", ">process peak WS MB");
        foreach (var r in results)
        {
            table.Row(Describe(r.Variant), r.Invitees, r.Sent, r.SendGridRequests, r.StorageRequests, r.WallMs, r.WallMs / baseline.WallMs,
                r.AllocatedMB, r.AllocatedMB / baseline.AllocatedMB, r.PeakHeapMB, r.PeakHeapMB / baseline.PeakHeapMB, r.PeakWorkingSetMB);
        }

        return table.ToString();
    }

    public static string Describe(string variant) => variant switch
    {
        InvitationsScenario.Product => "the product: POST .../invitations/send",
        InvitationsScenario.SdkBatches => "baseline: SDK batches of 1,000, no ledger",
        InvitationsScenario.SdkSingle => "one message per request, 32 in flight",
        _ => variant,
    };

    public static string Section(IReadOnlyList<InvitationsResult> results)
    {
        var product = Variant(results, InvitationsScenario.Product);
        var baseline = Variant(results, InvitationsScenario.SdkBatches);
        var single = Variant(results, InvitationsScenario.SdkSingle);
        string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        string R(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        return $"""
            ## Invitations: {InvitationsScenario.Invitees:N0} summit invitees

            {InvitationsScenario.Invitees:N0} verified, consenting contacts spread over the register's councils are
            written into a fresh Azurite; the app runs in the benchmark's process on a real port, with
            SendGrid pointed at the tests' loopback capture server (which parses and keeps every request,
            in the same process, in all three rows). Each row runs in its own process; only the send is timed.

            - **The product:** one `POST /api/admin/summits/{"{id}"}/invitations/send` with the criteria: the
              selection (one partition query per region), an invitation row per invitee (entity group
              transactions of 100), then the mail ledger: for each SendGrid request of 1,000 personalizations,
              one ledger row listing its recipients, claimed before the request and marked sent after the 202
              (ADR 0026); the counts in its answer
              come from what the send read and wrote.
            - **Baseline, SDK batches:** the same SendGrid requests, with the same payloads built by the
              product's `EventEmails` and sent by its `SendGridEmailSender`, for the invitees the product
              would select (selected before the timing), with no invitation rows and no ledger. The ratio is
              the cost of knowing, after a crash, exactly who has been invited.
            - **One message per request:** the same messages rendered one by one and sent through the
              product's single-message sender, {ConcurrentLoad.Clients} at a time: what batching saves.
            - *Allocated* and *peak GC heap* are the whole process's during the send (the capture server
              included); *peak WS* is the process's peak working set over its whole life.

            {Table(results)}
            Targets (each against the SDK batches of the same run): wall time {Targets.AtMost(product.WallMs / baseline.WallMs, TargetRatio)}
            ({R(product.WallMs / baseline.WallMs)}x); allocation {Targets.AtMost(product.AllocatedMB / baseline.AllocatedMB, TargetRatio)} ({R(product.AllocatedMB / baseline.AllocatedMB)}x).

            The product sends {product.Sent:N0} invitations in {product.SendGridRequests} SendGrid requests in
            {F(product.WallMs / 1000)} s, {F(product.WallMs / baseline.WallMs)} times the time of the bare SDK
            batches ({F(baseline.WallMs / 1000)} s). Each invitee's invitation row is written once, when it is
            recorded (entity group transactions of 100 in the summit's partition, four in flight at a time,
            overlapping the requests: each request of 1,000 goes once its own recipients' rows are stored); the
            ledger keeps one row per SendGrid request (ADR 0026), listing the message ids it claims, inserted
            under the stream's next sequence number before the request and marked sent after the 202: two writes
            per 1,000 invitees instead of two per invitee. The send reads the summit's invitations, its ledger
            stream and the suppression list once, and works out the counts it answers with from what it read
            and wrote; each invitee's personalisation is made just before the request of 1,000 it goes in. What
            remains over the baseline is the selection (one partition query per region) and the invitation row
            per invitee, which is what lets a resumed send find everyone: the Azure.Data.Tables SDK allocates
            about 33 KB for each insert inside an entity group transaction, whatever the row's size.

            The
            *storage requests* column also counts what the app does in the background meanwhile (its timers),
            which is why the baseline, which makes none of its own, shows some. One request per message takes
            {F(single.WallMs / 1000)} s for the same mail, in {single.SendGridRequests:N0} requests where batching needs
            {baseline.SendGridRequests}; against the real SendGrid each request also pays a round trip over the internet
            and counts towards its rate limits.
            """;
    }
}
