using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LocalGovStandard.Assessments;
using LocalGovStandard.Platform.Storage;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.Assessments;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class AssessmentFlowTests(AssessmentFixture fixture) : IClassFixture<AssessmentFixture>
{
    [Fact]
    public async Task Lgdss_AllPointsMet_IsMet_AndRaisesNoActions()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Parking permits"));
        etag = await AssessmentSteps.RateAllAsync(client, reference, etag, _ => "met", 15);

        var submitted = await AssessmentSteps.SubmitAsync(client, reference, etag);

        Assert.Equal("submitted", submitted["status"]!.GetValue<string>());
        Assert.Equal("met", submitted["overallResult"]!.GetValue<string>());
        Assert.NotNull(submitted["submittedAt"]);
        Assert.StartsWith("LGS-", submitted["submittedBy"]!.GetValue<string>(), StringComparison.Ordinal);
        var list = await AssessmentSteps.ListAsync(client);
        Assert.DoesNotContain(list["openActions"]!.AsArray(), a => a!["assessmentReference"]!.GetValue<string>() == reference);
    }

    [Fact]
    public async Task Lgdss_OnePointNotMet_IsNotMet_AndOpensOneActionDueInThreeMonths()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Council tax"));
        etag = await AssessmentSteps.RateAllAsync(client, reference, etag, n => n == 9 ? "not-met" : "met", 15);

        var submitted = await AssessmentSteps.SubmitAsync(client, reference, etag);

        Assert.Equal("not-met", submitted["overallResult"]!.GetValue<string>());
        var list = await AssessmentSteps.ListAsync(client);
        var action = Assert.Single(list["openActions"]!.AsArray(), a => a!["assessmentReference"]!.GetValue<string>() == reference)!;
        Assert.Equal(9, action["pointNumber"]!.GetValue<int>());
        Assert.Equal("Make a plan for being offline", action["pointTitle"]!.GetValue<string>());
        var submittedAt = submitted["submittedAt"]!.GetValue<DateTimeOffset>();
        Assert.Equal(submittedAt.AddMonths(3), action["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.False(action["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ServiceStandard_OverallDefaultsToTheWorstPointRating()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.CamdenContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("service-standard-2019"));
        etag = await AssessmentSteps.RateAllAsync(client, reference, etag, n => n switch { 3 => "amber", 7 => "red", _ => "green" }, 14);

        var submitted = await AssessmentSteps.SubmitAsync(client, reference, etag);

        Assert.Equal("red", submitted["overallResult"]!.GetValue<string>());
        var actions = (await AssessmentSteps.ListAsync(client))["openActions"]!.AsArray().Where(a => a!["assessmentReference"]!.GetValue<string>() == reference);
        Assert.Equal([3, 7], actions.Select(a => a!["pointNumber"]!.GetValue<int>()).Order());
    }

    [Fact]
    public async Task ServiceStandard_PanelCanChooseTheOverallRating()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.CamdenContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("service-standard-2019", "Housing repairs"));
        etag = await AssessmentSteps.RateAllAsync(client, reference, etag, n => n == 7 ? "red" : "green", 14);

        var submitted = await AssessmentSteps.SubmitAsync(client, reference, etag, overallRating: "amber");

        Assert.Equal("amber", submitted["overallResult"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lgdss_RejectsAPanelOverallRating_AndUnknownRatings()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Libraries"));

        var (wrongScale, problem) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reference}/points/1", new { rating = "green" }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, wrongScale.StatusCode);
        Assert.Contains("met, not-met", problem!["errors"]!["rating"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        etag = await AssessmentSteps.RateAllAsync(client, reference, etag, _ => "met", 15);
        var (panelChoice, panelProblem) = await AssessmentSteps.SendAsync(client, HttpMethod.Post, $"/api/assessments/{reference}/submit", new { overallRating = "met" }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, panelChoice.StatusCode);
        Assert.NotNull(panelProblem!["errors"]!["overallRating"]);
    }

    [Fact]
    public async Task Submit_WithUnratedPoints_NamesEachMissingPoint()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("service-standard-2019", "Planning"));
        etag = await AssessmentSteps.RateAllAsync(client, reference, etag, _ => "green", 12);

        var (response, problem) = await AssessmentSteps.SendAsync(client, HttpMethod.Post, $"/api/assessments/{reference}/submit", new { }, etag);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["points.13", "points.14"], problem!["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task SubmittedAssessment_IsImmutable()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var reference = await AssessmentSteps.SubmittedAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Waste"), _ => "met", 15);
        var current = await client.GetAsync(new Uri($"/api/assessments/{reference}", UriKind.Relative));
        var latest = current.Headers.ETag!.ToString();

        var (point, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reference}/points/1", new { rating = "not-met" }, latest);
        var (details, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reference}/details", AssessmentSteps.SelfDetails("lgdss-2016", "Renamed"), latest);
        var (again, problem) = await AssessmentSteps.SendAsync(client, HttpMethod.Post, $"/api/assessments/{reference}/submit", new { }, latest);

        Assert.Equal(HttpStatusCode.Conflict, point.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, details.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("cannot be changed", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = await client.GetFromJsonAsync<JsonNode>($"/api/assessments/{reference}");
        Assert.Equal("Waste", stored!["serviceName"]!.GetValue<string>());
        Assert.Equal("met", stored["points"]![0]!["rating"]!.GetValue<string>());
    }

    [Fact]
    public async Task EditingFromTwoTabs_TheSecondSaveGets409_AndNothingIsOverwritten()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Two tabs"));

        var (first, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reference}/points/2", new { rating = "met", notes = "tab one" }, etag);
        var (second, problem) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reference}/points/2", new { rating = "not-met", notes = "tab two" }, etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("changed since you read it", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var stored = await client.GetFromJsonAsync<JsonNode>($"/api/assessments/{reference}");
        Assert.Equal("tab one", stored!["points"]![1]!["notes"]!.GetValue<string>());
    }

    [Fact]
    public async Task Writes_WithoutIfMatch_Are428()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, _) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "No ETag"));

        var (response, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reference}/points/1", new { rating = "met" }, etag: null);

        Assert.Equal((HttpStatusCode)428, response.StatusCode);
    }

    [Fact]
    public async Task Submit_IndexesTheAssessmentForItsRegionAndMonth()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.CamdenContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Indexed"));
        etag = await AssessmentSteps.RateAllAsync(client, reference, etag, n => n == 1 ? "not-met" : "met", 15);
        var submitted = await AssessmentSteps.SubmitAsync(client, reference, etag);

        var table = fixture.App.Services.GetRequiredKeyedService<TableClient>(TableNames.SubmittedAssessments);
        var partition = AssessmentKeys.SubmittedPartition("london", submitted["submittedAt"]!.GetValue<DateTimeOffset>());
        var row = (await table.GetEntityAsync<SubmittedAssessmentEntity>(partition, $"{TestRegister.Camden.GssCode}|{reference}")).Value;
        Assert.Equal("not-met", row.OverallResult);
        Assert.False(row.OverallPasses);
        Assert.Contains("\"1\":\"not-met\"", row.PointRatingsJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LgdssAssessment_ShowsWhatItMeansAgainstTheServiceStandard()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Mapped"));
        await AssessmentSteps.RateAllAsync(client, reference, etag, n => n == 6 ? "not-met" : "met", 15);

        var view = await client.GetFromJsonAsync<JsonNode>($"/api/assessments/{reference}");
        var mapped = view!["againstOtherStandards"]!.AsArray();

        Assert.Equal(14, mapped.Count);
        var privacy = mapped.Single(m => m!["number"]!.GetValue<int>() == 9)!;
        Assert.Equal("evidence not met", privacy["reading"]!.GetValue<string>());
        Assert.Equal([6], privacy["informedBy"]!.AsArray().Select(p => p!["number"]!.GetValue<int>()));
        Assert.Equal("evidence met", mapped.Single(m => m!["number"]!.GetValue<int>() == 1)!["reading"]!.GetValue<string>());
        Assert.Equal("not covered", mapped.Single(m => m!["number"]!.GetValue<int>() == 12)!["reading"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submit_EmailsTheSubmitterACopyOfTheAnswers_Once_WithoutAttachments()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.CamdenContact);
        var (reference, etag) = await AssessmentSteps.CreateAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Emailed copy"));
        etag = await AssessmentSteps.RateAllAsync(client, reference, etag, n => n == 13 ? "not-met" : "met", 15);
        await AssessmentSteps.SubmitAsync(client, reference, etag);
        await AssessmentSteps.SendAsync(client, HttpMethod.Post, $"/api/assessments/{reference}/submit", new { }, etag);

        var copies = fixture.SendGrid.Accepted.Where(m => m.Subject.Contains(reference, StringComparison.Ordinal)).ToList();
        var copy = Assert.Single(copies);
        Assert.Equal(AssessmentFixture.CamdenContact, copy.To);
        Assert.Contains("Overall result: Not met", copy.PlainText, StringComparison.Ordinal);
        Assert.Contains("13. Identify and publish performance indicators: Not met", copy.PlainText, StringComparison.Ordinal);
        Assert.Contains("Notes: Evidence for point 13", copy.PlainText, StringComparison.Ordinal);
        Assert.Contains("Actions to complete:", copy.PlainText, StringComparison.Ordinal);
        Assert.Null(copy.Body["attachments"]);

        // The pages' formats: a written-out date, the phase's name, and a due date without a clock time.
        var dueAt = (await AssessmentSteps.ListAsync(client))["openActions"]!.AsArray()
            .Single(a => a!["assessmentReference"]!.GetValue<string>() == reference)!["dueAt"]!.GetValue<DateTimeOffset>();
        var due = LocalGovStandard.Platform.UkTime.ToUk(dueAt).ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var body in new[] { copy.PlainText, copy.Html })
        {
            Assert.Contains("Date of assessment: 2 November 2026", body, StringComparison.Ordinal);
            Assert.Contains("Phase: Live", body, StringComparison.Ordinal);
            Assert.Contains($"Point 13, Identify and publish performance indicators: due {due}", body, StringComparison.Ordinal);
            Assert.DoesNotContain("UK time", body, StringComparison.Ordinal);
        }

        EmailAssert.WholeHtmlDocument(copy.Html, $"Assessment {reference} submitted: Emailed copy</title>");
    }
}
