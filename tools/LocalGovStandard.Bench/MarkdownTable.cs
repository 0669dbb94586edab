using System.Globalization;
using System.Text;

namespace LocalGovStandard.Bench;

/// <summary>A Markdown table; columns whose header starts with '>' are right-aligned.</summary>
internal sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public MarkdownTable Row(params object[] cells)
    {
        _rows.Add(cells.Select(Format).ToArray());
        return this;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", headers.Select(h => h.TrimStart('>'))).AppendLine(" |");
        text.Append('|').AppendJoin('|', headers.Select(h => h.StartsWith('>') ? "---:" : "---")).AppendLine("|");
        foreach (var row in _rows)
        {
            text.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        return text.ToString();
    }

    private static string Format(object cell) => cell switch
    {
        double d when double.IsNaN(d) => "n/a",
        double d => d.ToString(Math.Abs(d) >= 100 ? "N0" : Math.Abs(d) >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture),
        int or long => string.Format(CultureInfo.InvariantCulture, "{0:N0}", cell),
        _ => Convert.ToString(cell, CultureInfo.InvariantCulture) ?? "",
    };
}
