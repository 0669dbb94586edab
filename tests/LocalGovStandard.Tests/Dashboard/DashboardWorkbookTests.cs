using ClosedXML.Excel;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;

namespace LocalGovStandard.Tests.Dashboard;

/// <summary>The dashboard's xlsx export read back: named tables, print settings, and real dates and percentages.</summary>
[Collection(DashboardData.Name)]
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class DashboardWorkbookTests(DashboardFixture fixture)
{
    private static readonly string[] Sheets = ["Filters", "Headlines", "SignUps", "Points", "PeerGroups", "HeatMap", "Adopters", "Councils"];

    private Task<byte[]> OrganiserWorkbookAsync() =>
        fixture.CreateAdminClient().GetByteArrayAsync(new Uri("/api/admin/dashboard/export.xlsx?peerGroup=london", UriKind.Relative));

    [Fact]
    public async Task EverySheet_IsANamedStyledTable_ThatPrintsLandscapeOnePageWide_WithItsHeaderOnEveryPage()
    {
        var bytes = await OrganiserWorkbookAsync();
        using var book = new XLWorkbook(new MemoryStream(bytes));

        Assert.Equal(Sheets, book.Worksheets.Select(s => s.Name));
        foreach (var sheet in book.Worksheets)
        {
            var table = Assert.Single(sheet.Tables);
            Assert.Equal(sheet.Name, table.Name);
            Assert.NotEqual(XLTableTheme.None, table.Theme);
            Assert.Equal(1, table.RangeAddress.FirstAddress.RowNumber);
            Assert.Equal(sheet.Row(1).CellsUsed().Select(c => c.GetString()), table.Fields.Select(f => f.Name));
            Assert.Equal(sheet.LastRowUsed()!.RowNumber(), table.RangeAddress.LastAddress.RowNumber);
        }

        PrintSettings.AssertLandscapeOnePageWideWithRepeatedHeader(bytes);
        using var package = new OpenXmlView(bytes);
        Assert.Empty(package.Validate());
    }

    [Fact]
    public async Task MonthsAndDates_AreDates_AndShares_AreNumbersShownAsPercentages()
    {
        using var book = new XLWorkbook(new MemoryStream(await OrganiserWorkbookAsync()));
        IXLCell Value(string filter) => book.Worksheet("Filters").Column(1).CellsUsed().Single(c => c.GetString() == filter).CellRight();

        foreach (var (cell, format) in new[] { (Value("From"), "mmm yyyy"), (Value("To"), "mmm yyyy"), (Value("Worked out at"), "d mmm yyyy hh:mm") })
        {
            Assert.Equal(XLDataType.DateTime, cell.DataType);
            Assert.Equal(format, cell.Style.NumberFormat.Format);
        }

        var months = book.Table("SignUps").DataRange.Column(1).Cells().ToList();
        Assert.NotEmpty(months);
        Assert.All(months, c => Assert.Equal((XLDataType.DateTime, "mmm yyyy", 1), (c.DataType, c.Style.NumberFormat.Format, c.GetDateTime().Day)));

        var passing = book.Table("Headlines").DataRange.Rows().Single(r => r.Cell(2).GetString() == "points-passing");
        Assert.All(new[] { passing.Cell(3), passing.Cell(4), passing.Cell(5) }, c => Assert.Equal((XLDataType.Number, "0.0%"), (c.DataType, c.Style.NumberFormat.Format)));
        var signedUp = book.Table("Headlines").DataRange.Rows().Single(r => r.Cell(2).GetString() == "signed-up");
        Assert.DoesNotContain("%", signedUp.Cell(3).Style.NumberFormat.Format, StringComparison.Ordinal);

        var shares = book.Table("Points").DataRange.Column(6).CellsUsed()
            .Concat(book.Table("HeatMap").DataRange.Columns(2, book.Table("HeatMap").Fields.Count()).CellsUsed()).ToList();
        Assert.NotEmpty(shares);
        Assert.All(shares, c => Assert.Equal((XLDataType.Number, "0.0%"), (c.DataType, c.Style.NumberFormat.Format)));
        Assert.All(book.Table("Councils").DataRange.Column(3).CellsUsed(), c => Assert.Equal(XLDataType.DateTime, c.DataType));
    }
}
