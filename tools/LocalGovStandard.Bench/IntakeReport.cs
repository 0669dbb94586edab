using System.Globalization;

namespace LocalGovStandard.Bench;

internal static class IntakeReport
{
    public const double TargetRatio = 0.8;

    public static double Ratio(IntakeResult r) => r.Signups.PerSecond / r.BareInserts.PerSecond;

    public static double StorageRatio(IntakeResult r) => r.StorageRequestsPerSecond / r.BareInserts.PerSecond;

    public static string Table(IReadOnlyList<IntakeResult> results)
    {
        var table = new MarkdownTable("data", ">councils", ">operations", ">sign-ups/s", ">bare inserts/s", ">ratio", ">sign-up p50 ms", ">p99 ms",
            ">insert p50 ms", ">p99 ms", ">storage requests per sign-up", ">app storage requests/s", ">ratio to bare inserts/s", ">failed");
        foreach (var r in results)
        {
            table.Row($"{r.Scale}x", r.Councils, r.Signups.Operations, r.Signups.PerSecond, r.BareInserts.PerSecond, Ratio(r),
                r.Signups.P50Ms, r.Signups.P99Ms, r.BareInserts.P50Ms, r.BareInserts.P99Ms,
                r.StorageRequestsPerSignup, r.StorageRequestsPerSecond, StorageRatio(r), r.Signups.Failures + r.BareInserts.Failures);
        }

        return table.ToString();
    }

    public static string Section(IReadOnlyList<IntakeResult> results)
    {
        var first = results[0];
        return $"""
            ## Intake: sign-ups over HTTP

            Each run starts a fresh Azurite (in memory, on free loopback ports) and the real app in the
            benchmark's process on a real Kestrel port (`WebApplicationFactory` with `UseKestrel`, as the
            browser tests run it), with SendGrid pointed at the tests' loopback capture server. The
            register is the current councils of the shared UK register, written into the `Councils`
            table before the app starts; "2x" and "4x" copy every council with new codes. The allowed
            email domain is `{BenchApp.EmailDomain}` (`LocalGovStandard__AllowedEmailDomains`).

            - **Sign-ups:** {IntakeScenario.ContactsPerCouncil} per council, each a new contact, POSTed as JSON to
              `/api/signups` by {ConcurrentLoad.Clients} concurrent clients; a sign-up counts when it answers 201.
              Each one is the whole path: validation against the cached register, the contact row, the
              audit row, the mail ledger's claim, the verification email through the SendGrid SDK, the
              ledger's "sent" and the contact's "sent".
            - **Baseline:** a bare `TableClient.AddEntityAsync` loop, {ConcurrentLoad.Clients} in flight, into another
              table of the same Azurite: as many inserts as sign-ups, half just before the sign-ups and half
              just after, of `ContactEntity` rows with the same keys and about the same size.
            - Both get {128} untimed warm-up operations first. Latency is per operation (nearest-rank p50 and p99).
            - **Rate limit:** every request comes from 127.0.0.1, which the per-client limiter sees as one
              client, so the benchmark sets `LocalGovStandard__RateLimits__PublicFormsPermitLimit=1000000`
              (the existing setting; the default is 30 a minute).
            - *Storage requests per sign-up* are counted from the runtime's own `System.Net.Http`
              metrics (requests to Azurite's table and blob ports during the timed sign-ups).

            {Table(results)}
            **Against the target (ratio at least {TargetRatio:0.0}):** at 1x the app signs up
            {first.Signups.PerSecond.ToString("0", CultureInfo.InvariantCulture)} councils' contacts a second against
            {first.BareInserts.PerSecond.ToString("0", CultureInfo.InvariantCulture)} bare inserts a second, a ratio of
            {Ratio(first).ToString("0.00", CultureInfo.InvariantCulture)}. {Verdict(first)}
            """;
    }

    private static string Verdict(IntakeResult r)
    {
        var perSignup = r.StorageRequestsPerSignup.ToString("0.0", CultureInfo.InvariantCulture);
        var storageRatio = StorageRatio(r).ToString("0.00", CultureInfo.InvariantCulture);
        return Ratio(r) >= TargetRatio
            ? "The target is met."
            : $"""
              The target is missed, and cannot be met by a sign-up as designed: a sign-up is not one insert
              but {perSignup} storage requests (a point read, the contact insert, the audit row, the ledger
              claim and its update, the contact's update) plus a SendGrid request, all against a single
              Node.js Azurite process that is the bottleneck on this machine. Per storage request the app
              reaches {storageRatio} of the bare loop's rate, which is the fairer measure of the app's own
              overhead (validation, JSON, Kestrel, the SDK pipelines and the email on the same two cores).
              Reaching 0.8 per sign-up would mean dropping the audit row, the ledger or the email
              bookkeeping, each of which the design asks for (ADR 0003, the audit log).
              """;
    }
}
