using System.Globalization;

namespace LocalGovStandard.Bench;

internal static class GrowthReport
{
    /// <summary>Cost per unit of data, relative to 1x, within which growth reads as linear on this noisy machine.</summary>
    private const double LinearTolerance = 0.35;

    public static string Table(IReadOnlyList<IntakeResult> intake, IReadOnlyList<WorkbookPhase> monthly)
    {
        var intakeOne = intake.Single(r => r.Scale == 1);
        var closedOne = MonthlyRunReport.Phase(monthly, 1, MonthlyRunReport.ClosedXml);
        var floorOne = MonthlyRunReport.Phase(monthly, 1, MonthlyRunReport.Floor);
        var table = new MarkdownTable("data", ">intake: sign-ups", ">wall s", ">vs 1x", ">per sign-up vs 1x", ">p50 ms",
            ">monthly run: assessments", ">ClosedXML ms", ">vs 1x", ">per assessment vs 1x", ">floor ms", ">vs 1x", ">ClosedXML peak WS MB");
        foreach (var r in intake)
        {
            var closed = MonthlyRunReport.Phase(monthly, r.Scale, MonthlyRunReport.ClosedXml);
            var floor = MonthlyRunReport.Phase(monthly, r.Scale, MonthlyRunReport.Floor);
            table.Row($"{r.Scale}x", r.Signups.Operations, r.Signups.Seconds, r.Signups.Seconds / intakeOne.Signups.Seconds,
                r.Signups.Seconds / r.Signups.Operations / (intakeOne.Signups.Seconds / intakeOne.Signups.Operations), r.Signups.P50Ms,
                closed.Assessments, closed.TotalMs, closed.TotalMs / closedOne.TotalMs,
                closed.TotalMs / closed.Assessments / (closedOne.TotalMs / closedOne.Assessments),
                floor.TotalMs, floor.TotalMs / floorOne.TotalMs, closed.PeakWorkingSetMB);
        }

        return table.ToString();
    }

    public static string Section(IReadOnlyList<IntakeResult> intake, IReadOnlyList<WorkbookPhase> monthly, IReadOnlyList<OtherBenchOutput> others)
    {
        var largest = intake.Max(r => r.Scale);
        var intakeLargest = intake.Single(r => r.Scale == largest);
        var intakeOne = intake.Single(r => r.Scale == 1);
        var perSignup = intakeLargest.Signups.Seconds / intakeLargest.Signups.Operations / (intakeOne.Signups.Seconds / intakeOne.Signups.Operations);
        var closed = MonthlyRunReport.Phase(monthly, largest, MonthlyRunReport.ClosedXml);
        var closedOne = MonthlyRunReport.Phase(monthly, 1, MonthlyRunReport.ClosedXml);
        var perAssessment = closed.TotalMs / closed.Assessments / (closedOne.TotalMs / closedOne.Assessments);
        string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        return $"""
            ## Growth: 1x, 2x and 4x the data

            "2x" and "4x" copy every council of the register (same region, new codes), so every region,
            peer group and partition holds twice or four times the rows. Intake posts two sign-ups per
            council at each scale; the monthly run has 10 assessments per council. *Per sign-up* and *per
            assessment* divide the cost by the data: 1.00 means exactly linear.

            {Table(intake, monthly)}
            **Intake is {Linear(perSignup)}:** at {largest}x each sign-up costs {F(perSignup)} times what it costs
            at 1x. A sign-up touches a fixed number of rows whatever the data: a point read and an insert
            in the council's region partition (by RowKey), an append to the audit log and the ledger, and
            one lookup in the register, which is cached in memory (one query per region every five
            minutes, so a larger register costs a few more rows once, not per sign-up). Nothing in it
            scans a table or a partition, so the time grows with the number of sign-ups and the rate
            stays flat; what moves it is Azurite and the machine, not the data.

            **The monthly run is {Linear(perAssessment)}:** at {largest}x the ClosedXML run costs {F(perAssessment)} times
            as much per assessment as at 1x. Every figure is a fixed number of linear passes
            (`ProgressCalculator`: 12 passes, one per month of the trend, plus per-council groupings),
            and the workbook has a row per council, assessment, point result and action, so work and
            memory grow with the rows. ClosedXML keeps every cell in memory until it saves, so its peak
            memory grows with the largest group; the floor streams. In a real run the storage reads are
            all partition queries, and more data adds rows to them, not queries: per region one query
            for the council rows of `Signups`, one for the contacts and one range query over its months
            of `SubmittedAssessments`, then one query per assessed council for its actions (so the query
            count grows with the councils, linearly, each returning a few dozen rows). Table Storage
            returns at most 1,000 entities a page, so twice the rows means up to twice the pages. The
            "to date" range also reads every month since the first assessment, so a run grows linearly
            with accumulated history too; a monthly roll-up row per region would bound that if it ever
            mattered. Groups are built one after another, so peak memory follows the largest group,
            not the national total.

            {Dashboard(others)}
            """;
    }

    private static string Linear(double costPerUnitRelativeToOne) =>
        Math.Abs(costPerUnitRelativeToOne - 1) <= LinearTolerance ? "linear" :
        costPerUnitRelativeToOne < 1 ? "sub-linear (fixed costs spread over more data)" : "worse than linear in this run";

    private static string Dashboard(IReadOnlyList<OtherBenchOutput> others) => others.Count == 0
        ? """
          **Dashboard:** no dashboard benchmark is in this tree yet. `./build.sh bench` builds and runs
          every other `tools/*Bench` project (for example `tools/LocalGovStandard.DashboardBench`) with no
          arguments and puts its output here, under "Other benchmarks".
          """
        : "**Dashboard and other benchmarks:** see \"Other benchmarks\" below; their output is reproduced as they print it.";
}
