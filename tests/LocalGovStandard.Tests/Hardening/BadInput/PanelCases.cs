using System.Net;
using LocalGovStandard.Platform;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.PeerAssessments;

namespace LocalGovStandard.Tests.Hardening.BadInput;

/// <summary>
/// A request's panel: the lead's and the console's forms (confirm, remove a member) and the invitation's accept and
/// decline buttons. The fixture's contact asks for an assessment and leads London; a pool from other councils is
/// approved and the panel confirmed, so every form is on its page.
/// </summary>
public static class PanelCases
{
    private const string FormExpired = "Your form has expired";
    private const string NotValid = "This link is not valid";
    private const string LeadConfirmRoute = "POST /assessments/peer-groups/{slug}/requests/{reference}/panel";
    private const string LeadRemoveRoute = "POST /assessments/peer-groups/{slug}/requests/{reference}/panel/remove";
    private const string ConsoleConfirmRoute = "POST /organiser/peer-assessments/{reference}/panel";
    private const string ConsoleRemoveRoute = "POST /organiser/peer-assessments/{reference}/panel/remove";

    private static readonly (string, string)[] Dates =
        [("not a preferred date", "\"2031-01-01\""), ("not a date", "\"soon\""), ("formula prefix", "\"=TODAY()\""), ("OData metacharacters", "\"x' or 1 eq 1\"")];

    private static readonly (string, string)[] Assessors =
        [("unknown assessor", "\"E99999999.LGS-0000-0000\""), ("HTML and script", "\"<script>alert(1)</script>\""), ("OData metacharacters", "\"x' or RowKey ne '\""), ("10,000 characters", NastyValues.Quote(new string('A', 10_000)))];

    /// <returns>The reference of the fixture contact's request, its panel confirmed.</returns>
    public static async Task<string> SetUpAsync(BadInputFixture fixture)
    {
        var today = UkTime.Today(fixture.Clock);
        var asker = fixture.Bearer;
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(asker, "/api/peer-assessments", new
        {
            serviceName = "Panel under attack",
            phase = "beta",
            standardId = "service-standard-2019",
            preferredDates = new[] { PanelSteps.Iso(today.AddDays(30)), PanelSteps.Iso(today.AddDays(40)) },
            serviceUrl = "https://www.westminster.gov.uk/panel",
            contactReference = await PanelSteps.WestminsterReferenceAsync(fixture, BadInputFixture.Contact),
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var reference = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>(created.Content))!["reference"]!.GetValue<string>();
        var pool = await PanelSteps.PoolAsync(fixture, "badinput", today);
        using var confirmed = await PanelSteps.PutAsync(fixture.CreateAdminClient(), reference, PanelSteps.Body(today.AddDays(30), pool));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        return reference;
    }

    public static IEnumerable<BadInputCase> LeadConfirm() => Confirm(LeadConfirmRoute, f => f.Pages, f => LeadPage(f), f => LeadPage(f) + "/panel");

    public static IEnumerable<BadInputCase> ConsoleConfirm() => Confirm(ConsoleConfirmRoute, f => f.Organiser, f => ConsolePage(f), f => ConsolePage(f) + "/panel");

    public static IEnumerable<BadInputCase> LeadRemove() => Remove(LeadRemoveRoute, f => f.Pages, f => LeadPage(f), f => LeadPage(f) + "/panel/remove");

    public static IEnumerable<BadInputCase> ConsoleRemove() => Remove(ConsoleRemoveRoute, f => f.Organiser, f => ConsolePage(f), f => ConsolePage(f) + "/panel/remove");

    public static IEnumerable<BadInputCase> Answer(string path) =>
        new FormRouteCases("POST " + path, f => f.Pages, _ => path + "?token=eyJyZWdpb24iOiJ4In0.AAAAAAAAAAAAAAAA")
            .Tokens(NotValid)
            .BrokenPosts("Your form has expired", null)
            .All;

    private static IEnumerable<BadInputCase> Confirm(string route, Func<BadInputFixture, PageSession> session, Func<BadInputFixture, string> page, Func<BadInputFixture, string?> action) =>
        new FormRouteCases(route, session, page, action)
            .Field("date", Dates)
            .Field("role-design", Assessors)
            .Missing("date", "role-content")
            .BrokenPosts(FormExpired, "date")
            .All;

    private static IEnumerable<BadInputCase> Remove(string route, Func<BadInputFixture, PageSession> session, Func<BadInputFixture, string> page, Func<BadInputFixture, string?> action) =>
        new FormRouteCases(route, session, page, action)
            .Field("assessorId", Assessors)
            .Field("roleId", [("unknown role", "\"tea-maker\""), ("HTML and script", "\"<script>alert(1)</script>\"")], errorField: "assessorId")
            .Missing("assessorId")
            .BrokenPosts(FormExpired, "assessorId")
            .All;

    private static string LeadPage(BadInputFixture fixture) => $"/assessments/peer-groups/london/requests/{fixture.PanelRequest}";

    private static string ConsolePage(BadInputFixture fixture) => $"/organiser/peer-assessments/{fixture.PanelRequest}";
}
