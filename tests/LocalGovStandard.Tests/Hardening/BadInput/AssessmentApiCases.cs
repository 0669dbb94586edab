using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace LocalGovStandard.Tests.Hardening.BadInput;

public static class AssessmentApiCases
{
    private static readonly (string, string)[] Dates =
    [
        ("empty", "\"\""), ("not a date", "\"tomorrow\""), ("13th month", "\"2026-13-01\""), ("before 2016", "\"2015-12-31\""),
        ("in the future", "\"2099-01-01\""), ("number", "20261102"), ("formula prefix", NastyValues.Quote("=TODAY()")),
    ];

    private static readonly (string, string)[] Urls =
    [
        ("javascript scheme", NastyValues.Quote("javascript:alert(1)")), ("not a URL", "\"bins please\""), ("http not https", "\"ftp://example.gov.uk\""),
        ("CR/LF", NastyValues.Quote("https://example.gov.uk/\r\nLocation: https://evil.example")), ("501 characters", NastyValues.Quote("https://example.gov.uk/" + new string('p', 480))),
        ("number", "1"),
    ];

    private static JsonObject Details() => new()
    {
        ["serviceName"] = "Bin collections", ["serviceUrl"] = "https://www.example.gov.uk/bins", ["phase"] = "live",
        ["type"] = "self", ["standardId"] = "lgdss-2016", ["assessmentDate"] = "2026-11-02",
    };

    public static IEnumerable<BadInputCase> Create() =>
        new JsonRouteCases("POST /api/assessments", HttpMethod.Post, _ => "/api/assessments", Details(), f => f.Bearer)
            .Field("serviceName", NastyValues.RequiredText(120))
            .Field("serviceUrl", Urls)
            .Field("phase", NastyValues.Code())
            .Field("type", NastyValues.Code())
            .Field("standardId", NastyValues.Code())
            .Field("assessmentDate", Dates)
            .Missing("serviceName", "phase", "type", "standardId", "assessmentDate")
            .Case("panel: on a self assessment", Requests.JsonWith(Details(), "panel", "[{\"name\":\"A\",\"councilCode\":\"E09000007\",\"role\":\"lead-assessor\"}]"), new Expectation.Field("panel"))
            .BrokenBodies("serviceName")
            .All;

    public static IEnumerable<BadInputCase> UpdateDetails() =>
        new JsonRouteCases("PUT /api/assessments/{reference}/details", HttpMethod.Put, f => $"/api/assessments/{f.Draft}/details", Details(), f => f.Bearer, f => f.DraftETag)
            .Field("serviceName", NastyValues.RequiredText(120).Take(6))
            .Field("phase", NastyValues.Code().Take(4))
            .Field("assessmentDate", Dates.Take(3))
            .BrokenBodies("serviceName")
            .All
            .Append(new BadInputCase("PUT /api/assessments/{reference}/details", "If-Match missing",
                Requests.Json(HttpMethod.Put, f => $"/api/assessments/{f.Draft}/details", Details().ToJsonString(), f => f.Bearer), new Expectation.Problem(428, "If-Match")))
            .Append(new BadInputCase("PUT /api/assessments/{reference}/details", "If-Match stale",
                Requests.Json(HttpMethod.Put, f => $"/api/assessments/{f.Draft}/details", Details().ToJsonString(), f => f.Bearer, _ => "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\""),
                new Expectation.Problem(409, "changed")));

    public static IEnumerable<BadInputCase> RatePoint()
    {
        const string route = "PUT /api/assessments/{reference}/points/{number:int}";
        var valid = new JsonObject { ["rating"] = "met", ["notes"] = "Evidence" };
        return new JsonRouteCases(route, HttpMethod.Put, f => $"/api/assessments/{f.Draft}/points/1", valid, f => f.Bearer, f => f.DraftETag)
            .Field("rating", NastyValues.Code().Append(("Service Standard rating on LGDSS", "\"green\"")))
            .Field("notes", [("2,001 characters", NastyValues.Quote(new string('n', 2001))), ("NUL character", NastyValues.Quote("a\u0000b")), ("lone surrogate", "\"a\\ud800b\""), ("number", "5")])
            .BrokenBodies("notes")
            .All
            .Append(new BadInputCase(route, "point 0", Requests.Json(HttpMethod.Put, f => $"/api/assessments/{f.Draft}/points/0", valid.ToJsonString(), f => f.Bearer, f => f.DraftETag), new Expectation.Field("number")))
            .Append(new BadInputCase(route, "point 16 of 15", Requests.Json(HttpMethod.Put, f => $"/api/assessments/{f.Draft}/points/16", valid.ToJsonString(), f => f.Bearer, f => f.DraftETag), new Expectation.Field("number")))
            .Append(new BadInputCase(route, "If-Match missing", Requests.Json(HttpMethod.Put, f => $"/api/assessments/{f.Draft}/points/1", valid.ToJsonString(), f => f.Bearer), new Expectation.Problem(428, "If-Match")));
    }

    public static IEnumerable<BadInputCase> Submit()
    {
        const string route = "POST /api/assessments/{reference}/submit";
        return new JsonRouteCases(route, HttpMethod.Post, f => $"/api/assessments/{f.Draft}/submit", new JsonObject { ["overallRating"] = null }, f => f.Bearer, f => f.DraftETag)
            .Field("overallRating", [("number", "3"), ("array", "[]")])
            .Case("unrated points", "{}", new Expectation.Field("points.1"))
            .Case("panel rating on LGDSS", "{\"overallRating\":\"green\"}", new Expectation.AnyOf(new Expectation.Field("overallRating"), new Expectation.Field("points.1")))
            .All
            .Append(new BadInputCase(route, "If-Match missing", Requests.Json(HttpMethod.Post, f => $"/api/assessments/{f.Draft}/submit", "{}", f => f.Bearer), new Expectation.Problem(428, "If-Match")))
            .Append(new BadInputCase(route, "content type text/plain", Requests.Content(HttpMethod.Post, f => $"/api/assessments/{f.Draft}/submit", () => Requests.Text("{}", "text/plain"), f => f.Bearer, f => f.DraftETag), new Expectation.Problem(415, "Content-Type")));
    }

    public static IEnumerable<BadInputCase> Reassess()
    {
        const string route = "POST /api/assessments/{reference}/reassess";
        BadInputCase Post(string name, Func<BadInputFixture, string> reference, Expectation expect) =>
            new(route, name, Requests.Content(HttpMethod.Post, f => $"/api/assessments/{Uri.EscapeDataString(reference(f))}/reassess", () => null, f => f.Bearer), expect);
        return
        [
            Post("a draft", f => f.Draft, new Expectation.Field("reference")),
            Post("unknown reference", _ => "LGS-ZZZZ-ZZZZ", new Expectation.Problem(404, "")),
            Post("HTML reference", _ => "<script>alert(1)</script>", new Expectation.Problem(404, "")),
            Post("OData reference", _ => "x' or PartitionKey ne '", new Expectation.Problem(404, "")),
        ];
    }

    public static IEnumerable<BadInputCase> ActionDone()
    {
        const string route = "POST /api/actions/{reference}/{point:int}/done";
        var valid = new JsonObject { ["note"] = "Done" };
        return new JsonRouteCases(route, HttpMethod.Post, f => $"/api/actions/{f.Submitted}/{BadInputFixture.FailedPoint}/done", valid, f => f.Bearer)
            .Field("note",
            [
                ("empty", "\"\""), ("null", "null"), ("1,001 characters", NastyValues.Quote(new string('n', 1001))), ("NUL character", NastyValues.Quote("a\u0000b")),
                ("lone surrogate", "\"a\\ud800b\""), ("zero-width only", NastyValues.Quote("\u200B\u200B")), ("number", "1"), ("array", "[]"),
            ])
            .Missing("note")
            .BrokenBodies("note")
            .All
            .Append(new BadInputCase(route, "point with no action", Requests.Json(HttpMethod.Post, f => $"/api/actions/{f.Submitted}/1/done", valid.ToJsonString(), f => f.Bearer), new Expectation.Problem(404, "")));
    }

    public static IEnumerable<BadInputCase> UploadEvidence()
    {
        const string route = "POST /api/assessments/{reference}/evidence";
        BadInputCase Upload(string name, Func<HttpContent> content, Expectation expect, bool ifMatch = true) =>
            new(route, name, Requests.Content(HttpMethod.Post, f => $"/api/assessments/{f.Draft}/evidence", content, f => f.Bearer, ifMatch ? f => f.DraftETag : null), expect);
        MultipartFormDataContent File(string point, string fileName, string text, string type = "text/plain")
        {
            var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            return new MultipartFormDataContent { { new StringContent(point), "point" }, { file, "file", fileName } };
        }

        return
        [
            Upload("malformed multipart", Requests.MalformedMultipart, new Expectation.AnyOf(new Expectation.Problem(400, ""), new Expectation.Field("file"))),
            Upload("content type JSON", () => Requests.Text("{}", "application/json"), new Expectation.AnyOf(new Expectation.Problem(415, "multipart"), new Expectation.Field("file"))),
            Upload("no file", () => new MultipartFormDataContent { { new StringContent("1"), "point" } }, new Expectation.Field("file")),
            Upload("point not a number", () => File("one", "notes.txt", "hello"), new Expectation.Field("point")),
            Upload("point 99", () => File("99", "notes.txt", "hello"), new Expectation.Field("point")),
            Upload("executable named .pdf", () => File("1", "evil.pdf", "MZ\u0090\u0000 not a pdf", "application/pdf"), new Expectation.Field("file")),
            Upload("HTML named .txt", () => File("1", "x.exe", "<script>alert(1)</script>"), new Expectation.Field("file")),
            Upload("If-Match missing", () => File("1", "notes.txt", "hello"), new Expectation.Problem(428, "If-Match"), ifMatch: false),
        ];
    }

    public static IEnumerable<BadInputCase> RemoveEvidence()
    {
        const string route = "DELETE /api/assessments/{reference}/evidence/{evidenceId}";
        BadInputCase Delete(string name, string id, Expectation expect, bool ifMatch = true) =>
            new(route, name, Requests.Content(HttpMethod.Delete, f => $"/api/assessments/{f.Draft}/evidence/{Uri.EscapeDataString(id)}", () => null, f => f.Bearer, ifMatch ? f => f.DraftETag : null), expect);
        return
        [
            Delete("unknown id", "0123456789abcdef0123456789abcdef", new Expectation.Problem(404, "")),
            Delete("path traversal id", "../../dataprotection/keys.xml", new Expectation.Problem(404, "")),
            Delete("OData id", "x' or RowKey ne '", new Expectation.Problem(404, "")),
            Delete("If-Match missing", "0123456789abcdef0123456789abcdef", new Expectation.AnyOf(new Expectation.Problem(428, "If-Match"), new Expectation.Problem(404, "")), ifMatch: false),
        ];
    }
}
