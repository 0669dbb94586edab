using System.Globalization;
using System.Text;

namespace LocalGovStandard.Bench;

internal sealed record Report(string Tables, string Document);

/// <summary>docs/performance.md, written whole from one run's results: nothing in it is edited by hand.</summary>
internal static class PerformanceReport
{
    public static string IntakeLine(IntakeResult r) => string.Create(CultureInfo.InvariantCulture,
        $"    {r.Signups.Operations:N0} sign-ups: {r.Signups.PerSecond:0}/s (p50 {r.Signups.P50Ms:0} ms, p99 {r.Signups.P99Ms:0} ms); bare inserts {r.BareInserts.PerSecond:0}/s (p50 {r.BareInserts.P50Ms:0} ms, p99 {r.BareInserts.P99Ms:0} ms); ratio {IntakeReport.Ratio(r):0.00}; {r.StorageRequestsPerSignup:0.0} storage requests per sign-up; {r.Signups.Failures + r.BareInserts.Failures} failed{IntakeReport.LatencyLine(r)}");

    public static string InvitationsLine(InvitationsResult r) => string.Create(CultureInfo.InvariantCulture,
        $"    {r.Sent:N0} sent in {r.SendGridRequests:N0} SendGrid requests, {r.StorageRequests:N0} storage requests, {r.WallMs:N0} ms, {r.AllocatedMB:0} MB allocated, peak GC heap {r.PeakHeapMB:0} MB");

    public static Report Write(BenchResults results, string machine, BenchArguments arguments)
    {
        var tables = new StringBuilder()
            .AppendLine("Summary").AppendLine(Summary(results))
            .AppendLine("Intake").AppendLine(IntakeReport.Table(results.Intake))
            .AppendLine("Monthly run").AppendLine(MonthlyRunReport.Table(results.MonthlyRun))
            .AppendLine("Invitations").AppendLine(InvitationsReport.Table(results.Invitations))
            .AppendLine("Cold start").AppendLine(ColdStartReport.Table(results.ColdStart))
            .AppendLine("Growth").AppendLine(GrowthReport.Table(results.Intake, results.MonthlyRun))
            .ToString();

        var document = new StringBuilder()
            .AppendLine($"""
                # Performance

                Written by `./build.sh bench` (`tools/LocalGovStandard.Bench`) on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.
                Do not edit it by hand: run the command again. Every figure has its baseline from the same run
                beside it, and the ratio. It is a benchmark, not a test: nothing in `./build.sh test` runs it or
                asserts a timing.

                ## Machine and command

                - **Machine:** {machine}; Release build; load average (1, 5, 15 minutes)
                  {results.LoadAverageAtStart} at the start and {LoadAverage.Now()} at the end.
                - **Garbage collector:** every benchmark process runs the product's code under the collector the
                  handler ships with: server GC, the Web SDK's default, which its `runtimeconfig.json` names (in
                  .NET 10 with DATAS, which adapts the number of heaps to the load). Each benchmark checks that
                  before it starts (`Machine.EnsureTheHandlersGarbageCollector`). Until 2026-12-05 they ran with
                  workstation GC, which the handler never does, and which put the monthly run's ClosedXML figures
                  about 40% higher against the floor (medians of interleaved 4x runs: 4.2x against 2.96x; see the monthly run).
                - **Noise:** the machine is shared with other engineers' builds and tests, which run at the same
                  time, so absolute times move from run to run by tens of percent. Read the ratios: each compares
                  figures taken within a minute of each other, in the same conditions.
                - **Command:** `./build.sh bench{(arguments.Quick ? " --quick" : "")}` (this run took {results.Elapsed.TotalMinutes:0.0} minutes). It builds the
                  benchmark projects (Release), then runs `dotnet run -c Release --no-build --project
                  tools/LocalGovStandard.Bench`, which runs each scenario in a child process of its own, one
                  after another. Options: `--scales 1,2,4` (data scales), `--quick` (fewer repetitions),
                  `--report PATH` (empty: print only).

                ## Summary

                {Summary(results)}
                """)
            .AppendLine(IntakeReport.Section(results.Intake)).AppendLine()
            .AppendLine(MonthlyRunReport.Section(results.MonthlyRun, results.MonthlyRunCommand)).AppendLine()
            .AppendLine(InvitationsReport.Section(results.Invitations)).AppendLine()
            .AppendLine(ColdStartReport.Section(results.ColdStart, results.ColdStartRuns)).AppendLine()
            .AppendLine(GrowthReport.Section(results.Intake, results.MonthlyRun, results.Others)).AppendLine();
        foreach (var other in results.Others)
        {
            document.AppendLine($"""
                ## Other benchmarks: {other.Project}

                Run by `./build.sh bench` as `dotnet run -c Release --no-build --project {other.Project}`; its output (markdown) as printed:

                {other.Output.TrimEnd()}

                """);
        }

        return new Report(tables, document.ToString().TrimEnd() + "\n");
    }

    private static string Summary(BenchResults results)
    {
        var table = new MarkdownTable("scenario", "figure", ">measured", "baseline (same run)", ">baseline", ">ratio", "target");
        var intake = results.Intake.Single(r => r.Scale == 1);
        table.Row("intake, 1x", "sign-ups per second", intake.Signups.PerSecond, "bare inserts per second", intake.BareInserts.PerSecond, IntakeReport.Ratio(intake),
            string.Create(CultureInfo.InvariantCulture, $"at least {IntakeReport.TargetRatio:0.0}: {(IntakeReport.Ratio(intake) >= IntakeReport.TargetRatio ? "met" : "**missed**")}"));
        table.Row("intake, 1x", "storage requests before the answer, per sign-up", intake.StorageRequestsPerSignup, "bare insert", 1, intake.StorageRequestsPerSignup,
            intake.StorageRequestsPerSignup <= IntakeReport.StorageRequestsTarget ? "at most 3: met" : "at most 3: **missed**");
        table.Row("intake, 1x", "app storage requests per second", intake.StorageRequestsPerSecond, "bare inserts per second", intake.BareInserts.PerSecond, IntakeReport.StorageRatio(intake), "");
        table.Row("intake, 1x", "sign-up p50 / p99 ms", $"{intake.Signups.P50Ms:0} / {intake.Signups.P99Ms:0}", "insert p50 / p99 ms", $"{intake.BareInserts.P50Ms:0} / {intake.BareInserts.P99Ms:0}", IntakeReport.P99Ratio(intake),
            Targets.AtMost(IntakeReport.P99Ratio(intake), IntakeReport.P99TargetRatio) + " (p99)");
        var closed = MonthlyRunReport.Phase(results.MonthlyRun, 1, MonthlyRunReport.ClosedXml);
        var floor = MonthlyRunReport.Phase(results.MonthlyRun, 1, MonthlyRunReport.Floor);
        foreach (var scale in MonthlyRunReport.TargetScales(results.MonthlyRun))
        {
            var c = MonthlyRunReport.Phase(results.MonthlyRun, scale, MonthlyRunReport.ClosedXml);
            var f = MonthlyRunReport.Phase(results.MonthlyRun, scale, MonthlyRunReport.Floor);
            table.Row($"monthly run, {scale}x", "all groups' workbooks, ms", c.TotalMs, "OpenXmlWriter floor, ms", f.TotalMs, c.TotalMs / f.TotalMs,
                Targets.AtMost(c.TotalMs / f.TotalMs, MonthlyRunReport.TargetRatio));
            table.Row($"monthly run, {scale}x", "bytes, all groups", c.TotalBytes, "floor", f.TotalBytes, c.TotalBytes / (double)f.TotalBytes,
                Targets.AtMost(c.TotalBytes / (double)f.TotalBytes, MonthlyRunReport.BytesTargetRatio));
        }

        table.Row("monthly run, 1x", "peak working set MB", closed.PeakWorkingSetMB, "floor", floor.PeakWorkingSetMB, closed.PeakWorkingSetMB / floor.PeakWorkingSetMB, "");
        var product = InvitationsReport.Variant(results.Invitations, InvitationsScenario.Product);
        var batches = InvitationsReport.Variant(results.Invitations, InvitationsScenario.SdkBatches);
        var single = InvitationsReport.Variant(results.Invitations, InvitationsScenario.SdkSingle);
        table.Row("invitations", $"{product.Sent:N0} sent, wall ms ({product.SendGridRequests} requests)", product.WallMs, "SDK batches, no ledger", batches.WallMs, product.WallMs / batches.WallMs,
            Targets.AtMost(product.WallMs / batches.WallMs, InvitationsReport.TargetRatio));
        table.Row("invitations", "allocated MB", product.AllocatedMB, "SDK batches, no ledger", batches.AllocatedMB, product.AllocatedMB / batches.AllocatedMB,
            Targets.AtMost(product.AllocatedMB / batches.AllocatedMB, InvitationsReport.TargetRatio));
        table.Row("invitations", $"one per request, wall ms ({single.SendGridRequests:N0} requests)", single.WallMs, "SDK batches, no ledger", batches.WallMs, single.WallMs / batches.WallMs, "");
        ColdStartReport.SummaryRows(table, results.ColdStart);
        return table.ToString();
    }
}

internal static class LoadAverage
{
    /// <summary>The 1, 5 and 15 minute load averages (on 2 cores, 2.00 means both busy).</summary>
    public static string Now() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
