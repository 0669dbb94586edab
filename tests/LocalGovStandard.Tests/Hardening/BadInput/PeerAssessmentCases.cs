using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>A council's request for a peer assessment: the API and the page's form.</summary>
public static class PeerAssessmentCases
{
    private const string Route = "POST /api/peer-assessments";
    private const string FormRoute = "POST /assessments/peer-requests";

    /// <summary>Stands for the fixture contact's own reference, which only the running fixture knows; put in at sending.</summary>
    private const string ContactPlaceholder = "__contact_reference__";

    internal static JsonObject Valid() => new()
    {
        ["serviceName"] = "Apply for a parking permit", ["serviceUrl"] = "https://www.example.gov.uk/parking", ["phase"] = "beta", ["standardId"] = "service-standard-2019",
        ["preferredDates"] = new JsonArray("2030-06-03", "2030-06-10"), ["contactReference"] = ContactPlaceholder, ["conflicts"] = new JsonArray("E09000007"),
    };

    private static readonly (string, string)[] Urls =
    [
        ("javascript scheme", NastyValues.Quote("javascript:alert(1)")), ("not a URL", "\"permits please\""),
        ("CR/LF", NastyValues.Quote("https://example.gov.uk/\r\nLocation: https://evil.example")),
    ];

    public static IEnumerable<BadInputCase> Api()
    {
        var cases = new List<BadInputCase>();
        void Field(string field, IEnumerable<(string Label, string Json)> values, string? named = null)
        {
            foreach (var (label, json) in values)
            {
                cases.Add(Case($"{field}: {label}", Requests.JsonWith(Valid(), field, json), new Expectation.Field(named ?? field)));
            }
        }

        Field("serviceName", NastyValues.RequiredText(120));
        Field("serviceUrl", Urls);
        Field("phase", NastyValues.Code());
        Field("standardId", NastyValues.Code());
        Field("contactReference", NastyValues.Code());
        Field("contactReference", [("another council's contact format", "\"LGS-2222-3333\"")]);
        Field("preferredDates", [("one date", "[\"2030-06-03\"]"), ("six dates", "[\"2030-06-03\",\"2030-06-04\",\"2030-06-05\",\"2030-06-06\",\"2030-06-07\",\"2030-06-08\"]"),
            ("empty list", "[]"), ("only nulls", "[null,null]"), ("a string", "\"2030-06-03\""), ("a number", "20300603")]);
        Field("preferredDates", [("too soon", "[\"2030-03-12\",\"2030-06-10\"]"), ("UK slashes", "[\"03/06/2030\",\"2030-06-10\"]"), ("13th month", "[\"2030-13-01\",\"2030-06-10\"]"),
            ("formula prefix", "[" + NastyValues.Quote("=TODAY()") + ",\"2030-06-10\"]"), ("over a year ahead", "[\"2099-01-01\",\"2030-06-10\"]")], "preferredDates[0]");
        Field("preferredDates", [("the same date twice", "[\"2030-06-03\",\"2030-06-03\"]")], "preferredDates[1]");
        Field("conflicts", [("own council", "[\"E09000033\"]"), ("not in the register", "[\"E99999999\"]"), ("OData metacharacters", "[" + NastyValues.Quote("x' or RowKey ne '") + "]"),
            ("10,000 characters", "[" + NastyValues.Quote(new string('E', 10_000)) + "]")], "conflicts[0]");
        Field("conflicts", [("eleven councils", "[" + string.Join(',', Enumerable.Repeat("\"E09000007\"", 11)) + "]"), ("a string", "\"E09000007\"")]);
        foreach (var field in new[] { "serviceName", "phase", "standardId", "preferredDates", "contactReference" })
        {
            cases.Add(Case($"{field}: missing", Requests.JsonWith(Valid(), field, null), new Expectation.Field(field)));
        }

        return cases.Concat(new JsonRouteCases(Route, HttpMethod.Post, _ => "/api/peer-assessments", Valid(), f => f.Bearer).BrokenBodies("serviceName").All);
    }

    public static IEnumerable<BadInputCase> Form() =>
        new FormRouteCases(FormRoute, f => f.Pages, _ => "/assessments/peer-requests/new")
            .Field("serviceName", NastyValues.RequiredText(120), Filled)
            .Field("serviceUrl", Urls, Filled)
            .Field("phase", NastyValues.Code().Take(5), Filled)
            .Field("standardId", NastyValues.Code().Take(5), Filled)
            .Field("contactReference", NastyValues.Code().Take(5), Filled)
            .Field("conflict1", [("own council", "\"E09000033\""), ("not in the register", "\"E99999999\"")], Filled)
            .Field("preferredDate1-day", [("32nd", "\"32\""), ("letters", "\"twelve\"")], Filled)
            .Field("preferredDate1-year", [("two digits", "\"30\"")], Filled, "preferredDate1-day")
            .Change("preferredDate2: too soon", fields =>
            {
                Filled(fields);
                fields.Set("preferredDate2-day", "12");
                fields.Set("preferredDate2-month", "3");
            }, new Expectation.Page("#preferredDate2-day"))
            .Change("preferredDate1: month missing", fields =>
            {
                Filled(fields);
                fields.Set("preferredDate1-month", "");
            }, new Expectation.Page("#preferredDate1-month"))
            .Missing("serviceName", "phase", "standardId", "contactReference")
            .BrokenPosts("Your form has expired", "serviceName", Filled)
            .All;

    /// <summary>A form filled in as a person would, but for the contact, which names the fixture's own reference only once it runs.</summary>
    internal static void Filled(List<KeyValuePair<string, string>> fields)
    {
        fields.Set("serviceName", "Apply for a parking permit");
        fields.Set("phase", "beta");
        fields.Set("standardId", "service-standard-2019");
        foreach (var (n, day) in new[] { (1, "3"), (2, "10") })
        {
            fields.Set($"preferredDate{n}-day", day);
            fields.Set($"preferredDate{n}-month", "6");
            fields.Set($"preferredDate{n}-year", "2030");
        }
    }

    internal static BadInputCase Case(string name, string json, Expectation expect) =>
        new(Route, name, fixture => Requests.Json(HttpMethod.Post, _ => "/api/peer-assessments",
            json.Replace(ContactPlaceholder, SignupSteps.ReferenceFor(fixture.SendGrid, BadInputFixture.Contact), StringComparison.Ordinal), f => f.Bearer)(fixture), expect);
}
