using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using LocalGovStandard.Platform.Spreadsheets;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Reports;

/// <summary>
/// Builds a peer group's monthly workbook: ClosedXML writes the sheets and tables, then the Open
/// XML SDK adds the Dashboard's native charts to the saved package.
/// </summary>
public static class ProgressWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<string> SheetNames =
        [DashboardSheet.Name, DataSheets.Councils, DataSheets.Assessments, DataSheets.PointResults, DataSheets.Actions, DataSheets.Trend, DataSheets.SupportNeeds, PeerAssessmentSheets.Sheet, DataSheets.Attendance, AboutSheet.Name];

    public static byte[] Build(ProgressReport report)
    {
        using var stream = new MemoryStream();
        DashboardLayout dashboard;
        TrendLayout trend;
        using (var workbook = new XLWorkbook())
        {
            workbook.Properties.Title = $"{report.Scope.Name} peer group: progress in {report.Month.DisplayName}";
            workbook.Properties.Author = "LocalGov Standard";
            workbook.Properties.Company = "LocalGov Digital";
            workbook.Properties.Created = report.GeneratedAt.UtcDateTime;
            workbook.Properties.Modified = report.GeneratedAt.UtcDateTime;

            dashboard = DashboardSheet.Write(workbook, report);
            DataSheets.WriteCouncils(workbook, report);
            DataSheets.WriteAssessments(workbook, report);
            DataSheets.WritePointResults(workbook, report);
            DataSheets.WriteActions(workbook, report);
            trend = DataSheets.WriteTrend(workbook, report);
            DataSheets.WriteSupportNeeds(workbook, report);
            PeerAssessmentSheets.WriteSheet(workbook, report);
            DataSheets.WriteAttendance(workbook, report);
            AboutSheet.Write(workbook, report);
            workbook.Worksheet(DashboardSheet.Name).SetTabActive();
            workbook.SaveAs(stream);
        }

        using (var document = SpreadsheetDocument.Open(stream, isEditable: true))
        {
            WorkbookCharts.Add(document, DashboardSheet.Name, Charts(report, dashboard, trend));
        }

        return stream.ToArray();
    }

    /// <summary>Wide enough (12 default columns) for the bar labels to take at most two lines.</summary>
    private const int ChartColumns = 12;

    private static List<ChartSpec> Charts(ProgressReport report, DashboardLayout dashboard, TrendLayout trend)
    {
        var chartColumn = 7;
        var lineChart = new ChartSpec(
            "Councils signed up (cumulative), last 12 months",
            ChartKind.Line,
            "Councils signed up",
            WorkbookCharts.Reference(trend.SheetName, trend.FirstRow, trend.LastRow, trend.MonthColumn),
            report.Trend.Select(t => (object)t.Month.Start.UtcDateTime).ToList(),
            WorkbookCharts.Reference(trend.SheetName, trend.FirstRow, trend.LastRow, trend.SignedUpColumn),
            report.Trend.Select(t => (double?)t.SignedUp).ToList(),
            NumberFormats.Count,
            (chartColumn, 3),
            (chartColumn + ChartColumns, 20));
        var barRows = Math.Max(16, (report.PointRates.Count * WorkbookCharts.RowsPerBar) + 6);
        var barChart = new ChartSpec(
            "Met or green rate by point (current assessments)",
            ChartKind.Bar,
            "Met or green rate",
            WorkbookCharts.Reference(dashboard.SheetName, dashboard.PointRatesFirstRow, dashboard.PointRatesLastRow, dashboard.PointLabelColumn),
            report.PointRates.Select(p => (object)p.Label).ToList(),
            WorkbookCharts.Reference(dashboard.SheetName, dashboard.PointRatesFirstRow, dashboard.PointRatesLastRow, dashboard.PointRateColumn),
            report.PointRates.Select(p => p.Rate).ToList(),
            NumberFormats.Share,
            (chartColumn, 21),
            (chartColumn + ChartColumns, 21 + barRows));
        return [lineChart, barChart];
    }
}
