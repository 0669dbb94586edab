using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace LocalGovStandard.Tests.Reports;

/// <summary>How every exported sheet must print: landscape, one page wide, its header row repeated on each page.</summary>
public static class PrintSettings
{
    public static void AssertLandscapeOnePageWideWithRepeatedHeader(byte[] workbook, int headerRow = 1)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        var part = document.WorkbookPart!;
        var sheets = part.Workbook.Sheets!.Elements<S.Sheet>().ToList();
        var titles = part.Workbook.DefinedNames?.Elements<S.DefinedName>().Where(n => n.Name == "_xlnm.Print_Titles").ToList() ?? [];
        for (var i = 0; i < sheets.Count; i++)
        {
            var worksheet = ((WorksheetPart)part.GetPartById(sheets[i].Id!)).Worksheet;
            var setup = worksheet.GetFirstChild<S.PageSetup>();
            Assert.True(setup is not null, $"{sheets[i].Name} has page setup");
            Assert.Equal(S.OrientationValues.Landscape, setup.Orientation?.Value);
            Assert.Equal(1u, setup.FitToWidth?.Value ?? 1u);
            Assert.Equal(0u, setup.FitToHeight?.Value ?? 1u);
            Assert.True(worksheet.SheetProperties?.PageSetupProperties?.FitToPage?.Value, $"{sheets[i].Name} fits to page");
            var title = titles.SingleOrDefault(n => n.LocalSheetId?.Value == (uint)i);
            Assert.True(title is not null, $"{sheets[i].Name} repeats its header row");
            Assert.Matches($@"!\$?{headerRow}:\$?{headerRow}$", title.Text);
        }
    }
}
