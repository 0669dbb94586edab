using ClosedXML.Excel;

namespace LocalGovStandard.Platform.Spreadsheets;

/// <summary>A column of a named Excel table: its header, its explicit width, how a row fills its cell, and its number format.</summary>
public sealed record TableColumn<T>(string Header, double Width, Action<IXLCell, T> Write, string? Format = null);

public static class NumberFormats
{
    public const string Count = "#,##0";
    public const string Share = "0.0%";
    public const string CountChange = "+#,##0;-#,##0;0";
    public const string ShareChange = "+0.0%;-0.0%;0.0%";
    public const string Date = "d mmm yyyy";
    public const string DateTime = "d mmm yyyy hh:mm";
    public const string Month = "mmm yyyy";
}

public static class WorkbookTables
{
    /// <summary>
    /// Writes a header row and one row per item from (<paramref name="row"/>, <paramref name="column"/>)
    /// and makes it a named table. With no items there is no table: Excel needs a table to hold at least
    /// one data row (a header-only table is "repaired" away when opened), and the empty row it would hold
    /// reaches Power BI as a row of nulls. Instead the header row alone gets a workbook-level name, the
    /// table's name, which Power Query lists by that name and reads, with its headers, as no rows.
    /// Widths are set explicitly: AdjustToContents needs GDI+, which Linux workers lack.
    /// </summary>
    /// <returns>The table's range, header row included (just the header row when there are no items).</returns>
    public static IXLRange Write<T>(IXLWorksheet sheet, string name, int row, int column, IReadOnlyList<TableColumn<T>> columns, IReadOnlyList<T> items)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            SafeCells.Text(sheet.Cell(row, column + c), columns[c].Header);
            sheet.Column(column + c).Width = columns[c].Width;
        }

        var lastRow = row + items.Count;
        for (var i = 0; i < items.Count; i++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                // The format goes on before the value: a date written into a cell with no format gets a default
                // date format of its own first. Cell by cell rather than on the column's range: ClosedXML 0.95's
                // range styling costs about 15% more CPU and 7% more allocation over a national workbook run.
                var cell = sheet.Cell(row + 1 + i, column + c);
                if (columns[c].Format is { } format)
                {
                    cell.Style.NumberFormat.Format = format;
                }

                columns[c].Write(cell, items[i]);
            }
        }

        var range = sheet.Range(row, column, lastRow, column + columns.Count - 1);
        if (items.Count == 0)
        {
            sheet.Workbook.NamedRanges.Add(name, range);
            range.Style.Font.Bold = true;
            range.Style.Border.BottomBorder = XLBorderStyleValues.Thin;
        }
        else
        {
            range.CreateTable(name).Theme = XLTableTheme.TableStyleMedium2;
        }

        sheet.Row(row).Style.Alignment.WrapText = true;
        sheet.Row(row).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        sheet.Row(row).Height = HeaderHeight(columns.Select(c => (c.Header, c.Width)));
        return range;
    }

    private const double LinePoints = 15;

    /// <summary>
    /// Excel and LibreOffice do not grow a row for wrapped text they did not lay out themselves, and text
    /// cannot be measured here (no GDI+ on Linux workers), so the header row's height is estimated:
    /// words wrapped at one character fewer than the column width (in character units), 15 pt a line.
    /// </summary>
    private static double HeaderHeight(IEnumerable<(string Text, double Width)> headers) =>
        LinePoints * headers.Max(h => WrappedLines(h.Text, h.Width)) + 3;

    private static int WrappedLines(string text, double width)
    {
        var capacity = Math.Max(1, (int)width - 1);
        var lines = 1;
        var used = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var needed = used == 0 ? word.Length : used + 1 + word.Length;
            if (needed <= capacity)
            {
                used = needed;
                continue;
            }

            if (used > 0)
            {
                lines++;
            }

            lines += (word.Length - 1) / capacity;
            used = ((word.Length - 1) % capacity) + 1;
        }

        return lines;
    }

    /// <summary>Frozen header, landscape A4 one page wide, the header row on every page, and a running header and footer.</summary>
    public static void PrepareForScreenAndPrint(IXLWorksheet sheet, string title, int frozenRows, int repeatedRow)
    {
        sheet.SheetView.FreezeRows(frozenRows);
        var page = sheet.PageSetup;
        page.PageOrientation = XLPageOrientation.Landscape;
        page.PaperSize = XLPaperSize.A4Paper;
        page.FitToPages(1, 0);
        page.SetRowsToRepeatAtTop(repeatedRow, repeatedRow);
        page.Margins.SetLeft(0.4).SetRight(0.4).SetTop(0.6).SetBottom(0.6).SetHeader(0.3).SetFooter(0.3);
        // '&' starts a code in Excel headers and footers, so a literal one is doubled.
        page.Header.Left.AddText(title.Replace("&", "&&", StringComparison.Ordinal));
        page.Footer.Right.AddText(XLHFPredefinedText.PageNumber);
        page.Footer.Right.AddText(" of ");
        page.Footer.Right.AddText(XLHFPredefinedText.NumberOfPages);
    }
}
