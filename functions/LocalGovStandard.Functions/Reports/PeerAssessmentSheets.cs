using ClosedXML.Excel;
using LocalGovStandard.PeerAssessments.Reporting;
using LocalGovStandard.Platform.Spreadsheets;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Reports;

/// <summary>
/// Peer assessment in the workbook: its figures, outcomes and each council's assessor load on the Dashboard sheet,
/// and the PeerAssessments sheet (a named table, a row per request). No person is named anywhere.
/// </summary>
public static class PeerAssessmentSheets
{
    public const string Sheet = "PeerAssessments";
    public const string FiguresTable = "PeerAssessmentFigures";
    public const string OutcomesTable = "PeerAssessmentOutcomes";
    public const string LoadTable = "AssessorLoad";

    public const string Requested = "Peer assessments requested to date";
    public const string Held = "Peer assessments held";
    public const string Outstanding = "Peer assessments outstanding (not held yet)";
    public const string MedianDays = "Median days from request to assessment";
    public const string GivingBack = "Councils whose assessors sat on a panel";
    public const string NotYetHeld = "None held yet";

    public static PeerAssessmentFigures FiguresOf(ProgressReport report) =>
        report.PeerAssessments ?? PeerAssessmentFigures.Of([], static (_, _) => false, report.Month.End);

    /// <summary>What each figure means, for the About sheet.</summary>
    public static readonly IReadOnlyList<(string Label, string Definition)> Definitions =
    [
        (Requested, "Requests for a peer assessment the group's councils made by the end of the month."),
        (Held, "Of those, the ones held by the end of the month: the report was published, or a lead had confirmed the panel for a day on or before the month's last day (the assessment day came, whether or not the report is out yet)."),
        (Outstanding, "Requested but not held by the end of the month: still waiting for a panel, or with a panel confirmed for a later day."),
        (MedianDays, "The middle value, over the held assessments, of the days from the request to the assessment day (the panel's date). Blank with \"" + NotYetHeld + "\" when none was held."),
        (GivingBack, "Councils in the group with at least one assessor who accepted a place on a panel whose report was published by the end of the month (any council's panel): the councils that give back. Someone invited who did not answer, declined or was taken off the panel is not counted."),
        ("Outcomes", "Published reports by the panel's overall result, in the standard's own words (met / not met, or green / amber / red)."),
        ("Assessor load", "Per council: assessments given is the places its assessors accepted on panels whose report was published (not invited without an answer, declined or removed), for any council; assessments received is its own requests that were held."),
    ];

    /// <summary>Writes the three tables one under another from <paramref name="row"/>.</summary>
    public static void WriteDashboardSection(IXLWorksheet sheet, ProgressReport report, int row)
    {
        var figures = FiguresOf(report);
        Heading(sheet, row, "Peer assessments");
        WorkbookTables.Write(sheet, FiguresTable, row + 1, 1, FigureColumns, Figures(figures));

        var outcomesRow = row + 1 + 5 + 2;
        Heading(sheet, outcomesRow, "Outcomes of published peer-assessment reports");
        WorkbookTables.Write(sheet, OutcomesTable, outcomesRow + 1, 1, OutcomeColumns, figures.Outcomes);

        var loadRow = outcomesRow + 1 + Math.Max(1, figures.Outcomes.Count) + 2;
        Heading(sheet, loadRow, "Assessor load by council: assessments given (accepted places on panels whose report was published) against assessments received");
        WorkbookTables.Write(sheet, LoadTable, loadRow + 1, 1, LoadColumns, figures.Load);
    }

    public static void WriteSheet(XLWorkbook workbook, ProgressReport report)
    {
        var sheet = workbook.AddWorksheet(Sheet);
        WorkbookTables.Write(sheet, Sheet, 1, 1, RowColumns(FiguresOf(report).AsOf), FiguresOf(report).Rows);
        WorkbookTables.PrepareForScreenAndPrint(sheet, $"{report.Scope.Name}, {report.Month.DisplayName}: peer assessments", 1, 1);
        sheet.SheetView.Freeze(1, 2);
    }

    private static void Heading(IXLWorksheet sheet, int row, string text)
    {
        SafeCells.Text(sheet.Cell(row, 1), text);
        sheet.Cell(row, 1).Style.Font.Bold = true;
    }

    private sealed record Figure(string Label, double? Value, string Format = NumberFormats.Count, string? Absent = null);

    private static List<Figure> Figures(PeerAssessmentFigures figures) =>
    [
        new(Requested, figures.Requested),
        new(Held, figures.Held),
        new(Outstanding, figures.Outstanding),
        new(MedianDays, figures.MedianDaysToAssessment, "0.0", NotYetHeld),
        new(GivingBack, figures.CouncilsGivingBack),
    ];

    private static readonly TableColumn<Figure>[] FigureColumns =
    [
        new("Figure", 72, (cell, f) => SafeCells.Text(cell, f.Label)),
        new("At the month's end", 14, (cell, f) =>
        {
            cell.Style.NumberFormat.Format = f.Format;
            SafeCells.NumberOr(cell, f.Value, f.Absent);
        }),
    ];

    private static readonly TableColumn<OutcomeCount>[] OutcomeColumns =
    [
        new("Outcome", 72, (cell, o) => SafeCells.Text(cell, o.OutcomeLabel)),
        new("Standard", 14, (cell, o) => SafeCells.Text(cell, o.Standard is null ? o.StandardId : StandardLabels.Abbreviated(o.Standard))),
        new("Reports", 14, (cell, o) => cell.SetValue(o.Count), NumberFormats.Count),
    ];

    private static readonly TableColumn<CouncilLoad>[] LoadColumns =
    [
        new("Council", 72, (cell, l) => SafeCells.Text(cell, l.CouncilName)),
        new("GSS code", 14, (cell, l) => SafeCells.Text(cell, l.CouncilCode)),
        new("Assessments given", 14, (cell, l) => cell.SetValue(l.Given), NumberFormats.Count),
        new("Assessments received", 14, (cell, l) => cell.SetValue(l.Received), NumberFormats.Count),
        new("Gives back", 14, (cell, l) => SafeCells.YesNo(cell, l.GivesBack)),
    ];

    private static TableColumn<PeerAssessmentFact>[] RowColumns(DateTimeOffset asOf) =>
    [
        new("Reference", 16, (cell, r) => SafeCells.Text(cell, r.Reference)),
        new("Council", 36, (cell, r) => SafeCells.Text(cell, r.CouncilName)),
        new("GSS code", 12, (cell, r) => SafeCells.Text(cell, r.GssCode)),
        new("Service", 32, (cell, r) => SafeCells.Text(cell, r.ServiceName)),
        new("Phase", 10, (cell, r) => SafeCells.Text(cell, r.Phase)),
        new("Standard", 12, (cell, r) => SafeCells.Text(cell, r.Standard is null ? r.StandardId : StandardLabels.Abbreviated(r.Standard))),
        new("Status", 16, (cell, r) => SafeCells.Text(cell, PeerAssessmentFact.StatusLabel(r.StatusAt(asOf)))),
        new("Requested on", 13, (cell, r) => SafeCells.Date(cell, r.RequestedAt), NumberFormats.Date),
        new("Panel date", 13, (cell, r) => SafeCells.Date(cell, r.PanelConfirmedAt < asOf && r.PanelDate is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null), NumberFormats.Date),
        new("Held", 8, (cell, r) => SafeCells.YesNo(cell, r.HeldBy(asOf))),
        new("Outcome", 12, (cell, r) => SafeCells.Text(cell, r.PublishedBy(asOf) ? r.OutcomeLabel : null)),
        new("Days to assessment", 12, (cell, r) => SafeCells.Number(cell, r.HeldBy(asOf) ? r.DaysToAssessment : null), NumberFormats.Count),
        new("Reassessment of", 16, (cell, r) => SafeCells.Text(cell, r.ReassessmentOf)),
    ];
}
