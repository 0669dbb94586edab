using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>The assessor pool's routes: the offer (API and page), withdrawing, and the approvals a lead and an organiser make.</summary>
public static class AssessorCases
{
    private const string FormExpired = "Your form has expired";
    private const string Profile = "/assessments/assessor-profile";

    private static readonly (string, string)[] PerQuarterText = [("zero", "\"0\""), ("13", "\"13\""), ("words", "\"two\""), ("negative", "\"-1\""), ("formula prefix", "\"=1+1\""), ("decimal", "\"2.5\"")];

    private static readonly (string, string)[] TrainingYears = [("HTML and script", "\"<script>\""), ("two digits", "\"26\""), ("formula prefix", "\"=2026\""), ("OData metacharacters", "\"' or 1 eq 1\"")];

    /// <summary>
    /// The fixture's contact offers to assess and leads London, and a colleague offers too (a lead never approves their
    /// own offer), so every assessor form has something to act on.
    /// </summary>
    public static async Task<string> SetUpAsync(BadInputFixture fixture)
    {
        (await fixture.Bearer.PutAsJsonAsync("/api/assessor-profile", Offer())).EnsureSuccessStatusCode();
        const string colleague = "offering.colleague@westminster.gov.uk";
        await AccessSteps.VerifiedContactAsync(fixture, TestRegister.Westminster, colleague);
        var offer = await (await AccessSteps.BearerClientAsync(fixture, colleague)).PutAsJsonAsync("/api/assessor-profile", Offer());
        offer.EnsureSuccessStatusCode();
        await ReportSteps.SetLeadsAsync(fixture.CreateAdminClient(), "london", "London", ["london"], new ReportSteps.Lead("Bad Input Lead", BadInputFixture.Contact));
        return (await offer.Content.ReadFromJsonAsync<JsonNode>())!["assessorId"]!.GetValue<string>();
    }

    private static JsonObject Offer() => new()
    {
        ["roles"] = new JsonArray("lead-assessor", "design"),
        ["standards"] = new JsonArray("service-standard-2019"),
        ["unavailable"] = new JsonArray(),
        ["perQuarter"] = 2,
    };

    public static IEnumerable<BadInputCase> PutProfile()
    {
        var tooMany = new JsonArray(Enumerable.Range(0, 101).Select(i => (JsonNode)new DateOnly(2099, 1, 1).AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        return new JsonRouteCases("PUT /api/assessor-profile", HttpMethod.Put, _ => "/api/assessor-profile", Offer(), f => f.Bearer)
            .Field("roles", [("empty", "[]"), ("unknown role", "[\"tea-maker\"]"), ("a string", "\"design\""), ("number", "3"), ("null item", "[null]"), ("HTML", "[\"<script>alert(1)</script>\"]")])
            .Field("standards", [("empty", "[]"), ("unknown standard", "[\"lgdss-1999\"]"), ("a string", "\"lgdss-2016\""), ("OData metacharacters", "[\"x' or PartitionKey ne '\"]")])
            .Field("unavailable", [("not a date", "[\"tomorrow\"]"), ("31 February", "[\"2031-02-31\"]"), ("a string", "\"2031-01-01\""), ("US order", "[\"01/31/2031\"]"), ("101 dates", tooMany.ToJsonString())])
            .Field("perQuarter", [("zero", "0"), ("13", "13"), ("negative", "-1"), ("a word", "\"two\""), ("decimal", "2.5"), ("huge", "99999999999")])
            .Missing("roles", "standards")
            .Case("unavailable: a number in the list", "{\"roles\":[\"design\"],\"standards\":[\"lgdss-2016\"],\"unavailable\":[20310101]}", new Expectation.Field("unavailable[0]"))
            .BrokenBodies("roles")
            .All;
    }

    public static IEnumerable<BadInputCase> WithdrawApi()
    {
        const string route = "POST /api/assessor-profile/withdraw";
        return
        [
            new(route, "no session", Requests.Content(HttpMethod.Post, _ => "/api/assessor-profile/withdraw", () => null), new Expectation.Problem(401, "Sign in")),
            new(route, "bearer token forged", Requests.Content(HttpMethod.Post, _ => "/api/assessor-profile/withdraw", () => null, ForgedBearer), new Expectation.Problem(401, "Unauthorized")),
        ];
    }

    private static HttpClient ForgedBearer(BadInputFixture fixture)
    {
        var client = fixture.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "CfDJ8Forged" + new string('A', 80));
        return client;
    }

    public static IEnumerable<BadInputCase> ProfileForm() =>
        new FormRouteCases("POST /assessments/assessor-profile", f => f.Pages, _ => Profile, Profile)
            .Missing("roles", "standards")
            .Change("roles: unknown", fields => fields.Set("roles", "tea-maker"), new Expectation.Page("#roles"))
            .Change("standards: unknown", fields => fields.Set("standards", "<script>alert(1)</script>"), new Expectation.Page("#standards"))
            .Field("perQuarter", PerQuarterText)
            .Change("perQuarter: missing", fields => fields.Remove("perQuarter"), new Expectation.Page("#perQuarter"))
            .Change("newDate: 31 February", fields => NewDate(fields, "31", "2", "2031"), new Expectation.Page("#newDate-day"))
            .Change("newDate: in the past", fields => NewDate(fields, "1", "1", "2001"), new Expectation.Page("#newDate-day"))
            .Change("newDate: month missing", fields => NewDate(fields, "1", "", "2031"), new Expectation.Page("#newDate-month"))
            .Change("newDate: HTML year", fields => NewDate(fields, "1", "1", "<script>"), new Expectation.Page("#newDate-day"))
            .Change("unavailable: not a date", fields => fields.Add(KeyValuePair.Create("unavailable", "tomorrow")), new Expectation.Page("#unavailable"))
            .BrokenPosts(FormExpired, "perQuarter")
            .All;

    public static IEnumerable<BadInputCase> WithdrawForm() =>
        new FormRouteCases("POST /assessments/assessor-profile/withdraw", f => f.Pages, _ => Profile, Profile + "/withdraw")
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    public static IEnumerable<BadInputCase> LeadApprove() =>
        Approve(new FormRouteCases("POST /assessments/peer-groups/{peerGroup}/assessors/{assessorId}", f => f.Pages,
            f => $"/assessments/peer-groups/london/assessors/{f.AssessorId}"));

    public static IEnumerable<BadInputCase> ConsoleApprove() =>
        Approve(new FormRouteCases("POST /organiser/assessors/{assessorId}", f => f.Organiser, f => $"/organiser/assessors/{f.AssessorId}"));

    private static IEnumerable<BadInputCase> Approve(FormRouteCases cases) =>
        cases
            .Change("trainedOn: blank", fields => TrainedOn(fields, "", "", ""), new Expectation.Page("#trainedOn-day"))
            .Change("trainedOn: 31 February", fields => TrainedOn(fields, "31", "2", "2026"), new Expectation.Page("#trainedOn-day"))
            .Change("trainedOn: in the future", fields => TrainedOn(fields, "1", "1", "2099"), new Expectation.Page("#trainedOn-day"))
            .Change("trainedOn: year missing", fields => TrainedOn(fields, "1", "1", ""), new Expectation.Page("#trainedOn-year"))
            .Field("trainedOn-year", TrainingYears, fields => TrainedOn(fields, "1", "1", "2026"), "trainedOn-day")
            .BrokenPosts(FormExpired, largestField: null)
            .All;

    private static void NewDate(List<KeyValuePair<string, string>> fields, string day, string month, string year)
    {
        fields.Set("newDate-day", day);
        fields.Set("newDate-month", month);
        fields.Set("newDate-year", year);
    }

    private static void TrainedOn(List<KeyValuePair<string, string>> fields, string day, string month, string year)
    {
        fields.Set("trainedOn-day", day);
        fields.Set("trainedOn-month", month);
        fields.Set("trainedOn-year", year);
    }
}
