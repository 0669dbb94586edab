using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LocalGovStandard.Platform.Spreadsheets;
using LocalGovStandard.Progress;

namespace LocalGovStandard.WorkbookBench;

/// <summary>
/// The floor: the same sheets and named tables, cell for cell, streamed with the Open XML SDK's
/// SAX writer (OpenXmlWriter), with inline strings and one date style. No column widths, print
/// settings, conditional formats or charts: the least work that yields the same data.
/// </summary>
public static class SaxFloorWorkbook
{
    private const uint DateStyle = 1;

    public static byte[] Build(ProgressReport report)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheets = new Sheets();
            uint sheetId = 1;
            uint tableId = 1;
            foreach (var (name, tables) in Sheets(report))
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                WriteSheet(part, tables, ref tableId);
                sheets.Append(new Sheet { Name = name, SheetId = sheetId++, Id = workbookPart.GetIdOfPart(part) });
            }

            workbookPart.Workbook = new Workbook(sheets);
        }

        return stream.ToArray();
    }

    private sealed record TableData(string? Name, int FirstRow, IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows);

    private static IEnumerable<(string Name, TableData[] Tables)> Sheets(ProgressReport r)
    {
        string Standard(Standards.Standard? s, string id) => s is null ? id : StandardLabels.Abbreviated(s);
        object? YesNo(bool value) => value ? "Yes" : "No";

        var headlines = new TableData("Headlines", 4, ["Figure", "This month", "Previous month", "Change"],
            r.Headlines.Select(h => new object?[] { h.Label, h.Value, h.Previous, h.Change }).ToList());
        var rates = new TableData("PointRates", 4 + r.Headlines.Count + 3, ["Point", "Standard", "Point number", "Ratings", "Met or green", "Rate"],
            r.PointRates.Select(p => new object?[] { p.Label, StandardLabels.Abbreviated(p.Standard), p.Point.Number, p.Ratings, p.Passing, p.Rate }).ToList());
        yield return ("Dashboard", [new(null, 1, [$"{r.Scope.Name} peer group: progress in {r.Month.DisplayName}"], []), headlines, rates]);

        yield return ("Councils", [new("Councils", 1,
            ["Council", "GSS code", "Local authority code", "Region", "Authority type", "Signed up", "Signed up on", "Verified contacts", "Assessments submitted", "Contact names (consented to contact)", "Contact emails (consented to contact)"],
            r.Councils.Select(c => new object?[]
            {
                c.Council.OfficialName, c.Council.GssCode, c.Council.LocalAuthorityCode, c.Council.Region.Name, c.Council.AuthorityType, YesNo(c.SignedUpAt is not null),
                c.SignedUpAt, c.VerifiedContacts, c.AssessmentsSubmitted, string.Join("; ", c.ConsentingContacts.Select(x => x.Name)), string.Join("; ", c.ConsentingContacts.Select(x => x.Email)),
            }).ToList())]);

        yield return ("Assessments", [new("Assessments", 1,
            ["Submitted at (UTC)", "Council", "GSS code", "Reference", "Service", "Phase", "Type", "Standard", "Overall result", "Passed overall", "Points met or green", "Points rated", "Submitted this month", "Reassessment of", "Current"],
            r.Assessments.Select(a => new object?[]
            {
                a.Assessment.SubmittedAt, a.Assessment.CouncilName, a.Assessment.GssCode, a.Assessment.Reference, a.Assessment.ServiceName, a.Assessment.Phase, a.Assessment.Type,
                Standard(a.Standard, a.Assessment.StandardId), a.Standard?.OverallRating(a.Assessment.OverallResult)?.Label ?? a.Assessment.OverallResult, YesNo(a.Assessment.OverallPasses),
                a.PointsPassing, a.PointsRated, YesNo(a.InMonth), a.Assessment.PredecessorReference, YesNo(a.Current),
            }).ToList())]);

        yield return ("PointResults", [new("PointResults", 1,
            ["Council", "GSS code", .. r.Standards.Select(s => $"{StandardLabels.Abbreviated(s)} assessments"), .. r.PointColumns.Select(p => p.Header)],
            r.PointResults.Select(p => new object?[] { p.Council.OfficialName, p.Council.GssCode }.Concat(p.AssessmentsByStandard.Cast<object?>()).Concat(p.Rates.Cast<object?>()).ToArray()).ToList())]);

        yield return ("Actions", [new("Actions", 1,
            ["Council", "GSS code", "Assessment", "Service", "Standard", "Point", "Point title", "Rating", "Raised on", "Due on", "Overdue", "Days overdue"],
            r.Actions.Select(a => new object?[]
            {
                a.CouncilName, a.Action.GssCode, a.Action.AssessmentReference, a.Action.ServiceName, Standard(a.Standard, a.Action.StandardId), a.Action.PointNumber,
                a.Action.PointTitle, a.Standard?.Rating(a.Action.Rating)?.Label ?? a.Action.Rating, a.Action.CreatedAt, a.Action.DueAt, YesNo(a.Overdue), a.DaysOverdue,
            }).ToList())]);

        yield return ("Trend", [new("Trend", 1,
            ["Month", "Councils signed up", "Councils with a verified contact", "Share of councils assessed", "Assessments submitted in month", "Assessments submitted to date", "Share of points met or green", "Actions open", "Actions overdue"],
            r.Trend.Select(t => new object?[] { t.Month.Start, t.SignedUp, t.WithVerifiedContact, t.AssessedShare, t.SubmittedInMonth, t.SubmittedToDate, t.PassShare, t.ActionsOpen, t.ActionsOverdue }).ToList())]);

        yield return ("About", [new(null, 1, ["About this workbook"],
            [["Peer group", r.Scope.Name], ["Month", r.Month.DisplayName], ["Generated at (UTC)", r.GeneratedAt], .. r.PointColumns.Select(p => new object?[] { p.Header, p.Point.Title })])]);
    }

    private static void WriteSheet(WorksheetPart part, IReadOnlyList<TableData> tables, ref uint tableId)
    {
        var tableIds = new List<string>();
        foreach (var table in tables.Where(t => t.Name is not null))
        {
            var tablePart = part.AddNewPart<TableDefinitionPart>();
            var lastRow = table.FirstRow + Math.Max(1, table.Rows.Count);
            var reference = $"A{table.FirstRow}:{Column(table.Headers.Count)}{lastRow}";
            var columns = new TableColumns { Count = (uint)table.Headers.Count };
            for (var i = 0; i < table.Headers.Count; i++)
            {
                columns.Append(new TableColumn { Id = (uint)(i + 1), Name = table.Headers[i] });
            }

            tablePart.Table = new Table(new AutoFilter { Reference = reference }, columns, new TableStyleInfo { Name = "TableStyleMedium2", ShowRowStripes = true })
            {
                Id = tableId, Name = table.Name, DisplayName = table.Name, Reference = reference,
            };
            tableId++;
            tableIds.Add(part.GetIdOfPart(tablePart));
        }

        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetData());
        foreach (var table in tables)
        {
            WriteRow(writer, table.FirstRow, table.Headers.Cast<object?>().ToArray());
            for (var i = 0; i < table.Rows.Count; i++)
            {
                WriteRow(writer, table.FirstRow + 1 + i, table.Rows[i]);
            }
        }

        writer.WriteEndElement();
        if (tableIds.Count > 0)
        {
            writer.WriteStartElement(new TableParts { Count = (uint)tableIds.Count });
            foreach (var id in tableIds)
            {
                writer.WriteElement(new TablePart { Id = id });
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, int row, object?[] values)
    {
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", row.ToString(CultureInfo.InvariantCulture))]);
        for (var c = 0; c < values.Length; c++)
        {
            var reference = Column(c + 1) + row.ToString(CultureInfo.InvariantCulture);
            switch (values[c])
            {
                case null:
                    break;
                case string text:
                    writer.WriteElement(new Cell(new InlineString(new Text(text))) { CellReference = reference, DataType = CellValues.InlineString });
                    break;
                case DateTimeOffset date:
                    writer.WriteElement(new Cell(new CellValue(date.UtcDateTime.ToOADate().ToString(CultureInfo.InvariantCulture))) { CellReference = reference, StyleIndex = DateStyle });
                    break;
                default:
                    writer.WriteElement(new Cell(new CellValue(Convert.ToDouble(values[c], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))) { CellReference = reference });
                    break;
            }
        }

        writer.WriteEndElement();
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "d mmm yyyy" }) { Count = 1 },
        new Fonts(new Font()) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true }) { Count = 2 });

    private static string Column(int column)
    {
        var letters = "";
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
