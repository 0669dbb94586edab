using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using LocalGovStandard.Platform.Spreadsheets;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace LocalGovStandard.Reports;

public enum ChartKind
{
    /// <summary>Horizontal bars, one per category, values 0 to 100%.</summary>
    Bar,

    /// <summary>A line over months (a date axis).</summary>
    Line,
}

/// <summary>
/// A native Excel chart of one series read from worksheet cells. The cached values are what a
/// reader shows before it recalculates; the cell references make it follow edits.
/// </summary>
public sealed record ChartSpec(
    string Title,
    ChartKind Kind,
    string SeriesName,
    string CategoriesReference,
    IReadOnlyList<object> Categories,
    string ValuesReference,
    IReadOnlyList<double?> Values,
    string ValueFormat,
    (int Column, int Row) From,
    (int Column, int Row) To);

/// <summary>
/// ClosedXML 0.95 has no chart API, so charts are added to the saved package with the Open XML SDK:
/// a DrawingsPart on the sheet, and a ChartPart per chart whose series refer to workbook cells.
/// </summary>
public static class WorkbookCharts
{
    private const uint CategoryAxisId = 48650001;
    private const uint ValueAxisId = 48650002;

    /// <summary>
    /// Bar labels are point titles of up to about 80 characters. At 8 pt they wrap onto at most two lines,
    /// so a bar needs about 2.5 times the font size of height, or a reader hides every other label.
    /// </summary>
    public const int CategoryLabelPoints = 8;

    /// <summary>Worksheet rows of chart height per bar: two default rows (30 pt) leave room for a two-line label.</summary>
    public const int RowsPerBar = 2;

    public static string Reference(string sheet, int firstRow, int lastRow, int column)
    {
        var letter = ColumnLetter(column);
        return string.Create(CultureInfo.InvariantCulture, $"'{sheet.Replace("'", "''", StringComparison.Ordinal)}'!${letter}${firstRow}:${letter}${lastRow}");
    }

    public static void Add(SpreadsheetDocument document, string sheetName, IReadOnlyList<ChartSpec> charts)
    {
        var workbookPart = document.WorkbookPart ?? throw new InvalidOperationException("The package has no workbook.");
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == sheetName);
        var worksheetPart = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);

        var drawingsPart = worksheetPart.AddNewPart<DrawingsPart>();
        var drawing = new Xdr.WorksheetDrawing();
        drawing.AddNamespaceDeclaration("xdr", "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing");
        drawing.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        uint shapeId = 2;
        foreach (var chart in charts)
        {
            var chartPart = drawingsPart.AddNewPart<ChartPart>();
            chartPart.ChartSpace = ChartSpace(chart);
            chartPart.ChartSpace.Save();
            drawing.Append(Anchor(chart, drawingsPart.GetIdOfPart(chartPart), shapeId++));
        }

        drawingsPart.WorksheetDrawing = drawing;
        drawing.Save();
        InsertDrawingReference(worksheetPart.Worksheet, worksheetPart.GetIdOfPart(drawingsPart));
        worksheetPart.Worksheet.Save();
    }

    /// <summary>The worksheet schema fixes the order of its children: drawing goes after page setup and before tableParts.</summary>
    private static void InsertDrawingReference(Worksheet worksheet, string relationshipId)
    {
        var reference = new Drawing { Id = relationshipId };
        var following = worksheet.ChildElements.FirstOrDefault(e => e is LegacyDrawing or LegacyDrawingHeaderFooter or Picture or OleObjects or Controls or WebPublishItems or TableParts or WorksheetExtensionList);
        if (following is null)
        {
            worksheet.Append(reference);
        }
        else
        {
            worksheet.InsertBefore(reference, following);
        }
    }

    private static Xdr.TwoCellAnchor Anchor(ChartSpec chart, string relationshipId, uint shapeId) =>
        new(
            new Xdr.FromMarker(
                new Xdr.ColumnId(chart.From.Column.ToString(CultureInfo.InvariantCulture)), new Xdr.ColumnOffset("0"),
                new Xdr.RowId(chart.From.Row.ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0")),
            new Xdr.ToMarker(
                new Xdr.ColumnId(chart.To.Column.ToString(CultureInfo.InvariantCulture)), new Xdr.ColumnOffset("0"),
                new Xdr.RowId(chart.To.Row.ToString(CultureInfo.InvariantCulture)), new Xdr.RowOffset("0")),
            new Xdr.GraphicFrame(
                new Xdr.NonVisualGraphicFrameProperties(
                    new Xdr.NonVisualDrawingProperties { Id = shapeId, Name = chart.Title, Description = chart.Title },
                    new Xdr.NonVisualGraphicFrameDrawingProperties()),
                new Xdr.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 }),
                new A.Graphic(new A.GraphicData(new C.ChartReference { Id = relationshipId }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
            { Macro = "" },
            new Xdr.ClientData())
        { EditAs = Xdr.EditAsValues.OneCell };

    private static C.ChartSpace ChartSpace(ChartSpec chart)
    {
        var space = new C.ChartSpace();
        space.AddNamespaceDeclaration("c", "http://schemas.openxmlformats.org/drawingml/2006/chart");
        space.AddNamespaceDeclaration("a", "http://schemas.openxmlformats.org/drawingml/2006/main");
        space.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
        space.Append(new C.Date1904 { Val = false });
        space.Append(new C.EditingLanguage { Val = "en-GB" });
        space.Append(new C.RoundedCorners { Val = false });

        var plotArea = new C.PlotArea(new C.Layout());
        plotArea.Append(chart.Kind == ChartKind.Bar ? BarChart(chart) : LineChart(chart));
        plotArea.Append(chart.Kind == ChartKind.Bar ? CategoryAxis() : DateAxis());
        plotArea.Append(ValueAxis(chart));

        space.Append(new C.Chart(
            Title(chart.Title),
            new C.AutoTitleDeleted { Val = false },
            plotArea,
            new C.PlotVisibleOnly { Val = true },
            new C.DisplayBlanksAs { Val = C.DisplayBlanksAsValues.Gap }));
        return space;
    }

    private static C.BarChart BarChart(ChartSpec chart) =>
        new(
            new C.BarDirection { Val = C.BarDirectionValues.Bar },
            new C.BarGrouping { Val = C.BarGroupingValues.Clustered },
            new C.VaryColors { Val = false },
            new C.BarChartSeries(
                new C.Index { Val = 0 },
                new C.Order { Val = 0 },
                new C.SeriesText(new C.NumericValue(chart.SeriesName)),
                new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = "1D70B8" })),
                new C.InvertIfNegative { Val = false },
                Categories(chart),
                Values(chart)),
            new C.GapWidth { Val = 40 },
            new C.AxisId { Val = CategoryAxisId },
            new C.AxisId { Val = ValueAxisId });

    private static C.LineChart LineChart(ChartSpec chart) =>
        new(
            new C.Grouping { Val = C.GroupingValues.Standard },
            new C.VaryColors { Val = false },
            new C.LineChartSeries(
                new C.Index { Val = 0 },
                new C.Order { Val = 0 },
                new C.SeriesText(new C.NumericValue(chart.SeriesName)),
                new C.ChartShapeProperties(new A.Outline(new A.SolidFill(new A.RgbColorModelHex { Val = "1D70B8" })) { Width = 28575 }),
                new C.Marker(new C.Symbol { Val = C.MarkerStyleValues.Circle }, new C.Size { Val = 5 }),
                Categories(chart),
                Values(chart),
                new C.Smooth { Val = false }),
            new C.ShowMarker { Val = true },
            new C.AxisId { Val = CategoryAxisId },
            new C.AxisId { Val = ValueAxisId });

    private static C.CategoryAxisData Categories(ChartSpec chart)
    {
        if (chart.Categories.All(c => c is string))
        {
            var cache = new C.StringCache(new C.PointCount { Val = (uint)chart.Categories.Count });
            for (var i = 0; i < chart.Categories.Count; i++)
            {
                cache.Append(new C.StringPoint(new C.NumericValue((string)chart.Categories[i])) { Index = (uint)i });
            }

            return new C.CategoryAxisData(new C.StringReference(new C.Formula(chart.CategoriesReference), cache));
        }

        var numbers = new C.NumberingCache(new C.FormatCode(NumberFormats.Month), new C.PointCount { Val = (uint)chart.Categories.Count });
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            var value = chart.Categories[i] is DateTime date ? date.ToOADate() : Convert.ToDouble(chart.Categories[i], CultureInfo.InvariantCulture);
            numbers.Append(new C.NumericPoint(new C.NumericValue(value.ToString(CultureInfo.InvariantCulture))) { Index = (uint)i });
        }

        return new C.CategoryAxisData(new C.NumberReference(new C.Formula(chart.CategoriesReference), numbers));
    }

    private static C.Values Values(ChartSpec chart)
    {
        var cache = new C.NumberingCache(new C.FormatCode(chart.ValueFormat), new C.PointCount { Val = (uint)chart.Values.Count });
        for (var i = 0; i < chart.Values.Count; i++)
        {
            if (chart.Values[i] is { } value)
            {
                cache.Append(new C.NumericPoint(new C.NumericValue(value.ToString(CultureInfo.InvariantCulture))) { Index = (uint)i });
            }
        }

        return new C.Values(new C.NumberReference(new C.Formula(chart.ValuesReference), cache));
    }

    private static C.CategoryAxis CategoryAxis() =>
        new(
            new C.AxisId { Val = CategoryAxisId },
            new C.Scaling(new C.Orientation { Val = C.OrientationValues.MaxMin }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = C.AxisPositionValues.Left },
            new C.NumberingFormat { FormatCode = "General", SourceLinked = true },
            new C.MajorTickMark { Val = C.TickMarkValues.None },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            LabelText(CategoryLabelPoints),
            new C.CrossingAxis { Val = ValueAxisId },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.AutoLabeled { Val = true },
            new C.LabelAlignment { Val = C.LabelAlignmentValues.Center },
            new C.LabelOffset { Val = 100 },
            new C.TickLabelSkip { Val = 1 },
            new C.NoMultiLevelLabels { Val = false });

    private static C.DateAxis DateAxis() =>
        new(
            new C.AxisId { Val = CategoryAxisId },
            new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }),
            new C.Delete { Val = false },
            new C.AxisPosition { Val = C.AxisPositionValues.Bottom },
            new C.NumberingFormat { FormatCode = NumberFormats.Month, SourceLinked = false },
            new C.MajorTickMark { Val = C.TickMarkValues.Outside },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.CrossingAxis { Val = ValueAxisId },
            new C.Crosses { Val = C.CrossesValues.AutoZero },
            new C.AutoLabeled { Val = true },
            new C.LabelOffset { Val = 100 },
            new C.BaseTimeUnit { Val = C.TimeUnitValues.Months });

    private static C.ValueAxis ValueAxis(ChartSpec chart)
    {
        var scaling = new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax });
        if (chart.Kind == ChartKind.Bar)
        {
            scaling.Append(new C.MaxAxisValue { Val = 1 }, new C.MinAxisValue { Val = 0 });
        }
        else
        {
            // With nothing above zero a reader picks 0 to 1 in steps of 0.2, which a count format shows as 0, 0, 0, 1, 1, 1.
            if ((chart.Values.Max() ?? 0) <= 0)
            {
                scaling.Append(new C.MaxAxisValue { Val = 1 });
            }

            scaling.Append(new C.MinAxisValue { Val = 0 });
        }

        var axis = new C.ValueAxis(
            new C.AxisId { Val = ValueAxisId },
            scaling,
            new C.Delete { Val = false },
            new C.AxisPosition { Val = chart.Kind == ChartKind.Bar ? C.AxisPositionValues.Bottom : C.AxisPositionValues.Left },
            new C.MajorGridlines(),
            new C.NumberingFormat { FormatCode = chart.ValueFormat, SourceLinked = false },
            new C.MajorTickMark { Val = C.TickMarkValues.Outside },
            new C.MinorTickMark { Val = C.TickMarkValues.None },
            new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
            new C.CrossingAxis { Val = CategoryAxisId },
            new C.Crosses { Val = chart.Kind == ChartKind.Bar ? C.CrossesValues.Maximum : C.CrossesValues.AutoZero },
            new C.CrossBetween { Val = C.CrossBetweenValues.Between });
        if (chart.Kind == ChartKind.Line)
        {
            axis.Append(new C.MajorUnit { Val = WholeStep(chart.Values.Max() ?? 0) });
        }

        return axis;
    }

    /// <summary>A count axis steps in whole numbers: 1, 2 or 5 times a power of ten, about five steps to the largest value.</summary>
    private static double WholeStep(double largest)
    {
        for (var power = 1d; ; power *= 10)
        {
            foreach (var multiple in StepMultiples)
            {
                if (largest / (multiple * power) <= 5)
                {
                    return multiple * power;
                }
            }
        }
    }

    private static readonly double[] StepMultiples = [1, 2, 5];

    private static C.TextProperties LabelText(int points) =>
        new(
            new A.BodyProperties { Rotation = 0, Vertical = A.TextVerticalValues.Horizontal },
            new A.ListStyle(),
            new A.Paragraph(new A.ParagraphProperties(new A.DefaultRunProperties { FontSize = points * 100 }), new A.EndParagraphRunProperties { Language = "en-GB" }));

    private static C.Title Title(string text) =>
        new(
            new C.ChartText(new C.RichText(
                new A.BodyProperties(),
                new A.ListStyle(),
                new A.Paragraph(new A.Run(new A.RunProperties { Language = "en-GB", FontSize = 1200, Bold = true }, new A.Text(text))))),
            new C.Overlay { Val = false });

    private static string ColumnLetter(int column)
    {
        var letters = "";
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
