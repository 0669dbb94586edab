using System.Text.Json.Nodes;
using LocalGovStandard.Tests.SupportNeeds;

namespace LocalGovStandard.Tests.Hardening.BadInput;

public static class SupportNeedCases
{
    private const string FormExpired = "Your form has expired";

    private static JsonObject Valid() => JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(SupportNeedSteps.Body()))!.AsObject();

    /// <summary>A valid answer set whose first point's <paramref name="property"/> is <paramref name="json"/> (null removes it).</summary>
    private static string FirstPointWith(string property, string? json)
    {
        var body = Valid();
        var first = body["points"]![0]!.AsObject();
        first.Remove(property);
        if (json is not null)
        {
            first[property] = JsonNode.Parse(json);
        }

        return body.ToJsonString();
    }

    private static string PointsWith(Func<JsonArray, JsonArray> change)
    {
        var body = Valid();
        var points = body["points"]!.AsArray();
        body["points"] = change(JsonNode.Parse(points.ToJsonString())!.AsArray());
        return body.ToJsonString();
    }

    public static IEnumerable<BadInputCase> Put()
    {
        var cases = new JsonRouteCases("PUT /api/support-needs", HttpMethod.Put, _ => "/api/support-needs", Valid(), f => f.Bearer)
            .Field("points", [("empty array", "[]"), ("object", "{}"), ("string", "\"all of them\""), ("number", "15"), ("array of nulls", "[null]")])
            .Missing("points")
            .Case("points: 14 of 15", PointsWith(p =>
            {
                p.RemoveAt(14);
                return p;
            }), new Expectation.Field("points"))
            .Case("points[0].point: 16 of 15", FirstPointWith("point", "16"), new Expectation.Field("points[0].point"))
            .Case("points[0].point: 0", FirstPointWith("point", "0"), new Expectation.Field("points[0].point"))
            .Case("points[0].point: missing", FirstPointWith("point", null), new Expectation.Field("points[0].point"))
            .Case("points[0].point: string", FirstPointWith("point", "\"one\""), new Expectation.Field("points[0].point"))
            .Case("points[1].point: answered twice", PointsWith(p =>
            {
                p[1]!["point"] = 1;
                return p;
            }), new Expectation.Field("points[1].point"))
            .Case("points[0].understanding: missing", FirstPointWith("understanding", null), new Expectation.Field("points[0].understanding"))
            .Case("points[0].support: missing", FirstPointWith("support", null), new Expectation.Field("points[0].support"))
            .Case("points[0]: unknown field", FirstPointWith("isAdmin", "true"), new Expectation.Field("isAdmin"));
        foreach (var (label, json) in NastyValues.Code())
        {
            cases.Case($"points[0].understanding: {label}", FirstPointWith("understanding", json), new Expectation.AnyOf(new Expectation.Field("points[0].understanding"), new Expectation.Field("body")));
            cases.Case($"points[0].support: {label}", FirstPointWith("support", json), new Expectation.AnyOf(new Expectation.Field("points[0].support"), new Expectation.Field("body")));
        }

        return cases.BrokenBodies("points").All;
    }

    public static IEnumerable<BadInputCase> Form() =>
        new FormRouteCases("POST /assessments/support-needs", f => f.Pages, _ => "/assessments/support-needs")
            .Field("support-3", NastyValues.Code(), AllAnswered)
            .Field("understanding-15", NastyValues.Code(), AllAnswered)
            .Change("support-2: missing", fields =>
            {
                AllAnswered(fields);
                fields.Remove("support-2");
            }, new Expectation.Page("#support-2"))
            .Change("understanding-16: a point the Standard does not have, and nothing else", fields =>
            {
                fields.Set("understanding-16", "well");
                fields.Remove("understanding-1");
            }, new Expectation.Page("#understanding-1"))
            .BrokenPosts(FormExpired, "support-1", AllAnswered)
            .All;

    private static void AllAnswered(List<KeyValuePair<string, string>> fields)
    {
        foreach (var (name, value) in SupportNeedSteps.Form())
        {
            fields.Set(name, value);
        }
    }
}
