using System.Globalization;
using ClosedXML.Excel;
using LocalGovStandard.Platform.Spreadsheets;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Reports;

/// <summary>Where the Dashboard's figures landed, so the charts added afterwards can point at them.</summary>
public sealed record DashboardLayout(string SheetName, int PointRatesFirstRow, int PointRatesLastRow, int PointLabelColumn, int PointRateColumn);

/// <summary>Headline figures with their month-on-month change, and each point's met-or-green rate (the bar chart's data).</summary>
public static class DashboardSheet
{
    public const string Name = "Dashboard";
    public const string HeadlinesTable = "Headlines";
    public const string PointRatesTable = "PointRates";
    public const int HeadlinesRow = 4;

    public static DashboardLayout Write(XLWorkbook workbook, ProgressReport report)
    {
        var sheet = workbook.AddWorksheet(Name);
        SafeCells.Text(sheet.Cell(1, 1), $"{report.Scope.Name} peer group: progress in {report.Month.DisplayName}");
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 16;
        SafeCells.Text(sheet.Cell(2, 1), string.Create(CultureInfo.InvariantCulture,
            $"Data up to the end of {report.Month.LastDay:d MMMM yyyy} (UTC). Changes are against {report.Month.Previous.DisplayName}. Definitions are on the About sheet."));

        WorkbookTables.Write(sheet, HeadlinesTable, HeadlinesRow, 1, HeadlineColumns, report.Headlines);
        for (var i = 0; i < report.Headlines.Count; i++)
        {
            var share = report.Headlines[i].Kind == FigureKind.Share;
            var row = HeadlinesRow + 1 + i;
            sheet.Range(row, 2, row, 3).Style.NumberFormat.Format = share ? NumberFormats.Share : NumberFormats.Count;
            sheet.Cell(row, 4).Style.NumberFormat.Format = share ? NumberFormats.ShareChange : NumberFormats.CountChange;
        }

        var sectionRow = HeadlinesRow + report.Headlines.Count + 2;
        SafeCells.Text(sheet.Cell(sectionRow, 1), "Met or green rate by point (current assessments)");
        sheet.Cell(sectionRow, 1).Style.Font.Bold = true;
        var ratesHeader = sectionRow + 1;
        WorkbookTables.Write(sheet, PointRatesTable, ratesHeader, 1, PointRateColumns, report.PointRates);
        PeerAssessmentSheets.WriteDashboardSection(sheet, report, ratesHeader + Math.Max(1, report.PointRates.Count) + 2);

        WorkbookTables.PrepareForScreenAndPrint(sheet, $"{report.Scope.Name}: {report.Month.DisplayName}", frozenRows: 2, repeatedRow: HeadlinesRow);
        sheet.PageSetup.FitToPages(1, 1);
        return new DashboardLayout(Name, ratesHeader + 1, ratesHeader + Math.Max(1, report.PointRates.Count), PointLabelColumn: 1, PointRateColumn: 6);
    }

    private static readonly TableColumn<Headline>[] HeadlineColumns =
    [
        new("Figure", 72, (cell, h) => SafeCells.Text(cell, h.Label)),
        new("This month", 14, (cell, h) => SafeCells.NumberOr(cell, h.Absent is null ? h.Value : null, h.Absent)),
        new("Previous month", 14, (cell, h) => SafeCells.NumberOr(cell, h.PreviousAbsent is null ? h.Previous : null, h.PreviousAbsent)),
        new("Change", 14, (cell, h) => SafeCells.Number(cell, h.Absent is null && h.PreviousAbsent is null ? h.Change : null)),
    ];

    private static readonly TableColumn<PointRate>[] PointRateColumns =
    [
        new("Point", 72, (cell, p) => SafeCells.Text(cell, p.Label)),
        new("Standard", 14, (cell, p) => SafeCells.Text(cell, StandardLabels.Abbreviated(p.Standard))),
        new("Point number", 14, (cell, p) => cell.SetValue(p.Point.Number)),
        new("Ratings", 14, (cell, p) => cell.SetValue(p.Ratings), NumberFormats.Count),
        new("Met or green", 14, (cell, p) => cell.SetValue(p.Passing), NumberFormats.Count),
        new("Rate", 10, (cell, p) => SafeCells.Number(cell, p.Rate), NumberFormats.Share),
    ];
}
