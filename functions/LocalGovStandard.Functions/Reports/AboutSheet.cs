using System.Globalization;
using ClosedXML.Excel;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Spreadsheets;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Reports;

/// <summary>What the workbook covers, when it was made, the standard versions, and what each figure means.</summary>
public static class AboutSheet
{
    public const string Name = "About";

    public static void Write(XLWorkbook workbook, ProgressReport report)
    {
        var sheet = workbook.AddWorksheet(Name);
        sheet.Column(1).Width = 44;
        sheet.Column(2).Width = 100;
        sheet.Column(2).Style.Alignment.WrapText = true;
        sheet.Column(1).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;

        var row = 1;
        Heading(sheet, row++, "About this workbook");
        Pair(sheet, row++, "Peer group", report.Scope.Name);
        if (report.Scope is PeerGroupScope { Group.Kind: PeerGroup.CouncilsKind } councilList)
        {
            Pair(sheet, row++, "Councils", string.Join(", ", councilList.Group.Councils.Select(c => c.Name)));
        }
        else
        {
            Pair(sheet, row++, "Regions", string.Join(", ", report.Scope.Regions.Select(r => r.Name)));
        }

        Pair(sheet, row++, "Month", report.Month.DisplayName);
        SafeCells.Text(sheet.Cell(row, 1), "Data as of (end of day, UTC)");
        sheet.Cell(row, 2).SetValue(report.Month.LastDay.ToDateTime(TimeOnly.MinValue));
        sheet.Cell(row++, 2).Style.NumberFormat.Format = NumberFormats.Date;
        SafeCells.Text(sheet.Cell(row, 1), "Generated at (UTC)");
        sheet.Cell(row, 2).SetValue(report.GeneratedAt.UtcDateTime);
        sheet.Cell(row++, 2).Style.NumberFormat.Format = NumberFormats.DateTime;
        Pair(sheet, row++, "Source", "LocalGov Standard back office: the council register, sign-ups, submitted assessments and their actions, and peer-assessment requests.");

        row++;
        Heading(sheet, row++, "Standard versions");
        foreach (var standard in report.Standards)
        {
            Pair(sheet, row++, $"{standard.Name} {standard.Version}", string.Create(CultureInfo.InvariantCulture,
                $"{StandardLabels.Abbreviated(standard)} (id {standard.Id}): {standard.Points.Count} points, rated {string.Join(" / ", standard.Scale.Ratings.Select(r => r.Label.ToLowerInvariant()))}. Passing: {string.Join(", ", standard.Scale.Ratings.Where(r => r.Passes).Select(r => r.Label.ToLowerInvariant()))}."));
        }

        row++;
        Heading(sheet, row++, "Definitions");
        foreach (var headline in report.Headlines)
        {
            Pair(sheet, row++, headline.Label, HeadlineCatalogue.Find(headline.Key).Definition);
        }

        Pair(sheet, row++, "Change", "This month's figure minus the previous month's, worked out with the same definitions at the end of the previous month. Shares change in percentage points.");
        foreach (var (label, definition) in PeerAssessmentSheets.Definitions)
        {
            Pair(sheet, row++, label, definition);
        }

        row++;
        Heading(sheet, row++, "Sheets");
        Pair(sheet, row++, DashboardSheet.Name, "Headline figures and charts. The charts read the Headlines, PointRates and Trend tables, so they follow any edits.");
        Pair(sheet, row++, DataSheets.Councils, "Every current council in the group's regions. Contact names and email addresses appear only for verified contacts who agreed to be contacted.");
        Pair(sheet, row++, DataSheets.Assessments, "Every assessment submitted by the end of the month.");
        Pair(sheet, row++, DataSheets.PointResults, "Council by point, for current assessments: the share of the council's assessments against that standard that passed the point. Red is 0%, amber 50%, green 100%; blank means not assessed against that standard.");
        Pair(sheet, row++, DataSheets.Actions, "Actions open at the end of the month, overdue ones highlighted.");
        Pair(sheet, row++, DataSheets.Trend, "The same figures at the end of each of the last 12 months.");
        Pair(sheet, row++, DataSheets.SupportNeeds, "Each council's support needs at the end of the month, a row per point: how well it understands the point and how much support it needs, from the latest answers its contacts gave by then (answer set and date).");
        Pair(sheet, row++, PeerAssessmentSheets.Sheet, "Every peer assessment the group's councils requested by the end of the month, as it stood then: status, panel date, outcome and the days from request to assessment. No person is named; the councils that sat on each panel are counted in the Dashboard's AssessorLoad table.");
        Pair(sheet, row++, DataSheets.Attendance, "The group's meet-ups that started by the end of the month and have their attendance recorded, a row per meet-up and council: how many from the council came (people with a place and people who came without one). No names.");

        row++;
        Heading(sheet, row++, "PointResults columns");
        foreach (var column in report.PointColumns)
        {
            Pair(sheet, row++, column.Header, $"{column.Standard.Name} {column.Standard.Version}, point {column.Point.Number}: {column.Point.Title}");
        }

        WorkbookTables.PrepareForScreenAndPrint(sheet, $"{report.Scope.Name}, {report.Month.DisplayName}: about", 1, 1);
        sheet.PageSetup.PageOrientation = XLPageOrientation.Portrait;
    }

    private static void Heading(IXLWorksheet sheet, int row, string text)
    {
        SafeCells.Text(sheet.Cell(row, 1), text);
        sheet.Cell(row, 1).Style.Font.Bold = true;
        sheet.Cell(row, 1).Style.Font.FontSize = row == 1 ? 16 : 12;
    }

    private static void Pair(IXLWorksheet sheet, int row, string label, string value)
    {
        SafeCells.Text(sheet.Cell(row, 1), label);
        SafeCells.Text(sheet.Cell(row, 2), value);
    }
}
