using ClosedXML.Excel;

namespace LocalGovStandard.Platform.Spreadsheets;

/// <summary>
/// Writes text so that it stays text. Council staff type service and contact names, so a value
/// like <c>=HYPERLINK(...)</c>, <c>+1</c>, <c>-2</c> or <c>@SUM(A1)</c> must never become a
/// formula, a number or a date in a lead's spreadsheet (CSV/formula injection).
/// </summary>
public static class SafeCells
{
    /// <summary>The characters that make Excel (or a CSV export of the sheet) read a cell as a formula.</summary>
    private static readonly char[] FormulaTriggers = ['=', '+', '-', '@', '\t', '\r', '\n'];

    public static bool LooksLikeFormula(string value) => value.Length > 0 && Array.IndexOf(FormulaTriggers, value[0]) >= 0;

    /// <summary>
    /// Stores <paramref name="value"/> as a string cell (never parsed as a number, date or formula).
    /// Formula-looking text also gets Excel's quote prefix, so editing the cell keeps it text.
    /// </summary>
    public static void Text(IXLCell cell, string? value)
    {
        var text = value ?? "";
        cell.SetValue(text);
        if (LooksLikeFormula(text))
        {
            cell.Style.IncludeQuotePrefix = true;
        }
    }

    public static void YesNo(IXLCell cell, bool value) => cell.SetValue(value ? "Yes" : "No");

    public static void Date(IXLCell cell, DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            cell.SetValue(instant.UtcDateTime);
        }
    }

    /// <summary>The number, or (right-aligned, like the numbers around it) the text that says why there is none.</summary>
    public static void NumberOr(IXLCell cell, double? value, string? absent)
    {
        if (value is null && absent is not null)
        {
            Text(cell, absent);
            cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Right;
            return;
        }

        Number(cell, value);
    }

    public static void Number(IXLCell cell, double? value)
    {
        if (value is { } number)
        {
            cell.SetValue(number);
        }
    }
}
