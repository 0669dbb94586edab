using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Reports;

/// <summary>Steps the report tests share: months relative to the test clock, leads, runs, and index rows written directly.</summary>
public static class ReportSteps
{
    public sealed record Lead(string Name, string Email);

    /// <summary>"yyyy-MM" of the month <paramref name="monthsBack"/> before the clock's current month.</summary>
    public static string MonthsAgo(TimeProvider clock, int monthsBack)
    {
        var now = clock.GetUtcNow();
        return new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-monthsBack).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    public static DateTimeOffset StartOf(string month) =>
        DateTimeOffset.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Moves the clock to noon on the 2nd of the next month.</summary>
    public static void AdvanceToNextMonth(FakeTimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var target = new DateTimeOffset(now.Year, now.Month, 2, 12, 0, 0, TimeSpan.Zero).AddMonths(1);
        clock.Advance(target - now);
    }

    public static async Task SetLeadsAsync(HttpClient admin, string slug, string name, string[] regions, params Lead[] leads)
    {
        var response = await admin.PutAsJsonAsync($"/api/admin/peer-groups/{slug}", new
        {
            name,
            regions,
            leads = leads.Select(l => new { name = l.Name, email = l.Email }).ToArray(),
        });
        response.EnsureSuccessStatusCode();
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> RunAsync(HttpClient admin, string month, string? peerGroup = null, bool resend = false)
    {
        var query = new List<string>();
        if (peerGroup is not null)
        {
            query.Add($"peerGroup={peerGroup}");
        }

        if (resend)
        {
            query.Add("resend=true");
        }

        var path = $"/api/admin/reports/{month}/run" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var response = await admin.PostAsync(new Uri(path, UriKind.Relative), null);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static async Task<JsonNode> RunOkAsync(HttpClient admin, string month, string? peerGroup = null, bool resend = false)
    {
        var (response, body) = await RunAsync(admin, month, peerGroup, resend);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Run answered {(int)response.StatusCode}: {body}");
        }

        return body!;
    }

    public static async Task<JsonNode> RunViewAsync(HttpClient admin, string month, string peerGroup)
    {
        var list = (await admin.GetFromJsonAsync<JsonNode>($"/api/admin/reports/{month}"))!;
        return list["runs"]!.AsArray().Single(r => r!["peerGroup"]!.GetValue<string>() == peerGroup)!;
    }

    public static async Task<byte[]> DownloadAsync(HttpClient admin, string month, string peerGroup)
    {
        var response = await admin.GetAsync(new Uri($"/api/admin/reports/{month}/{peerGroup}.xlsx", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>
    /// Writes a row of the submitted-assessment index directly, for exact timestamps (the API
    /// stamps "now"). Same shape the assessment service writes: PartitionKey "{region}|yyyy-MM".
    /// </summary>
    public static async Task WriteSubmittedAssessmentAsync(
        ServiceFixture fixture, string region, TestCouncil council, string reference, string serviceName, DateTimeOffset submittedAt, string rating = "met")
    {
        var table = new TableServiceClient(fixture.Storage.ConnectionString).GetTableClient("SubmittedAssessments");
        var ratings = string.Join(',', Enumerable.Range(1, 15).Select(n => $"\"{n}\":\"{rating}\""));
        await table.UpsertEntityAsync(new TableEntity($"{region}|{submittedAt.UtcDateTime:yyyy-MM}", $"{council.GssCode}|{reference}")
        {
            ["GssCode"] = council.GssCode,
            ["Reference"] = reference,
            ["CouncilName"] = council.OfficialName,
            ["ServiceName"] = serviceName,
            ["Phase"] = "live",
            ["Type"] = "self",
            ["StandardId"] = "lgdss-2016",
            ["OverallResult"] = rating,
            ["OverallPasses"] = rating == "met",
            ["PointRatingsJson"] = "{" + ratings + "}",
            ["SubmittedAt"] = submittedAt,
        });
    }
}
