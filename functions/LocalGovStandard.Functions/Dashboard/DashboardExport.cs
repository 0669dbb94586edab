using LocalGovStandard.Platform.Spreadsheets;
using LocalGovStandard.Progress;
using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;

namespace LocalGovStandard.Dashboard;

/// <summary>
/// Writes a view's tables as CSV (one long table: table, row, column, value) or as a workbook with one
/// sheet per table. Text is always stored as text: formula-looking text never becomes a formula.
/// </summary>
public static class DashboardExport
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>RFC 4180 by CsvHelper (quoting, CRLF), UTF-8 with a byte order mark so Excel reads the accents.</summary>
    public static byte[] Csv(IReadOnlyList<ExportTable> tables) => WriteCsv(csv =>
    {
        csv.WriteRecord("Table", "Row", "Column", "Value");
        foreach (var table in tables)
        {
            for (var row = 0; row < table.Rows.Count; row++)
            {
                for (var column = 0; column < table.Columns.Count; column++)
                {
                    csv.WriteRecord(table.Name, (row + 1).ToString(CultureInfo.InvariantCulture), CsvText(table.Columns[column]), CsvValue(table.Rows[row][column]));
                }
            }
        }
    });

    /// <summary>One table as an ordinary CSV: a header row of its columns, then one line per row (a chart's data).</summary>
    public static byte[] Csv(ExportTable table) => WriteCsv(csv =>
    {
        csv.WriteRecord([.. table.Columns.Select(CsvText)]);
        foreach (var row in table.Rows)
        {
            csv.WriteRecord([.. row.Select(CsvValue)]);
        }
    });

    private static byte[] WriteCsv(Action<CsvWriter> write)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            write(csv);
        }

        return stream.ToArray();
    }

    /// <summary>One sheet per table, each a named Excel table, printed landscape one page wide with its header on every page.</summary>
    public static byte[] Xlsx(IReadOnlyList<ExportTable> tables)
    {
        using var workbook = new XLWorkbook();
        foreach (var table in tables)
        {
            var sheet = workbook.Worksheets.Add(table.Name);
            var columns = table.Columns
                .Select((name, i) => new TableColumn<object?[]>(name, i == 0 ? 40 : 18, (cell, row) => Write(cell, row[i])))
                .ToList();
            WorkbookTables.Write(sheet, table.Name, 1, 1, columns, table.Rows);
            WorkbookTables.PrepareForScreenAndPrint(sheet, $"LocalGov Standard dashboard: {table.Name}", frozenRows: 1, repeatedRow: 1);
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Write(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case string text:
                SafeCells.Text(cell, text);
                break;
            case DateTimeOffset instant:
                SafeCells.Date(cell, instant);
                cell.Style.NumberFormat.Format = NumberFormats.DateTime;
                break;
            case ReportMonth month:
                SafeCells.Date(cell, month.Start);
                cell.Style.NumberFormat.Format = NumberFormats.Month;
                break;
            case Percentage share:
                SafeCells.Number(cell, share.Value);
                cell.Style.NumberFormat.Format = NumberFormats.Share;
                break;
            case int number:
                SafeCells.Number(cell, number);
                cell.Style.NumberFormat.Format = NumberFormats.Count;
                break;
            case double number:
                SafeCells.Number(cell, number);
                break;
            default:
                SafeCells.Text(cell, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string CsvValue(object? value) => value switch
    {
        null => "",
        string text => CsvText(text),
        DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        Percentage share => share.Value.ToString("R", CultureInfo.InvariantCulture),
        ReportMonth month => month.ToString(),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => CsvText(value.ToString() ?? ""),
    };

    /// <summary>A spreadsheet opening the CSV must not run text as a formula: such text gets a leading apostrophe.</summary>
    private static string CsvText(string text) => SafeCells.LooksLikeFormula(text) ? "'" + text : text;
}
