using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using S = DocumentFormat.OpenXml.Spreadsheet;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace LocalGovStandard.Tests.Reports;

/// <summary>Reads a workbook back the way a lead's software would: ClosedXML for cells and tables, the Open XML SDK for charts and raw cells.</summary>
public sealed class WorkbookReader : IDisposable
{
    private readonly byte[] _bytes;

    public WorkbookReader(byte[] bytes)
    {
        _bytes = bytes;
        Workbook = new XLWorkbook(new MemoryStream(bytes));
    }

    public XLWorkbook Workbook { get; }

    public IReadOnlyList<string> SheetNames => Workbook.Worksheets.Select(w => w.Name).ToList();

    public IXLTable Table(string name) => Workbook.Worksheets.SelectMany(w => w.Tables).Single(t => t.Name == name);

    public IReadOnlyList<string> Columns(string table) => Table(table).Fields.Select(f => f.Name).ToList();

    /// <summary>The table's data rows as column name to cell; none for an empty list, which is a named header row rather than a table.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, IXLCell>> Rows(string table)
    {
        var t = Workbook.Worksheets.SelectMany(w => w.Tables).SingleOrDefault(x => x.Name == table);
        if (t is null)
        {
            var header = Assert.Single(Workbook.NamedRange(table)!.Ranges);
            Assert.Equal(1, header.RowCount());
            return [];
        }

        var names = t.Fields.Select(f => f.Name).ToList();
        return t.DataRange.Rows()
            .Select(row => (IReadOnlyDictionary<string, IXLCell>)names.Select((name, i) => (name, cell: row.Cell(i + 1))).ToDictionary(x => x.name, x => x.cell))
            .Where(row => row.Values.Any(c => !c.IsEmpty()))
            .ToList();
    }

    /// <summary>Dashboard headline: label to (this month, previous month, change), each NaN where the cell holds no number.</summary>
    public IReadOnlyDictionary<string, (double Value, double Previous, double Change)> Headlines() =>
        Rows("Headlines").ToDictionary(
            r => r["Figure"].GetString(),
            r => (Number(r["This month"]), Number(r["Previous month"]), Number(r["Change"])));

    private static double Number(IXLCell cell) => cell.DataType == XLDataType.Number ? cell.GetDouble() : double.NaN;

    public IEnumerable<IXLCell> AllCells() => Workbook.Worksheets.SelectMany(w => w.CellsUsed());

    public OpenXmlView OpenXml() => new(_bytes);

    public void Dispose() => Workbook.Dispose();
}

/// <summary>The package as the Open XML SDK sees it: charts and raw cell XML.</summary>
public sealed class OpenXmlView : IDisposable
{
    private readonly SpreadsheetDocument _document;

    public OpenXmlView(byte[] bytes) => _document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    public WorksheetPart Sheet(string name)
    {
        var workbook = _document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)workbook.GetPartById(sheet.Id!);
    }

    public IEnumerable<string> DefinedNames() =>
        _document.WorkbookPart!.Workbook.DefinedNames?.Elements<S.DefinedName>().Select(n => n.Name!.Value!) ?? [];

    /// <summary>How many worksheet rows the chart's anchor spans (rows here keep the default height of 15 pt).</summary>
    public int ChartAnchorRows(string sheet, ChartPart chart)
    {
        var drawings = Sheet(sheet).DrawingsPart!;
        var id = drawings.GetIdOfPart(chart);
        var anchor = drawings.WorksheetDrawing!.Elements<Xdr.TwoCellAnchor>().Single(a => a.Descendants<C.ChartReference>().Single().Id == id);
        return int.Parse(anchor.ToMarker!.RowId!.Text, CultureInfo.InvariantCulture) - int.Parse(anchor.FromMarker!.RowId!.Text, CultureInfo.InvariantCulture);
    }

    public IReadOnlyList<ChartPart> Charts(string sheet) => Sheet(sheet).DrawingsPart?.ChartParts.ToList() ?? [];

    /// <summary>The raw XML cell, to check how a value was stored (string, number, formula).</summary>
    public S.Cell Cell(string sheet, string reference) =>
        Sheet(sheet).Worksheet.Descendants<S.Cell>().Single(c => c.CellReference == reference);

    public IReadOnlyList<DocumentFormat.OpenXml.Validation.ValidationErrorInfo> Validate() =>
        new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2013).Validate(_document).ToList();

    public static (string Categories, string Values) SeriesReferences(ChartPart chart)
    {
        var categories = chart.ChartSpace.Descendants<C.CategoryAxisData>().Single().Descendants<C.Formula>().Single().Text;
        var values = chart.ChartSpace.Descendants<C.Values>().Single().Descendants<C.Formula>().Single().Text;
        return (categories, values);
    }

    public void Dispose() => _document.Dispose();
}
