using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.Assessments;

[Trait(Needs.Trait, Needs.Azurite)]
public sealed class ReassessmentAndActionTests(AssessmentFixture fixture) : IClassFixture<AssessmentFixture>
{
    [Fact]
    public async Task Reassessment_AsksOnlyForFailedPoints_CarriesTheRest_AndClosesActionsThatNowPass()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var original = await AssessmentSteps.SubmittedAsync(client, AssessmentSteps.SelfDetails("service-standard-2019", "Reassessed"), n => n switch { 2 => "amber", 5 => "red", _ => "green" }, 14);

        var (created, body) = await AssessmentSteps.SendAsync(client, HttpMethod.Post, $"/api/assessments/{original}/reassess", null, null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var reassessment = body!["reference"]!.GetValue<string>();
        var points = body["points"]!.AsArray();
        Assert.Equal(original, body["predecessorReference"]!.GetValue<string>());
        Assert.Null(points[1]!["rating"]);
        Assert.Null(points[4]!["rating"]);
        Assert.Equal("green", points[0]!["rating"]!.GetValue<string>());
        Assert.Equal(original, points[0]!["carriedFrom"]!["reference"]!.GetValue<string>());
        Assert.Equal("2026-11-02", points[0]!["carriedFrom"]!["assessmentDate"]!.GetValue<string>());

        var reEtag = created.Headers.ETag!.ToString();
        var (carried, carriedProblem) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reassessment}/points/1", new { rating = "red" }, reEtag);
        Assert.Equal(HttpStatusCode.BadRequest, carried.StatusCode);
        Assert.Contains("carried over", carriedProblem!["errors"]!["rating"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var (two, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reassessment}/points/2", new { rating = "green" }, reEtag);
        var (five, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reassessment}/points/5", new { rating = "amber" }, two.Headers.ETag!.ToString());
        var submitted = await AssessmentSteps.SubmitAsync(client, reassessment, five.Headers.ETag!.ToString());

        Assert.Equal("amber", submitted["overallResult"]!.GetValue<string>());
        var list = await AssessmentSteps.ListAsync(client);
        var open = list["openActions"]!.AsArray().Where(a => a!["assessmentReference"]!.GetValue<string>() == original).ToList();
        var closed = list["closedActions"]!.AsArray().Where(a => a!["assessmentReference"]!.GetValue<string>() == original).ToList();
        Assert.Equal(5, Assert.Single(open)!["pointNumber"]!.GetValue<int>());
        Assert.Equal("red", open[0]!["rating"]!.GetValue<string>());
        Assert.Equal("amber", open[0]!["reassessedRating"]!.GetValue<string>());
        Assert.Equal(reassessment, open[0]!["reassessedBy"]!.GetValue<string>());

        // The closed action keeps the rating that raised it; the result that closed it, and when, are beside it.
        Assert.Equal(2, Assert.Single(closed)!["pointNumber"]!.GetValue<int>());
        Assert.Equal(reassessment, closed[0]!["closedByReference"]!.GetValue<string>());
        Assert.Equal("amber", closed[0]!["rating"]!.GetValue<string>());
        Assert.Equal("green", closed[0]!["closingRating"]!.GetValue<string>());
        Assert.Equal(submitted["submittedAt"]!.GetValue<DateTimeOffset>(), closed[0]!["closedAt"]!.GetValue<DateTimeOffset>());
        Assert.DoesNotContain(list["openActions"]!.AsArray(), a => a!["assessmentReference"]!.GetValue<string>() == reassessment);
    }

    [Fact]
    public async Task AReassessmentOfAReassessment_ClosesTheOriginalAction_RaisesNoDuplicate_AndKeepsEachPointsOriginalDate()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var original = await AssessmentSteps.SubmittedAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Reassessed twice"), n => n is 3 or 7 ? "not-met" : "met", 15);

        // First reassessment: point 3 still fails (its action stays open, no second action), point 7 now passes.
        var first = await ReassessAsync(client, original);
        var firstEtag = await RateAsync(client, first.Reference, first.ETag, (3, "not-met"), (7, "met"));
        await AssessmentSteps.SubmitAsync(client, first.Reference, firstEtag);

        var afterFirst = await AssessmentSteps.ListAsync(client);
        var open = Assert.Single(afterFirst["openActions"]!.AsArray(), a => Concerns(a!, original, first.Reference))!;
        Assert.Equal([original, "3", first.Reference], [open["assessmentReference"]!.GetValue<string>(), open["pointNumber"]!.ToJsonString(), open["reassessedBy"]!.GetValue<string>()]);
        var confirmation = fixture.SendGrid.Accepted.Last(m => m.Subject.Contains(first.Reference, StringComparison.Ordinal));
        Assert.Contains($"(open since {original})", confirmation.PlainText, StringComparison.Ordinal);

        // Second reassessment, of the first: only point 3 is asked; point 7 keeps the first reassessment's date, the rest the original's.
        var second = await ReassessAsync(client, first.Reference);
        var points = second.Body["points"]!.AsArray();
        Assert.Equal([3], points.Where(p => p!["carriedFrom"] is null).Select(p => p!["number"]!.GetValue<int>()));
        Assert.Equal(first.Reference, points[6]!["carriedFrom"]!["reference"]!.GetValue<string>());
        Assert.Equal(original, points[0]!["carriedFrom"]!["reference"]!.GetValue<string>());
        Assert.NotEqual(points[0]!["carriedFrom"]!["assessmentDate"]!.GetValue<string>(), points[6]!["carriedFrom"]!["assessmentDate"]!.GetValue<string>());

        var secondEtag = await RateAsync(client, second.Reference, second.ETag, (3, "met"));
        await AssessmentSteps.SubmitAsync(client, second.Reference, secondEtag);

        var afterSecond = await AssessmentSteps.ListAsync(client);
        Assert.DoesNotContain(afterSecond["openActions"]!.AsArray(), a => Concerns(a!, original, first.Reference, second.Reference));
        var closed = Assert.Single(afterSecond["closedActions"]!.AsArray(), a => a!["assessmentReference"]!.GetValue<string>() == original && a["pointNumber"]!.GetValue<int>() == 3)!;
        Assert.Equal(second.Reference, closed["closedByReference"]!.GetValue<string>());
    }

    private static bool Concerns(JsonNode action, params string[] references) => references.Contains(action["assessmentReference"]!.GetValue<string>());

    private static async Task<(string Reference, string ETag, JsonNode Body)> ReassessAsync(HttpClient client, string reference)
    {
        var (created, body) = await AssessmentSteps.SendAsync(client, HttpMethod.Post, $"/api/assessments/{reference}/reassess", null, null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (body!["reference"]!.GetValue<string>(), created.Headers.ETag!.ToString(), body);
    }

    private static async Task<string> RateAsync(HttpClient client, string reference, string etag, params (int Point, string Rating)[] ratings)
    {
        foreach (var (point, rating) in ratings)
        {
            var (rated, _) = await AssessmentSteps.SendAsync(client, HttpMethod.Put, $"/api/assessments/{reference}/points/{point}", new { rating }, etag);
            Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
            etag = rated.Headers.ETag!.ToString();
        }

        return etag;
    }

    [Fact]
    public async Task Reassess_OfAnAllPassingAssessment_IsRefused()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.CamdenContact);
        var reference = await AssessmentSteps.SubmittedAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "All good"), _ => "met", 15);

        var (response, problem) = await AssessmentSteps.SendAsync(client, HttpMethod.Post, $"/api/assessments/{reference}/reassess", null, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nothing to reassess", problem!["errors"]!["reference"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Action_CanBeMarkedDoneWithANote_Once()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.CamdenContact);
        var reference = await AssessmentSteps.SubmittedAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Done action"), n => n == 4 ? "not-met" : "met", 15);

        var noNote = await client.PostAsJsonAsync($"/api/actions/{reference}/4/done", new { note = "  " });
        var done = await client.PostAsJsonAsync($"/api/actions/{reference}/4/done", new { note = "Monthly releases agreed with the service owner" });
        var again = await client.PostAsJsonAsync($"/api/actions/{reference}/4/done", new { note = "Again" });

        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var closed = (await AssessmentSteps.ListAsync(client))["closedActions"]!.AsArray().Single(a => a!["assessmentReference"]!.GetValue<string>() == reference)!;
        Assert.Equal("done", closed["status"]!.GetValue<string>());
        Assert.Equal("Monthly releases agreed with the service owner", closed["doneNote"]!.GetValue<string>());
    }
}

/// <summary>Overdue: the test moves its own clock past the due date.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class OverdueActionTests(AssessmentFixture fixture) : IClassFixture<AssessmentFixture>
{
    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task OpenAction_PastItsDueDate_IsOverdue()
    {
        var client = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var reference = await AssessmentSteps.SubmittedAsync(client, AssessmentSteps.SelfDetails("lgdss-2016", "Overdue"), n => n is 1 or 2 ? "not-met" : "met", 15);
        await client.PostAsJsonAsync($"/api/actions/{reference}/1/done", new { note = "Research plan agreed" });

        _clock.Advance(TimeSpan.FromDays(93));
        var later = await AccessSteps.BearerClientAsync(fixture, AssessmentFixture.WestminsterContact);
        var list = await AssessmentSteps.ListAsync(later);

        var open = Assert.Single(list["openActions"]!.AsArray(), a => a!["assessmentReference"]!.GetValue<string>() == reference)!;
        Assert.Equal(2, open["pointNumber"]!.GetValue<int>());
        Assert.True(open["overdue"]!.GetValue<bool>());
        Assert.Equal(1, list["overdueActions"]!.GetValue<int>());
    }
}
