using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>Reads what the dashboard answered: the page's cards and tables, and the CSV export's long table.</summary>
public static class DashboardReading
{
    /// <summary>A client with the feed's read key.</summary>
    public static HttpClient FeedClient(ServiceFixture fixture)
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Add("x-read-key", DashboardFixture.ReadKey);
        return client;
    }

    /// <summary>Follows @odata.nextLink to the end, as Power BI does.</summary>
    public static async Task<(List<JsonNode> Rows, int Pages)> FeedPagesAsync(HttpClient client, string pathAndQuery)
    {
        var rows = new List<JsonNode>();
        var pages = 0;
        string? next = pathAndQuery;
        while (next is not null)
        {
            var response = await client.GetAsync(new Uri(next, next.StartsWith('/') ? UriKind.Relative : UriKind.Absolute));
            Assert.True(response.IsSuccessStatusCode, $"{next} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var value = page["value"]!.AsArray();
            Assert.True(value.Count <= DashboardFixture.FeedPageSize);
            rows.AddRange(value.Select(v => v!));
            pages++;
            next = page["@odata.nextLink"]?.GetValue<string>();
            Assert.True(pages < 100, "paging never ends");
        }

        return (rows, pages);
    }

    public sealed record CsvCell(string Table, int Row, string Column, string Value);

    public static async Task<(HttpResponseMessage Response, IDocument Page)> GetPageAsync(HttpClient client, string pathAndQuery)
    {
        var response = await client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        return (response, new HtmlParser().ParseDocument(html));
    }

    public static double Card(IDocument page, string key) =>
        double.Parse(page.QuerySelector($"[data-figure='{key}']")!.GetAttribute("data-value")!, CultureInfo.InvariantCulture);

    public static double PreviousCard(IDocument page, string key) =>
        double.Parse(page.QuerySelector($"[data-figure='{key}']")!.GetAttribute("data-previous")!, CultureInfo.InvariantCulture);

    /// <summary>The rows of a page table (by its data-table name): each row's header and cells, as text.</summary>
    public static List<string[]> TableRows(IDocument page, string table) =>
        page.QuerySelectorAll($"table[data-table='{table}'] tbody tr")
            .Select(row => row.Children.Select(cell => cell.TextContent.Trim()).ToArray())
            .ToList();

    public static List<CsvCell> ParseCsv(byte[] bytes)
    {
        var records = Records(bytes);
        Assert.Equal(["Table", "Row", "Column", "Value"], records[0]);
        return records.Skip(1).Select(r => new CsvCell(r[0], int.Parse(r[1], CultureInfo.InvariantCulture), r[2], r[3])).ToList();
    }

    /// <summary>A chart's CSV (a header row, then one line per row) as rows of column → value.</summary>
    public static List<Dictionary<string, string>> ChartCsv(byte[] bytes)
    {
        var records = Records(bytes);
        return records.Skip(1).Select(cells => records[0].Zip(cells).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static List<List<string>> Records(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') { quoted = false; }
                else { field.Append(c); }
            }
            else if (c == '"') { quoted = true; }
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n') { record.Add(field.ToString()); field.Clear(); records.Add(record); record = []; }
            else { field.Append(c); }
        }

        return records;
    }

    /// <summary>One table of the CSV as rows of column → value.</summary>
    public static List<Dictionary<string, string>> CsvTable(IEnumerable<CsvCell> cells, string table) =>
        cells.Where(c => c.Table == table).GroupBy(c => c.Row).OrderBy(g => g.Key)
            .Select(g => g.ToDictionary(c => c.Column, c => c.Value)).ToList();

    public static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);
}
