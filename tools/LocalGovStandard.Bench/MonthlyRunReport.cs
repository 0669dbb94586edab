using System.Globalization;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Bench;

internal static class MonthlyRunReport
{
    public const string ClosedXml = "closedxml";
    public const string Floor = "sax";

    public static WorkbookPhase Phase(IReadOnlyList<WorkbookPhase> phases, int scale, string writer) =>
        phases.Single(p => p.Scale == scale && p.Writer == writer);

    public static string Table(IReadOnlyList<WorkbookPhase> phases)
    {
        var table = new MarkdownTable("data", ">councils", ">assessments", ">actions",
            ">ClosedXML ms (all groups)", ">floor ms", ">ratio", ">ClosedXML write ms", ">floor write ms", ">ratio",
            ">slowest group ms", ">ClosedXML peak WS MB", ">floor peak WS MB", ">ratio",
            ">ClosedXML peak GC heap MB", ">floor MB", ">ratio", ">ClosedXML allocated MB", ">floor MB", ">ratio",
            ">ClosedXML bytes", ">floor bytes", ">ratio", ">largest workbook bytes");
        foreach (var scale in phases.Select(p => p.Scale).Distinct().Order())
        {
            var c = Phase(phases, scale, ClosedXml);
            var f = Phase(phases, scale, Floor);
            table.Row($"{scale}x", c.Councils, c.Assessments, c.Actions,
                c.TotalMs, f.TotalMs, c.TotalMs / f.TotalMs, c.WriteMs, f.WriteMs, c.WriteMs / f.WriteMs,
                c.SlowestGroupMs, c.PeakWorkingSetMB, f.PeakWorkingSetMB, c.PeakWorkingSetMB / f.PeakWorkingSetMB,
                c.PeakHeapMB, f.PeakHeapMB, c.PeakHeapMB / f.PeakHeapMB, c.AllocatedMB, f.AllocatedMB, c.AllocatedMB / f.AllocatedMB,
                c.TotalBytes, f.TotalBytes, c.TotalBytes / (double)f.TotalBytes, c.LargestBytes);
        }

        return table.ToString();
    }

    public static string Section(IReadOnlyList<WorkbookPhase> phases, string command)
    {
        var one = Phase(phases, 1, ClosedXml);
        return $"""
            ## Monthly run: every peer group's workbook

            `./build.sh bench` runs the existing workbook benchmark as it is:

            ```sh
            {command}
            ```

            It reads the current councils from the shared UK register ({one.Councils.ToString("N0", CultureInfo.InvariantCulture)} at 1x, across all
            12 regions) and makes up national-scale activity in memory, the same every run (fixed seed):
            every council signed up with two verified contacts; 10 submitted assessments per council over
            the two years up to the report month, every third a reassessment; each point passing with a
            chance of 70%; an action for every failing point, half of them done. For each of the 10
            default peer groups it runs the product's own `ProgressCalculator` and `ProgressWorkbook`
            (the code the timer runs), and again with `SaxFloorWorkbook`: the same sheets and named
            tables, cell for cell, streamed with the Open XML SDK's `OpenXmlWriter`, with inline strings,
            one date style and no widths, conditional formats or charts. That is the baseline: the least
            work that gives the same data.

            - Each (data scale, writer) pair runs in its own child process, so each peak-memory figure is
              that pair's alone: one warm-up pass over every group, then timed passes; the figures are
              the median pass.
            - *ms (all groups)*: working out the figures and writing every group's workbook (ClosedXML
              also adds the two native charts). *Peak WS*: the process's peak working set, including the
              runtime and the generated data. *Peak GC heap*: the managed heap, sampled every 2 ms.
            - Storage reads, the blob uploads and the emails of a real run are not in these figures (they
              are a few dozen partition queries, 10 uploads and one email per lead).

            {Table(phases)}
            Building every group's workbook for the whole UK takes {(one.TotalMs / 1000).ToString("0.0", CultureInfo.InvariantCulture)} s at 1x, the slowest
            single group {one.SlowestGroupMs.ToString("N0", CultureInfo.InvariantCulture)} ms, and the largest workbook is {(one.LargestBytes / 1024.0).ToString("N0", CultureInfo.InvariantCulture)} KB:
            far inside the host's 10-minute `functionTimeout` and the 5 MiB attachment limit.
            ClosedXML holds a whole workbook's cells in memory, while the floor streams them; the files are
            about the same size because ClosedXML's shared strings offset its styles and charts.
            """;
    }
}
