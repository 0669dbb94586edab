using ClosedXML.Excel;
using LocalGovStandard.Platform.Spreadsheets;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Reports;

/// <summary>Where the Trend table landed, for the line chart.</summary>
public sealed record TrendLayout(string SheetName, int FirstRow, int LastRow, int MonthColumn, int SignedUpColumn);

/// <summary>The data sheets: each one named Excel table starting at A1, so Power BI and filters find them by name.</summary>
public static class DataSheets
{
    public const string Councils = "Councils";
    public const string Assessments = "Assessments";
    public const string PointResults = "PointResults";
    public const string Actions = "Actions";
    public const string Trend = "Trend";
    public const string SupportNeeds = "SupportNeeds";
    public const string Attendance = "Attendance";

    public static void WriteCouncils(XLWorkbook workbook, ProgressReport report)
    {
        var sheet = workbook.AddWorksheet(Councils);
        WorkbookTables.Write(sheet, Councils, 1, 1, CouncilColumns, report.Councils);
        WorkbookTables.PrepareForScreenAndPrint(sheet, Title(report, "councils"), 1, 1);
    }

    public static void WriteAssessments(XLWorkbook workbook, ProgressReport report)
    {
        var sheet = workbook.AddWorksheet(Assessments);
        WorkbookTables.Write(sheet, Assessments, 1, 1, AssessmentColumns, report.Assessments);
        WorkbookTables.PrepareForScreenAndPrint(sheet, Title(report, "assessments submitted to date"), 1, 1);
    }

    /// <summary>Council by point: one column per point of each standard, coloured red (0%) through amber to green (100%).</summary>
    public static void WritePointResults(XLWorkbook workbook, ProgressReport report)
    {
        var sheet = workbook.AddWorksheet(PointResults);
        var columns = new List<TableColumn<PointResultRow>>
        {
            new("Council", 40, (cell, r) => SafeCells.Text(cell, r.Council.OfficialName)),
            new("GSS code", 12, (cell, r) => SafeCells.Text(cell, r.Council.GssCode)),
        };
        for (var s = 0; s < report.Standards.Count; s++)
        {
            var index = s;
            columns.Add(new($"{StandardLabels.Abbreviated(report.Standards[s])} assessments", 13, (cell, r) => cell.SetValue(r.AssessmentsByStandard[index]), NumberFormats.Count));
        }

        for (var p = 0; p < report.PointColumns.Count; p++)
        {
            var index = p;
            columns.Add(new(report.PointColumns[p].Header, 9, (cell, r) => SafeCells.Number(cell, r.Rates[index]), "0%"));
        }

        var range = WorkbookTables.Write(sheet, PointResults, 1, 1, columns, report.PointResults);
        var firstPointColumn = 3 + report.Standards.Count;
        if (report.PointColumns.Count > 0 && report.PointResults.Count > 0)
        {
            sheet.Range(2, firstPointColumn, range.LastRow().RowNumber(), range.LastColumn().ColumnNumber())
                .AddConditionalFormat().ColorScale()
                .Minimum(XLCFContentType.Number, 0, XLColor.FromHtml("#F8696B"))
                .Midpoint(XLCFContentType.Number, 0.5, XLColor.FromHtml("#FFEB84"))
                .Maximum(XLCFContentType.Number, 1, XLColor.FromHtml("#63BE7B"));
        }

        WorkbookTables.PrepareForScreenAndPrint(sheet, Title(report, "point results"), 1, 1);
        sheet.SheetView.Freeze(1, 2);
    }

    /// <summary>A row per council and point, from the council's answers that counted at the month's end.</summary>
    public static void WriteSupportNeeds(XLWorkbook workbook, ProgressReport report) =>
        WriteTableSheet(workbook, SupportNeeds, SupportNeedColumns, report.SupportNeeds, Title(report, "support needs"), frozenColumns: 2);

    /// <summary>A sheet holding one named table (named as the sheet), its header row and first columns frozen.</summary>
    private static void WriteTableSheet<T>(XLWorkbook workbook, string name, TableColumn<T>[] columns, IReadOnlyList<T> rows, string title, int frozenColumns)
    {
        var sheet = workbook.AddWorksheet(name);
        WorkbookTables.Write(sheet, name, 1, 1, columns, rows);
        WorkbookTables.PrepareForScreenAndPrint(sheet, title, 1, 1);
        sheet.SheetView.Freeze(1, frozenColumns);
    }

    private static readonly TableColumn<SupportNeedRow>[] SupportNeedColumns =
    [
        new("Council", 40, (cell, r) => SafeCells.Text(cell, r.CouncilName)),
        new("GSS code", 12, (cell, r) => SafeCells.Text(cell, r.GssCode)),
        new("Answer set", 11, (cell, r) => cell.SetValue(r.Version), NumberFormats.Count),
        new("Answered on", 14, (cell, r) => SafeCells.Date(cell, r.AnsweredAt), NumberFormats.Date),
        new("Point", 8, (cell, r) => cell.SetValue(r.Point)),
        new("Point title", 45, (cell, r) => SafeCells.Text(cell, r.PointTitle)),
        new("Understanding", 14, (cell, r) => SafeCells.Text(cell, r.UnderstandingLabel)),
        new("Support needed", 15, (cell, r) => SafeCells.Text(cell, r.SupportLabel)),
    ];

    /// <summary>A row per meet-up and council: how many from the council came. Counts only; the attendee lists stay with the event.</summary>
    public static void WriteAttendance(XLWorkbook workbook, ProgressReport report) =>
        WriteTableSheet(workbook, Attendance, AttendanceColumns, report.Attendance, Title(report, "meet-up attendance"), frozenColumns: 1);

    private static readonly TableColumn<AttendanceRow>[] AttendanceColumns =
    [
        new("Meet-up", 40, (cell, r) => SafeCells.Text(cell, r.Title)),
        new("Date", 12, (cell, r) => SafeCells.Date(cell, r.StartsAt), NumberFormats.Date),
        new("Points", 10, (cell, r) => SafeCells.Text(cell, r.Points)),
        new("Council", 40, (cell, r) => SafeCells.Text(cell, r.CouncilName)),
        new("GSS code", 12, (cell, r) => SafeCells.Text(cell, r.GssCode)),
        new("Attended", 10, (cell, r) => cell.SetValue(r.Attended), NumberFormats.Count),
    ];

    public static void WriteActions(XLWorkbook workbook, ProgressReport report)
    {
        var sheet = workbook.AddWorksheet(Actions);
        var range = WorkbookTables.Write(sheet, Actions, 1, 1, ActionColumns, report.Actions);
        if (report.Actions.Count > 0)
        {
            var overdueColumn = Array.FindIndex(ActionColumns, c => c.Header == "Overdue") + 1;
            var overdueLetter = XLHelper.GetColumnLetterFromNumber(overdueColumn);
            var rows = sheet.Range(2, 1, range.LastRow().RowNumber(), ActionColumns.Length);
            var overdue = rows.AddConditionalFormat().WhenIsTrue($"${overdueLetter}2=\"Yes\"");
            overdue.Fill.SetBackgroundColor(XLColor.FromHtml("#FFC7CE"));
            overdue.Font.SetFontColor(XLColor.FromHtml("#9C0006"));
        }
        WorkbookTables.PrepareForScreenAndPrint(sheet, Title(report, "open and overdue actions"), 1, 1);
    }

    public static TrendLayout WriteTrend(XLWorkbook workbook, ProgressReport report)
    {
        var sheet = workbook.AddWorksheet(Trend);
        WorkbookTables.Write(sheet, Trend, 1, 1, TrendColumns, report.Trend);
        WorkbookTables.PrepareForScreenAndPrint(sheet, Title(report, "month by month"), 1, 1);
        return new TrendLayout(Trend, 2, 1 + Math.Max(1, report.Trend.Count), MonthColumn: 1, SignedUpColumn: 2);
    }

    private static string Title(ProgressReport report, string what) => $"{report.Scope.Name}, {report.Month.DisplayName}: {what}";

    private static readonly TableColumn<CouncilRow>[] CouncilColumns =
    [
        new("Council", 40, (cell, r) => SafeCells.Text(cell, r.Council.OfficialName)),
        new("GSS code", 12, (cell, r) => SafeCells.Text(cell, r.Council.GssCode)),
        new("Local authority code", 12, (cell, r) => SafeCells.Text(cell, r.Council.LocalAuthorityCode)),
        new("Region", 22, (cell, r) => SafeCells.Text(cell, r.Council.Region.Name)),
        new("Authority type", 26, (cell, r) => SafeCells.Text(cell, r.Council.AuthorityType)),
        new("Signed up", 10, (cell, r) => SafeCells.YesNo(cell, r.SignedUpAt is not null)),
        new("Signed up on", 14, (cell, r) => SafeCells.Date(cell, r.SignedUpAt), NumberFormats.Date),
        new("Verified contacts", 10, (cell, r) => cell.SetValue(r.VerifiedContacts), NumberFormats.Count),
        new("Assessments submitted", 12, (cell, r) => cell.SetValue(r.AssessmentsSubmitted), NumberFormats.Count),
        new("Contact names (consented to contact)", 30, (cell, r) => SafeCells.Text(cell, string.Join("; ", r.ConsentingContacts.Select(c => c.Name)))),
        new("Contact emails (consented to contact)", 36, (cell, r) => SafeCells.Text(cell, string.Join("; ", r.ConsentingContacts.Select(c => c.Email)))),
    ];

    private static readonly TableColumn<AssessmentRow>[] AssessmentColumns =
    [
        new("Submitted at (UTC)", 17, (cell, r) => SafeCells.Date(cell, r.Assessment.SubmittedAt), NumberFormats.DateTime),
        new("Council", 36, (cell, r) => SafeCells.Text(cell, r.Assessment.CouncilName)),
        new("GSS code", 12, (cell, r) => SafeCells.Text(cell, r.Assessment.GssCode)),
        new("Reference", 16, (cell, r) => SafeCells.Text(cell, r.Assessment.Reference)),
        new("Service", 36, (cell, r) => SafeCells.Text(cell, r.Assessment.ServiceName)),
        new("Phase", 10, (cell, r) => SafeCells.Text(cell, r.Assessment.Phase)),
        new("Type", 8, (cell, r) => SafeCells.Text(cell, r.Assessment.Type)),
        new("Standard", 12, (cell, r) => SafeCells.Text(cell, r.Standard is null ? r.Assessment.StandardId : StandardLabels.Abbreviated(r.Standard))),
        new("Overall result", 12, (cell, r) => SafeCells.Text(cell, r.Standard?.OverallRating(r.Assessment.OverallResult)?.Label ?? r.Assessment.OverallResult)),
        new("Passed overall", 10, (cell, r) => SafeCells.YesNo(cell, r.Assessment.OverallPasses)),
        new("Points met or green", 10, (cell, r) => cell.SetValue(r.PointsPassing), NumberFormats.Count),
        new("Points rated", 10, (cell, r) => cell.SetValue(r.PointsRated), NumberFormats.Count),
        new("Submitted this month", 11, (cell, r) => SafeCells.YesNo(cell, r.InMonth)),
        new("Reassessment of", 16, (cell, r) => SafeCells.Text(cell, r.Assessment.PredecessorReference)),
        new("Current", 9, (cell, r) => SafeCells.YesNo(cell, r.Current)),
    ];

    private static readonly TableColumn<ActionRow>[] ActionColumns =
    [
        new("Council", 36, (cell, r) => SafeCells.Text(cell, r.CouncilName)),
        new("GSS code", 12, (cell, r) => SafeCells.Text(cell, r.Action.GssCode)),
        new("Assessment", 16, (cell, r) => SafeCells.Text(cell, r.Action.AssessmentReference)),
        new("Service", 32, (cell, r) => SafeCells.Text(cell, r.Action.ServiceName)),
        new("Standard", 12, (cell, r) => SafeCells.Text(cell, r.Standard is null ? r.Action.StandardId : StandardLabels.Abbreviated(r.Standard))),
        new("Point", 7, (cell, r) => cell.SetValue(r.Action.PointNumber)),
        new("Point title", 36, (cell, r) => SafeCells.Text(cell, r.Action.PointTitle)),
        new("Rating", 9, (cell, r) => SafeCells.Text(cell, r.Standard?.Rating(r.Action.Rating)?.Label ?? r.Action.Rating)),
        new("Raised on", 13, (cell, r) => SafeCells.Date(cell, r.Action.CreatedAt), NumberFormats.Date),
        new("Due on", 13, (cell, r) => SafeCells.Date(cell, r.Action.DueAt), NumberFormats.Date),
        new("Overdue", 9, (cell, r) => SafeCells.YesNo(cell, r.Overdue)),
        new("Days overdue", 9, (cell, r) => cell.SetValue(r.DaysOverdue), NumberFormats.Count),
    ];

    private static readonly TableColumn<TrendRow>[] TrendColumns =
    [
        new("Month", 11, (cell, r) => cell.SetValue(r.Month.Start.UtcDateTime), NumberFormats.Month),
        new("Councils signed up", 12, (cell, r) => cell.SetValue(r.SignedUp), NumberFormats.Count),
        new("Councils with a verified contact", 14, (cell, r) => cell.SetValue(r.WithVerifiedContact), NumberFormats.Count),
        new("Share of councils assessed", 13, (cell, r) => cell.SetValue(r.AssessedShare), NumberFormats.Share),
        new("Assessments submitted in month", 14, (cell, r) => cell.SetValue(r.SubmittedInMonth), NumberFormats.Count),
        new("Assessments submitted to date", 14, (cell, r) => cell.SetValue(r.SubmittedToDate), NumberFormats.Count),
        new("Share of points met or green", 13, (cell, r) => SafeCells.NumberOr(cell, r.PassShare, HeadlineCatalogue.NoRatings), NumberFormats.Share),
        new("Actions open", 10, (cell, r) => cell.SetValue(r.ActionsOpen), NumberFormats.Count),
        new("Actions overdue", 10, (cell, r) => cell.SetValue(r.ActionsOverdue), NumberFormats.Count),
    ];
}
