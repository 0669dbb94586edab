using System.Globalization;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Bench;

internal static class GrowthReport
{
    /// <summary>Work per unit of data, relative to 1x, within which growth reads as linear.</summary>
    private const double LinearTolerance = 0.2;

    public static string Table(IReadOnlyList<IntakeResult> intake, IReadOnlyList<WorkbookPhase> monthly)
    {
        var intakeOne = intake.Single(r => r.Scale == 1);
        var closedOne = MonthlyRunReport.Phase(monthly, 1, MonthlyRunReport.ClosedXml);
        var floorOne = MonthlyRunReport.Phase(monthly, 1, MonthlyRunReport.Floor);
        var table = new MarkdownTable("data", ">intake: sign-ups", ">wall s", ">wall per sign-up vs 1x", ">storage requests per sign-up", ">p50 ms",
            ">monthly run: assessments", ">ClosedXML ms", ">ms per assessment vs 1x", ">allocated per assessment vs 1x",
            ">floor ms", ">floor allocated per assessment vs 1x", ">ClosedXML peak WS MB");
        foreach (var r in intake)
        {
            var closed = MonthlyRunReport.Phase(monthly, r.Scale, MonthlyRunReport.ClosedXml);
            var floor = MonthlyRunReport.Phase(monthly, r.Scale, MonthlyRunReport.Floor);
            table.Row($"{r.Scale}x", r.Signups.Operations, r.Signups.Seconds, PerSignup(r, intakeOne), r.StorageRequestsPerSignup, r.Signups.P50Ms,
                closed.Assessments, closed.TotalMs, PerAssessment(closed, closedOne, p => p.TotalMs), PerAssessment(closed, closedOne, p => p.AllocatedMB),
                floor.TotalMs, PerAssessment(floor, floorOne, p => p.AllocatedMB), closed.PeakWorkingSetMB);
        }

        return table.ToString();
    }

    public static string Section(IReadOnlyList<IntakeResult> intake, IReadOnlyList<WorkbookPhase> monthly, IReadOnlyList<OtherBenchOutput> others)
    {
        var largest = intake.Max(r => r.Scale);
        var intakeOne = intake.Single(r => r.Scale == 1);
        var intakeLargest = intake.Single(r => r.Scale == largest);
        var closedOne = MonthlyRunReport.Phase(monthly, 1, MonthlyRunReport.ClosedXml);
        var closed = MonthlyRunReport.Phase(monthly, largest, MonthlyRunReport.ClosedXml);
        var requestsRatio = intakeLargest.StorageRequestsPerSignup / intakeOne.StorageRequestsPerSignup;
        var allocatedRatio = PerAssessment(closed, closedOne, p => p.AllocatedMB);
        string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        string Range(IEnumerable<double> values) => $"{F(values.Min())} and {F(values.Max())}";
        return $"""
            ## Growth: 1x, 2x and 4x the data

            "2x" and "4x" copy every council of the register (same region, new codes), so every region,
            peer group and partition holds twice or four times the rows. Intake posts two sign-ups per
            council at each scale; the monthly run has 10 assessments per council. The *vs 1x* columns
            divide the cost by the data and compare it with 1x: 1.00 means exactly linear. Two measures
            hardly move with what else runs on the machine: the storage requests per sign-up (counted),
            and the bytes allocated per assessment (within about 10% from run to run). The times do
            move: each scale runs at a different moment of a shared machine's load.

            {Table(intake, monthly)}
            **Intake is {Linear(requestsRatio)}.** Each sign-up makes {F(intakeOne.StorageRequestsPerSignup)} storage requests at 1x and
            {F(intakeLargest.StorageRequestsPerSignup)} at {largest}x, and its wall time per sign-up moved between
            {Range(intake.Select(r => PerSignup(r, intakeOne)))} times 1x with the machine's load, not with the data. A sign-up
            touches a fixed number of rows whatever the data: a point read and an insert in the council's
            region partition (by PartitionKey and RowKey), an append to the audit log and to the mail
            ledger, and one lookup in the register, which is cached in memory (one query per region every
            five minutes, so a larger register costs a few more rows once, not per sign-up). Nothing in it
            scans a table or a partition, so the total time grows with the number of sign-ups, and the
            rate stays flat.

            **The monthly run is {Linear(allocatedRatio)}.** At {largest}x ClosedXML allocates {F(allocatedRatio)} times as much per
            assessment as at 1x (the floor {F(PerAssessment(MonthlyRunReport.Phase(monthly, largest, MonthlyRunReport.Floor), MonthlyRunReport.Phase(monthly, 1, MonthlyRunReport.Floor), p => p.AllocatedMB))}); its time per
            assessment moved between {Range(monthly.Where(p => p.Writer == MonthlyRunReport.ClosedXml).Select(p => PerAssessment(p, closedOne, q => q.TotalMs)))} times 1x,
            with the load. Every figure is a fixed number of linear passes (`ProgressCalculator`: 12
            passes, one per month of the trend, plus per-council groupings), and the workbook has a row
            per council, assessment, point result and action, so work and memory grow with the rows.
            ClosedXML keeps every cell in memory until it saves, so its peak memory grows with the
            largest group; the floor streams. In a real run the storage reads are all partition
            queries, and more data adds rows to them, not queries: per region one query for the council
            rows of `Signups`, one for the contacts and one range query over its months of
            `SubmittedAssessments`, then one query per assessed council for its actions (so the query
            count grows linearly with the councils, each returning a few dozen rows). Table Storage
            returns at most 1,000 entities a page, so twice the rows means up to twice the pages. The
            "to date" range also reads every month since the first assessment, so a run grows linearly
            with accumulated history too; a monthly roll-up row per region would bound that if it ever
            mattered. Groups are built one after another, so peak memory follows the largest group, not
            the national total.

            {Dashboard(others)}
            """;
    }

    private static double PerSignup(IntakeResult r, IntakeResult one) =>
        r.Signups.Seconds / r.Signups.Operations / (one.Signups.Seconds / one.Signups.Operations);

    private static double PerAssessment(WorkbookPhase phase, WorkbookPhase one, Func<WorkbookPhase, double> cost) =>
        cost(phase) / phase.Assessments / (cost(one) / one.Assessments);

    private static string Linear(double workPerUnitRelativeToOne) =>
        Math.Abs(workPerUnitRelativeToOne - 1) <= LinearTolerance ? "linear" :
        workPerUnitRelativeToOne < 1 ? "less than linear" : "more than linear in this run";

    private static string Dashboard(IReadOnlyList<OtherBenchOutput> others) => others.Count == 0
        ? """
          **Dashboard:** no dashboard benchmark is in this tree yet. `./build.sh bench` builds and runs
          every other `tools/*Bench` project (for example `tools/LocalGovStandard.DashboardBench`) with no
          arguments and puts its output here, under "Other benchmarks".
          """
        : "**Dashboard and other benchmarks:** see \"Other benchmarks\" below; their output is reproduced as they print it.";
}
