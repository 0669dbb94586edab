using System.Globalization;

namespace LocalGovStandard.Bench;

internal static class InvitationsReport
{
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
        return $"""
            ## Invitations: {InvitationsScenario.Invitees:N0} summit invitees

            {InvitationsScenario.Invitees:N0} verified, consenting contacts spread over the register's councils are
            written into a fresh Azurite; the app runs in the benchmark's process on a real port, with
            SendGrid pointed at the tests' loopback capture server (which parses and keeps every request,
            in the same process, in all three rows). Each row runs in its own process; only the send is timed.

            - **The product:** one `POST /api/admin/summits/{"{id}"}/invitations/send` with the criteria: the
              selection (one partition query per region), an invitation row per invitee (entity group
              transactions of 100), then the mail ledger: claim the rows in transactions of 100, one SendGrid
              request per 1,000 personalizations, mark the rows sent after the 202, and the status counts.
            - **Baseline, SDK batches:** the same SendGrid requests, with the same payloads built by the
              product's `SummitEmails` and sent by its `SendGridEmailSender`, for the invitees the product
              would select (selected before the timing), with no invitation rows and no ledger. The ratio is
              the cost of knowing, after a crash, exactly who has been invited.
            - **One message per request:** the same messages rendered one by one and sent through the
              product's single-message sender, {ConcurrentLoad.Clients} at a time: what batching saves.
            - *Allocated* and *peak GC heap* are the whole process's during the send (the capture server
              included); *peak WS* is the process's peak working set over its whole life.

            {Table(results)}
            The product sends {product.Sent:N0} invitations in {product.SendGridRequests} SendGrid requests in
            {F(product.WallMs / 1000)} s, {F(product.WallMs / baseline.WallMs)} times the time of the bare SDK
            batches ({F(baseline.WallMs / 1000)} s). The difference is its {product.StorageRequests:N0} storage requests, most of
            them large: each invitee's row is written three times (the invitation, the ledger's claim, the
            ledger's "sent"), in entity group transactions of 100, which is 150 transactions of 100 rows
            for 5,000 invitees; the rest are paged reads (the selection, the invitations and the ledger
            read back for the resume check and the counts). Those transactions' request and response
            bodies are also most of the extra allocation. One request per message takes {F(single.WallMs / 1000)} s for the same mail, in
            {single.SendGridRequests:N0} requests where batching needs {baseline.SendGridRequests}; against the real SendGrid each
            request also pays a round trip over the internet and counts towards its rate limits.
            """;
    }
}
