using System.Text.Json.Nodes;
using LocalGovStandard.PeerAssessments.Requests;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>The council's feedback on its published peer assessment: the API and the page's form (both fields optional, one needed).</summary>
public static class FeedbackCases
{
    private static JsonObject Valid() => new() { ["helped"] = "The panel's questions.", ["didNotHelp"] = "The day ran over." };

    private static readonly (string, string)[] Texts =
    [
        ("one over the limit", NastyValues.Quote(new string('a', CouncilFeedback.MaxLength + 1))), ("NUL character", NastyValues.Quote("Ada\u0000Lovelace")),
        ("lone high surrogate", NastyValues.LoneSurrogate), ("number", "42"), ("array", "[\"Ada\"]"), ("object", "{\"first\":\"Ada\"}"),
    ];

    public static IEnumerable<BadInputCase> Api() =>
        new JsonRouteCases("PUT /api/peer-assessments/{reference}/feedback", HttpMethod.Put, f => $"/api/peer-assessments/{f.PublishedRequest}/feedback", Valid(), f => f.Bearer)
            .Field("helped", Texts)
            .Field("didNotHelp", Texts)
            .Case("both empty", "{\"helped\":\"  \",\"didNotHelp\":\"\"}", new Expectation.Field("helped"))
            .Case("both missing", "{}", new Expectation.Field("helped"))
            .Case("replacing not a time", "{\"helped\":\"The panel's questions.\",\"replacing\":\"yesterday\"}", new Expectation.Field("replacing"))
            .Case("replacing a number", "{\"helped\":\"The panel's questions.\",\"replacing\":42}", new Expectation.Field("replacing"))
            .BrokenBodies("helped")
            .All;

    public static IEnumerable<BadInputCase> Form() =>
        new FormRouteCases("POST /assessments/peer-requests/{reference}/feedback", f => f.Pages, f => CouncilFeedback.Href(f.PublishedRequest))
            .Field("helped", Texts.Take(3))
            .Field("didNotHelp", Texts.Take(3))
            .Change("both empty", fields =>
            {
                fields.Set("helped", " ");
                fields.Set("didNotHelp", "");
            }, new Expectation.Page("#helped"))
            .BrokenPosts("Your form has expired", "helped")
            .All;
}
