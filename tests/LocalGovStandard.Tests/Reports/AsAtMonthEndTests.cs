using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Assessments;
using LocalGovStandard.Tests.Dashboard;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Reports;

/// <summary>
/// A past month as it was at its end: actions raised in one month and closed by a reassessment two months later
/// are open in the workbook, the monthly snapshots and the feed's as-at columns for the month between.
/// The test moves its own clock on two months.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AsAtMonthEndTests(AsAtMonthEndTests.Fixture fixture) : IClassFixture<AsAtMonthEndTests.Fixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    public sealed class Fixture : AssessmentFixture
    {
        protected override IReadOnlyDictionary<string, string?> SettingOverrides =>
            base.SettingOverrides.Concat(DashboardFixture.Settings).ToDictionary();
    }

    [Fact]
    public async Task ActionsRaisedInOneMonth_AndClosedTwoMonthsLater_AreOpenInTheMonthBetween()
    {
        var raisedIn = ReportSteps.MonthsAgo(_clock, 0);
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var original = await AssessmentSteps.SubmittedAsync(client, AssessmentSteps.SelfDetails("service-standard-2019", "As it was"), n => n switch { 2 => "amber", 5 => "red", _ => "green" }, 14);

        ReportSteps.AdvanceToNextMonth(_clock);
        var between = ReportSteps.MonthsAgo(_clock, 0);
        ReportSteps.AdvanceToNextMonth(_clock);
        client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (created, body) = await AssessmentSteps.SendAsync(client, HttpMethod.Post, $"/api/assessments/{original}/reassess", null, null);
        var reassessment = body!["reference"]!.GetValue<string>();
        var (two, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reassessment}/points/2", new { rating = "green" }, created.Headers.ETag!.ToString());
        var (five, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reassessment}/points/5", new { rating = "green" }, two.Headers.ETag!.ToString());
        await AssessmentSteps.SubmitAsync(client, reassessment, five.Headers.ETag!.ToString());

        // The workbook for the month between shows both actions open, with the ratings that raised them.
        var admin = fixture.CreateAdminClient();
        await ReportSteps.RunOkAsync(admin, between, "london");
        using var workbook = new WorkbookReader(await ReportSteps.DownloadAsync(admin, between, "london"));
        var actions = workbook.Rows("Actions").Where(r => r["Assessment"].GetString() == original).ToList();
        Assert.Equal(["2 Amber", "5 Red"], actions.Select(r => $"{(int)r["Point"].GetDouble()} {r["Rating"].GetString()}").Order());

        // So do the monthly snapshots, the feed's month-by-month figures.
        (await admin.PostAsync(new Uri("/api/admin/timers/RefreshDashboardSnapshots/run", UriKind.Relative), null)).EnsureSuccessStatusCode();
        var feed = fixture.CreateClient();
        feed.DefaultRequestHeaders.Add("x-read-key", DashboardFixture.ReadKey);
        var snapshot = await feed.GetFromJsonAsync<JsonNode>($"/odata/MonthlySnapshots?$filter=Month eq '{between}' and Region eq 'london' and Standard eq 'all'");
        Assert.Equal(2, Assert.Single(snapshot!["value"]!.AsArray())!["ActionsOpen"]!.GetValue<int>());
        var now = await feed.GetFromJsonAsync<JsonNode>($"/odata/MonthlySnapshots?$filter=Month eq '{ReportSteps.MonthsAgo(_clock, 0)}' and Region eq 'london' and Standard eq 'all'");
        Assert.Equal(0, Assert.Single(now!["value"]!.AsArray())!["ActionsOpen"]!.GetValue<int>());

        // The Actions set is today's state, with the dates a Power BI user filters on for any month's end (docs/power-bi.md).
        var rows = (await feed.GetFromJsonAsync<JsonNode>($"/odata/Actions?$filter=AssessmentReference eq '{original}'&$orderby=PointNumber"))!["value"]!.AsArray();
        Assert.Equal(["amber", "red"], rows.Select(r => r!["Rating"]!.GetValue<string>()));
        var endOfBetween = ReportSteps.StartOf(between).AddMonths(1);
        Assert.All(rows, row =>
        {
            Assert.Equal("closed", row!["Status"]!.GetValue<string>());
            Assert.Equal("green", row["ClosingRating"]!.GetValue<string>());
            Assert.Equal(raisedIn, At(row, "CreatedAt")!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            Assert.Equal(At(row, "ClosedAt"), At(row, "OpenUntil"));
            Assert.True(OpenAt(row, endOfBetween), $"{row.ToJsonString()} was open at the end of {between}");
            Assert.False(OpenAt(row, _clock.GetUtcNow()));
        });
    }

    /// <summary>The rule docs/power-bi.md gives: raised before the instant, and open until it or later.</summary>
    private static bool OpenAt(JsonNode action, DateTimeOffset instant) =>
        At(action, "CreatedAt") < instant && (At(action, "OpenUntil") is not { } until || until >= instant);

    private static DateTimeOffset? At(JsonNode row, string name) =>
        row[name] is { } value ? DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture) : null;
}
