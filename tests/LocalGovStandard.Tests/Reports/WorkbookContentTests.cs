using ClosedXML.Excel;
using LocalGovStandard.Progress;
using LocalGovStandard.Tests.Infrastructure;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace LocalGovStandard.Tests.Reports;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class WorkbookContentTests(WorkbookFixture fixture) : IClassFixture<WorkbookFixture>
{
    private static readonly string[] Sheets = ["Dashboard", "Councils", "Assessments", "PointResults", "Actions", "Trend", "SupportNeeds", "PeerAssessments", "Attendance", "About"];

    [Fact]
    public void Workbook_HasTheSheetsAndNamedTablesWithTheirColumns()
    {
        using var book = new WorkbookReader(fixture.London);

        Assert.Equal(Sheets, book.SheetNames);
        Assert.Equal(["Figure", "This month", "Previous month", "Change"], book.Columns("Headlines"));
        Assert.Equal(["Point", "Standard", "Point number", "Ratings", "Met or green", "Rate"], book.Columns("PointRates"));
        Assert.Equal(
            ["Council", "GSS code", "Local authority code", "Region", "Authority type", "Signed up", "Signed up on", "Verified contacts",
             "Assessments submitted", "Contact names (consented to contact)", "Contact emails (consented to contact)"],
            book.Columns("Councils"));
        Assert.Equal(
            ["Submitted at (UTC)", "Council", "GSS code", "Reference", "Service", "Phase", "Type", "Standard", "Overall result", "Passed overall",
             "Points met or green", "Points rated", "Submitted this month", "Reassessment of", "Current"],
            book.Columns("Assessments"));
        Assert.Equal(
            ["Council", "GSS code", "Assessment", "Service", "Standard", "Point", "Point title", "Rating", "Raised on", "Due on", "Overdue", "Days overdue"],
            book.Columns("Actions"));
        Assert.Equal(
            ["Month", "Councils signed up", "Councils with a verified contact", "Share of councils assessed", "Assessments submitted in month",
             "Assessments submitted to date", "Share of points met or green", "Actions open", "Actions overdue"],
            book.Columns("Trend"));
        Assert.Equal(["Council", "GSS code", "Answer set", "Answered on", "Point", "Point title", "Understanding", "Support needed"], book.Columns("SupportNeeds"));
        // The fixture's group held no meet-ups: the header row alone, named as the table would be (see WorkbookTables).
        Assert.Equal(["Meet-up", "Date", "Points", "Council", "GSS code", "Attended"], book.Workbook.Worksheet("Attendance").Row(1).CellsUsed().Select(c => c.GetString()));
        using (var xml = book.OpenXml())
        {
            Assert.Contains("Attendance", xml.DefinedNames());
        }

        var pointColumns = book.Columns("PointResults");
        Assert.Equal(["Council", "GSS code", "LGDSS 2016 assessments", "SS 2019 assessments"], pointColumns.Take(4));
        Assert.Equal(Enumerable.Range(1, 15).Select(n => $"LGDSS 2016 P{n}").Concat(Enumerable.Range(1, 14).Select(n => $"SS 2019 P{n}")), pointColumns.Skip(4));
        foreach (var (table, sheet) in new[] { ("Councils", "Councils"), ("Assessments", "Assessments"), ("PointResults", "PointResults"), ("Actions", "Actions"), ("Trend", "Trend"), ("SupportNeeds", "SupportNeeds") })
        {
            Assert.Equal(sheet, book.Table(table).Worksheet.Name);
        }
    }

    [Fact]
    public void TheSupportNeedsSheet_HasEachCouncilsAnswersAsAtTheMonthsEnd_AndNoOneWhoAnswered()
    {
        using var book = new WorkbookReader(fixture.London);
        var rows = book.Rows("SupportNeeds");

        Assert.Equal(30, rows.Count);
        var westminster = rows.Where(r => r["GSS code"].GetString() == TestRegister.Westminster.GssCode).ToList();
        var camden = rows.Where(r => r["GSS code"].GetString() == TestRegister.Camden.GssCode).ToList();
        Assert.Equal(Enumerable.Range(1, 15), westminster.Select(r => (int)r["Point"].GetDouble()));
        Assert.All(westminster, r => Assert.Equal(2, r["Answer set"].GetDouble()));
        Assert.Equal(("Partly", "Some"), (westminster[1]["Understanding"].GetString(), westminster[1]["Support needed"].GetString()));
        Assert.Equal(("Well", "None"), (westminster[0]["Understanding"].GetString(), westminster[0]["Support needed"].GetString()));
        Assert.Equal("None", westminster[3]["Support needed"].GetString());
        Assert.Equal(("Not at all", "A lot"), (camden[2]["Understanding"].GetString(), camden[2]["Support needed"].GetString()));
        Assert.Equal("Test the end-to-end service", camden[7]["Point title"].GetString());
        Assert.DoesNotContain(book.Workbook.Worksheet("SupportNeeds").CellsUsed(), c => c.GetString().Contains("@westminster.gov.uk", StringComparison.Ordinal) || c.GetString() == WorkbookFixture.FormulaName);
    }

    [Fact]
    public void TheDashboardSheetsHeadlines_AreTheCatalogueWorkbookList_InOrder_AndTheAboutSheetDefinesEach()
    {
        using var book = new WorkbookReader(fixture.London);
        Assert.Equal(HeadlineCatalogue.Workbook.Select(h => h.Label), book.Rows("Headlines").Select(r => r["Figure"].GetString()));
        var about = book.Workbook.Worksheet("About").CellsUsed().Select(c => c.GetString()).ToHashSet();
        Assert.All(HeadlineCatalogue.Workbook, h => Assert.Contains(h.Label, about));
    }

    [Fact]
    public void EveryHeadlineFigure_MatchesTheSeededActivity_WithItsChangeOnThePreviousMonth()
    {
        using var book = new WorkbookReader(fixture.London);
        var seeded = fixture.Seeded;
        const int councils = 3; // Westminster, Camden and Hackney: the current councils in the London region of the test register
        var expected = new Dictionary<string, (double Value, double Previous)>
        {
            ["Councils in the group"] = (councils, councils),
            ["Councils signed up"] = (seeded.SignedUpBy('B'), seeded.SignedUpBy('A')),
            ["Councils with a verified contact"] = (seeded.CouncilsWithVerifiedContactBy('B'), seeded.CouncilsWithVerifiedContactBy('A')),
            ["Share of councils with at least one submitted assessment"] = ((double)seeded.CouncilsAssessedBy('B') / councils, (double)seeded.CouncilsAssessedBy('A') / councils),
            ["Assessments submitted this month"] = (seeded.SubmittedIn('B'), seeded.SubmittedIn('A')),
            ["Assessments submitted to date"] = (seeded.SubmittedBy('B'), seeded.SubmittedBy('A')),
            ["Share of points met or green"] = (seeded.PassShareBy('B'), seeded.PassShareBy('A')),
            ["Actions open"] = (seeded.OpenActionsAt('B'), seeded.OpenActionsAt('A')),
            ["Actions overdue"] = (seeded.OverdueActionsAt('B'), seeded.OverdueActionsAt('A')),
        };

        var headlines = book.Headlines();

        Assert.Equal(expected.Keys.Order(), headlines.Keys.Order());
        foreach (var (label, (value, previous)) in expected)
        {
            Assert.True(Math.Abs(value - headlines[label].Value) < 1e-9, $"{label}: expected {value}, workbook has {headlines[label].Value}");
            Assert.True(Math.Abs(previous - headlines[label].Previous) < 1e-9, $"{label} (previous month): expected {previous}, workbook has {headlines[label].Previous}");
            Assert.True(Math.Abs(value - previous - headlines[label].Change) < 1e-9, $"{label} (change)");
        }

        // The seeding is meant to exercise every figure, so none of these may be trivially zero.
        Assert.Equal((3, 1), ((int)headlines["Councils signed up"].Value, (int)headlines["Councils signed up"].Previous));
        Assert.Equal(41.0 / 44, headlines["Share of points met or green"].Value, 9);
        Assert.Equal((2, 1), ((int)headlines["Actions open"].Value, (int)headlines["Actions overdue"].Value));
        Assert.Equal((2, 0), ((int)headlines["Actions open"].Previous, (int)headlines["Actions overdue"].Previous));
    }

    [Fact]
    public async Task AnEarlierMonthsActions_ShowTheStateAtThatMonthsEnd_WithTheRatingThatRaisedThem()
    {
        // Both month-A actions were still open at the end of A; the reassessment in B closed point 2 as "met".
        var admin = fixture.CreateAdminClient();
        await ReportSteps.RunOkAsync(admin, fixture.MonthA, "london");
        using var book = new WorkbookReader(await ReportSteps.DownloadAsync(admin, fixture.MonthA, "london"));

        var actions = book.Rows("Actions");
        Assert.Equal([2, 5], actions.Select(r => (int)r["Point"].GetDouble()).Order());
        Assert.All(actions, r => Assert.Equal("Not met", r["Rating"].GetString()));
    }

    [Fact]
    public void DataTables_ListTheMonthsCouncilsAssessmentsActionsAndTrend()
    {
        using var book = new WorkbookReader(fixture.London);
        var seeded = fixture.Seeded;

        var councils = book.Rows("Councils").ToDictionary(r => r["GSS code"].GetString());
        Assert.Equal(["E09000007", "E09000012", "E09000033"], councils.Keys.Order());
        Assert.Equal("Yes", councils["E09000033"]["Signed up"].GetString());
        Assert.Equal(2, councils["E09000033"]["Verified contacts"].GetDouble());
        Assert.Equal(seeded.Assessments.Count(a => a.Council == "WSM"), councils["E09000033"]["Assessments submitted"].GetDouble());
        Assert.Equal(XLDataType.DateTime, councils["E09000033"]["Signed up on"].DataType);
        Assert.Equal(ReportSteps.StartOf(fixture.MonthA).Month, councils["E09000033"]["Signed up on"].GetDateTime().Month);

        var assessments = book.Rows("Assessments");
        Assert.Equal(seeded.SubmittedBy('B'), assessments.Count);
        Assert.Equal(seeded.SubmittedIn('B'), assessments.Count(r => r["Submitted this month"].GetString() == "Yes"));
        var replaced = seeded.Assessments.Single(a => a.Replaces is not null).Replaces;
        Assert.Equal("No", assessments.Single(r => r["Reference"].GetString() == replaced)["Current"].GetString());

        var actions = book.Rows("Actions");
        Assert.Equal(seeded.OpenActionsAt('B'), actions.Count);
        Assert.Equal(seeded.OverdueActionsAt('B'), actions.Count(r => r["Overdue"].GetString() == "Yes"));
        Assert.Equal(5, actions.Single(r => r["Overdue"].GetString() == "Yes")["Point"].GetDouble());

        var trend = book.Rows("Trend");
        Assert.Equal(12, trend.Count);
        Assert.Equal(ReportSteps.StartOf(fixture.MonthB).UtcDateTime, trend[^1]["Month"].GetDateTime());
        Assert.Equal(ReportSteps.StartOf(fixture.MonthA).UtcDateTime, trend[^2]["Month"].GetDateTime());
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, seeded.SignedUpBy('A'), seeded.SignedUpBy('B')], trend.Select(r => (int)r["Councils signed up"].GetDouble()));
        Assert.Equal(seeded.SubmittedIn('B'), trend[^1]["Assessments submitted in month"].GetDouble());
    }

    [Fact]
    public void PointResults_IsACouncilByPointHeatMap_ForCurrentAssessments()
    {
        using var book = new WorkbookReader(fixture.London);

        var rows = book.Rows("PointResults").ToDictionary(r => r["GSS code"].GetString());
        var westminster = rows["E09000033"];
        Assert.Equal(1, westminster["LGDSS 2016 assessments"].GetDouble());
        Assert.Equal(1, westminster["SS 2019 assessments"].GetDouble());
        Assert.Equal(1, westminster["LGDSS 2016 P2"].GetDouble());
        Assert.Equal(0, westminster["LGDSS 2016 P5"].GetDouble());
        Assert.Equal(0, westminster["SS 2019 P1"].GetDouble());
        Assert.Equal(1, westminster["SS 2019 P2"].GetDouble());
        Assert.True(rows["E09000007"]["SS 2019 P1"].IsEmpty());
        Assert.True(rows["E09000012"]["LGDSS 2016 P1"].IsEmpty());

        var sheet = book.Workbook.Worksheet("PointResults");
        var scale = Assert.Single(sheet.ConditionalFormats, f => f.ConditionalFormatType == XLConditionalFormatType.ColorScale);
        Assert.Equal(5, scale.Range.FirstColumn().ColumnNumber());
        Assert.Equal(4 + 15 + 14, scale.Range.LastColumn().ColumnNumber());
        Assert.Equal(2, scale.Range.FirstRow().RowNumber());
        Assert.Contains(book.Workbook.Worksheet("Actions").ConditionalFormats, f => f.ConditionalFormatType == XLConditionalFormatType.Expression);
    }

    [Fact]
    public void Dashboard_HasABarChartOfPointRatesAndALineChartOfSignups_ReferencingWorkbookCells()
    {
        using var book = new WorkbookReader(fixture.London);
        using var package = book.OpenXml();

        var charts = package.Charts("Dashboard");
        Assert.Equal(2, charts.Count);
        var bar = charts.Single(c => c.ChartSpace.Descendants<C.BarChart>().Any());
        var line = charts.Single(c => c.ChartSpace.Descendants<C.LineChart>().Any());

        var rates = book.Table("PointRates");
        var first = rates.RangeAddress.FirstAddress.RowNumber + 1;
        var last = rates.RangeAddress.LastAddress.RowNumber;
        Assert.Equal(15 + 14, last - first + 1);
        var (barCategories, barValues) = OpenXmlView.SeriesReferences(bar);
        Assert.Equal($"'Dashboard'!$A${first}:$A${last}", barCategories);
        Assert.Equal($"'Dashboard'!$F${first}:$F${last}", barValues);
        Assert.Equal("Point", book.Workbook.Worksheet("Dashboard").Cell(first - 1, 1).GetString());
        Assert.Equal("Rate", book.Workbook.Worksheet("Dashboard").Cell(first - 1, 6).GetString());
        var cached = bar.ChartSpace.Descendants<C.Values>().Single().Descendants<C.NumericPoint>()
            .ToDictionary(p => (int)p.Index!.Value, p => double.Parse(p.NumericValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
        for (var row = first; row <= last; row++)
        {
            var cell = book.Workbook.Worksheet("Dashboard").Cell(row, 6);
            double? expected = cell.IsEmpty() ? null : cell.GetDouble();
            double? actual = cached.TryGetValue(row - first, out var value) ? value : null;
            Assert.Equal(expected, actual);
        }

        var (lineCategories, lineValues) = OpenXmlView.SeriesReferences(line);
        Assert.Equal("'Trend'!$A$2:$A$13", lineCategories);
        Assert.Equal("'Trend'!$B$2:$B$13", lineValues);
        Assert.Equal(["Month", "Councils signed up"], book.Columns("Trend").Take(2));
        Assert.Empty(package.Validate());
    }

    [Fact]
    public void PointBarChart_NamesEveryBar_WithRoomForEachLabel()
    {
        using var book = new WorkbookReader(fixture.London);
        using var package = book.OpenXml();
        var bar = package.Charts("Dashboard").Single(c => c.ChartSpace.Descendants<C.BarChart>().Any());
        var axis = bar.ChartSpace.Descendants<C.CategoryAxis>().Single();
        var categories = (int)bar.ChartSpace.Descendants<C.CategoryAxisData>().Single().Descendants<C.PointCount>().Single().Val!.Value;

        Assert.Equal(15 + 14, categories);
        Assert.Equal(1, axis.GetFirstChild<C.TickLabelSkip>()?.Val?.Value);
        var fontPoints = (axis.GetFirstChild<C.TextProperties>()?.Descendants<DocumentFormat.OpenXml.Drawing.DefaultRunProperties>().SingleOrDefault()?.FontSize?.Value ?? 1000) / 100.0;
        // A reader hides labels that would overlap: each bar needs height for a point title wrapped onto two lines.
        var heightPoints = package.ChartAnchorRows("Dashboard", bar) * 15.0;
        Assert.True(heightPoints / categories >= 2.5 * fontPoints, $"{heightPoints / categories:0.0} pt per bar for {fontPoints} pt labels");
    }

    [Fact]
    public void WrappedTableHeaders_HaveRowsTallEnoughToShowEveryLine()
    {
        using var book = new WorkbookReader(fixture.London);

        foreach (var table in book.Workbook.Worksheets.SelectMany(w => w.Tables))
        {
            var header = table.HeadersRow();
            foreach (var cell in header.Cells())
            {
                // At most about one character per unit of column width fits on a line of wrapped text.
                var width = cell.WorksheetColumn().Width;
                var lines = Math.Ceiling(cell.GetString().Length / (width - 1));
                Assert.True(cell.Style.Alignment.WrapText, $"{table.Name}: {cell.GetString()} wraps");
                Assert.True(cell.WorksheetRow().Height >= 14 * lines, $"{table.Name}: \"{cell.GetString()}\" needs {lines} lines; the row is {cell.WorksheetRow().Height} pt");
            }
        }
    }

    [Fact]
    public void SignupChart_StepsInWholeNumbers_EvenForAGroupWithNoSignups()
    {
        foreach (var (bytes, largest) in new[] { (fixture.London, 3), (fixture.Midlands, 0) })
        {
            using var package = new OpenXmlView(bytes);
            var line = package.Charts("Dashboard").Single(c => c.ChartSpace.Descendants<C.LineChart>().Any());
            var axis = line.ChartSpace.Descendants<C.ValueAxis>().Single();

            var step = axis.GetFirstChild<C.MajorUnit>()?.Val?.Value;
            Assert.NotNull(step);
            Assert.True(step >= 1 && step == Math.Floor(step.Value), $"step {step}");
            Assert.Equal(0, axis.Scaling!.GetFirstChild<C.MinAxisValue>()?.Val?.Value);
            Assert.DoesNotContain(".", axis.GetFirstChild<C.NumberingFormat>()!.FormatCode!.Value, StringComparison.Ordinal);
            var top = axis.Scaling.GetFirstChild<C.MaxAxisValue>()?.Val?.Value ?? Math.Ceiling(largest / step.Value) * step.Value;
            Assert.True(top >= Math.Max(largest, 1), $"the axis reaches {top}");
        }
    }

    [Fact]
    public void ShareOfPointsMetOrGreen_SaysNoRatings_WhenNothingWasRated_NotZeroPercent()
    {
        using (var empty = new WorkbookReader(fixture.Midlands))
        {
            var row = empty.Rows("Headlines").Single(r => r["Figure"].GetString() == "Share of points met or green");
            Assert.Equal(("no ratings", "no ratings"), (row["This month"].GetString(), row["Previous month"].GetString()));
            Assert.True(row["Change"].IsEmpty());
            Assert.All(empty.Rows("Trend"), r => Assert.Equal("no ratings", r["Share of points met or green"].GetString()));
        }

        // London: rated only from month A, so the months before say "no ratings" and the rest are numbers.
        using var book = new WorkbookReader(fixture.London);
        var trend = book.Rows("Trend");
        Assert.All(trend.SkipLast(2), r => Assert.Equal("no ratings", r["Share of points met or green"].GetString()));
        Assert.Equal(fixture.Seeded.PassShareBy('A'), trend[^2]["Share of points met or green"].GetDouble(), 9);
        Assert.Equal(XLDataType.Number, trend[^1]["Share of points met or green"].DataType);
        Assert.Equal(XLDataType.Number, book.Rows("Headlines").Single(r => r["Figure"].GetString() == "Share of points met or green")["This month"].DataType);
    }

    [Fact]
    public void EmptyLists_AreANamedHeaderRow_NotATableHoldingABlankRow()
    {
        foreach (var (bytes, empty) in new[] { (fixture.Midlands, new[] { "Assessments", "Actions" }), (fixture.NorthEast, new[] { "Councils", "Assessments", "PointResults", "Actions" }) })
        {
            using var book = new WorkbookReader(bytes);
            var tables = book.Workbook.Worksheets.SelectMany(w => w.Tables).ToList();
            foreach (var name in empty)
            {
                Assert.DoesNotContain(tables, t => t.Name == name);
                var header = Assert.Single(book.Workbook.NamedRange(name)!.Ranges);
                Assert.Equal((name, 1, 1), (header.Worksheet.Name, header.FirstRow().RowNumber(), header.RowCount()));
                Assert.Equal(header.Worksheet.Row(1).CellsUsed().Count(), header.ColumnCount());
                Assert.Null(header.Worksheet.LastRowUsed()!.RowBelow().FirstCellUsed());
                Assert.Equal(1, header.Worksheet.LastRowUsed()!.RowNumber());
            }

            // What is still a table holds data on every row: Power BI reads a blank table row as a row of nulls.
            Assert.All(tables, t => Assert.All(t.DataRange.Rows(), r => Assert.Contains(r.Cells(), c => !c.IsEmpty())));
            using var package = book.OpenXml();
            Assert.Empty(package.Validate());
        }
    }

    [Fact]
    public void FormulaLookingInput_IsStoredAsText()
    {
        using var book = new WorkbookReader(fixture.London);
        using var package = book.OpenXml();
        var councils = book.Rows("Councils").ToDictionary(r => r["GSS code"].GetString());
        var services = book.Rows("Assessments").Select(r => r["Service"]).ToList();

        var cells = new[]
        {
            (councils["E09000033"]["Contact names (consented to contact)"], $"{WorkbookFixture.FormulaName}; Second Lead"),
            (councils["E09000012"]["Contact names (consented to contact)"], "+1"),
            (services.First(c => c.GetString() == "-2"), "-2"),
            (services.First(c => c.GetString() == "@SUM(A1)"), "@SUM(A1)"),
        };
        foreach (var (cell, text) in cells)
        {
            Assert.False(cell.HasFormula);
            Assert.Equal(XLDataType.Text, cell.DataType);
            Assert.Equal(text, cell.GetString());
            Assert.True(cell.Style.IncludeQuotePrefix);
            var raw = package.Cell(cell.Worksheet.Name, cell.Address.ToString()!);
            Assert.Null(raw.CellFormula);
            Assert.Equal(S.CellValues.SharedString, raw.DataType!.Value);
        }

        Assert.DoesNotContain(book.AllCells(), c => c.HasFormula);
    }

    [Fact]
    public void ContactDetails_AppearOnlyForContactsWhoConsentedToBeContacted()
    {
        using var book = new WorkbookReader(fixture.London);
        var text = book.AllCells().Select(c => c.GetString()).ToList();

        Assert.Contains(text, t => t.Contains(WorkbookFixture.WestminsterLead, StringComparison.Ordinal) && t.Contains(WorkbookFixture.WestminsterSecond, StringComparison.Ordinal));
        Assert.Contains(text, t => t.Contains(WorkbookFixture.HackneyLead, StringComparison.Ordinal));
        Assert.DoesNotContain(text, t => t.Contains(WorkbookFixture.CamdenLead, StringComparison.Ordinal));
        Assert.DoesNotContain(text, t => t.Contains("Camden Withdrawn", StringComparison.Ordinal));
        Assert.Equal(1, book.Rows("Councils").Single(r => r["GSS code"].GetString() == "E09000007")["Verified contacts"].GetDouble());
    }

    [Fact]
    public void Sheets_HaveExplicitWidthsFrozenHeadersFormatsAndPrintSettings()
    {
        using var book = new WorkbookReader(fixture.London);
        using var package = book.OpenXml();

        foreach (var name in Sheets)
        {
            var sheet = package.Sheet(name).Worksheet;
            Assert.Contains(sheet.Descendants<S.Column>(), c => c.CustomWidth?.Value == true);
            // ClosedXML writes "frozenSplit": frozen, and a split is left if a reader unfreezes it.
            var pane = sheet.Descendants<S.Pane>().Single();
            Assert.Contains(pane.State!.Value, new[] { S.PaneStateValues.Frozen, S.PaneStateValues.FrozenSplit });
            Assert.Equal(name == "Dashboard" ? 2 : 1, pane.VerticalSplit!.Value);
            var setup = sheet.Descendants<S.PageSetup>().Single();
            Assert.Equal(9u, setup.PaperSize!.Value);
            Assert.Equal(1u, setup.FitToWidth?.Value ?? 1u);
            Assert.True(sheet.SheetProperties!.PageSetupProperties!.FitToPage!.Value);
            Assert.NotNull(sheet.Descendants<S.OddFooter>().SingleOrDefault());
        }

        var councils = book.Table("Councils").DataRange;
        Assert.Equal("d mmm yyyy", councils.Column(7).FirstCell().Style.NumberFormat.Format);
        Assert.Equal("0.0%", book.Table("Trend").DataRange.Column(4).FirstCell().Style.NumberFormat.Format);
        Assert.Equal("mmm yyyy", book.Table("Trend").DataRange.Column(1).FirstCell().Style.NumberFormat.Format);
        Assert.Equal(Sheets.Length, package.DefinedNames().Count(n => n == "_xlnm.Print_Titles"));
    }

    [Fact]
    public void About_SaysWhenItWasGeneratedWhatDateTheDataRunsToAndTheStandardVersions()
    {
        using var book = new WorkbookReader(fixture.London);
        var about = book.Workbook.Worksheet("About");
        string Value(string label) => about.Column(1).CellsUsed().Single(c => c.GetString() == label).CellRight().GetFormattedString();

        var lastDay = ReportSteps.StartOf(fixture.MonthB).AddMonths(1).AddDays(-1);
        Assert.Equal(lastDay.UtcDateTime.Date, about.Column(1).CellsUsed().Single(c => c.GetString() == "Data as of (end of day, UTC)").CellRight().GetDateTime());
        Assert.False(string.IsNullOrEmpty(Value("Generated at (UTC)")));
        Assert.Contains("lgdss-2016", Value("Local Government Digital Service Standard 2016"), StringComparison.Ordinal);
        Assert.Contains("service-standard-2019", Value("Service Standard 2019"), StringComparison.Ordinal);
        Assert.Contains(about.CellsUsed(), c => c.GetString().StartsWith("Across current assessments, point ratings that were met", StringComparison.Ordinal));
    }

    [Fact]
    public void AGroupWithNoActivity_GetsACorrectWorkbookOfZeros()
    {
        foreach (var (bytes, councils) in new[] { (fixture.Midlands, 2), (fixture.NorthEast, 0) })
        {
            using var book = new WorkbookReader(bytes);
            Assert.Equal(Sheets, book.SheetNames);
            var headlines = book.Headlines();
            Assert.Equal(councils, headlines["Councils in the group"].Value);
            Assert.All(headlines.Where(h => h.Key is not "Councils in the group" and not "Share of points met or green"), h => Assert.Equal((0d, 0d, 0d), h.Value));
            Assert.Equal(councils, book.Rows("Councils").Count);
            Assert.All(book.Rows("Councils"), r => Assert.Equal("No", r["Signed up"].GetString()));
            Assert.Empty(book.Rows("Assessments"));
            Assert.Empty(book.Rows("Actions"));
            Assert.Equal(12, book.Rows("Trend").Count);
            using var package = book.OpenXml();
            Assert.Equal(2, package.Charts("Dashboard").Count);
            Assert.Empty(package.Validate());
        }
    }
}
