namespace LocalGovStandard.Tests.Hardening.BadInput;

public static class AssessmentPageCases
{
    private const string FormExpired = "Your form has expired";

    private static readonly (string, string)[] Urls =
    [
        ("javascript scheme", NastyValues.Quote("javascript:alert(1)")), ("not a URL", "\"bins please\""),
        ("CR/LF", NastyValues.Quote("https://example.gov.uk/\r\nLocation: https://evil.example")),
    ];

    public static IEnumerable<BadInputCase> NewQuestion() =>
        new FormRouteCases("POST /assessments/new/{step}", f => f.Pages, _ => "/assessments/new/service")
            .Field("serviceName", NastyValues.RequiredText(120))
            .Field("serviceUrl", Urls)
            .BrokenPosts(FormExpired, "serviceName")
            .All;

    public static IEnumerable<BadInputCase> DetailsQuestion() =>
        new FormRouteCases("POST /assessments/{reference}/details/{step}", f => f.Pages, f => $"/assessments/{f.Draft}/details/service")
            .Field("serviceName", NastyValues.RequiredText(120).Take(6))
            .Field("serviceUrl", Urls)
            .BrokenPosts(FormExpired, "serviceName")
            .Change("etag: stale", fields => fields.Set("etag", "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\""), new Expectation.Page("changed"))
            .All
            .Concat(new FormRouteCases("POST /assessments/{reference}/details/{step}", f => f.Pages, f => $"/assessments/{f.Draft}/details/phase")
                .Field("phase", NastyValues.Code().Take(5))
                .All);

    public static IEnumerable<BadInputCase> Point() =>
        new FormRouteCases("POST /assessments/{reference}/points/{number:int}", f => f.Pages, f => $"/assessments/{f.Draft}/points/1")
            .Field("rating", NastyValues.Code().Append(("Service Standard rating on LGDSS", "\"green\"")))
            .Field("notes", [("2,001 characters", NastyValues.Quote(new string('n', 2001))), ("NUL character", NastyValues.Quote("a\u0000b"))], fields => fields.Set("rating", "met"))
            .Change("etag: stale", fields =>
            {
                fields.Set("rating", "met");
                fields.Set("etag", "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\"");
            }, new Expectation.Page("changed"))
            .BrokenPosts(FormExpired, "notes", fields => fields.Set("rating", "met"))
            .All;

    public static IEnumerable<BadInputCase> Check() =>
        new FormRouteCases("POST /assessments/{reference}/check", f => f.Pages, f => $"/assessments/{f.Draft}/check")
            .Change("unrated points", _ => { }, new Expectation.Page("point"))
            .Change("etag: stale", fields => fields.Set("etag", "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\""), new Expectation.Page("changed"))
            .BrokenPosts(FormExpired, "overallRating")
            .All;

    public static IEnumerable<BadInputCase> Reassess() =>
        new FormRouteCases("POST /assessments/{reference}/reassess", f => f.Pages, f => $"/assessments/{f.Submitted}", action: (string?)null)
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> ActionDone() =>
        new FormRouteCases("POST /assessments/actions/{reference}/{point:int}/done", f => f.Pages, f => $"/assessments/actions/{f.Submitted}/{BadInputFixture.FailedPoint}/done")
            .Field("note", [("empty", "\"\""), ("spaces only", "\"   \""), ("1,001 characters", NastyValues.Quote(new string('n', 1001))), ("NUL character", NastyValues.Quote("a\u0000b")), ("zero-width only", NastyValues.Quote("\u200B"))])
            .BrokenPosts(FormExpired, "note")
            .All;
}
