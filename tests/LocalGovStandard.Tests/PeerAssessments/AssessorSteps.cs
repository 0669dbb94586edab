using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using LocalGovStandard.PeerAssessments;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.Tests.Infrastructure;
using LocalGovStandard.Tests.Reports;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>A London lead (an approved Westminster contact), for the lead pages; everything else each test makes for itself.</summary>
public sealed class AssessorFixture : RegisteredServiceFixture
{
    public const string LondonLead = "london.lead@westminster.gov.uk";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AccessSteps.VerifiedContactAsync(this, TestRegister.Westminster, LondonLead);
        await ReportSteps.SetLeadsAsync(CreateAdminClient(), "london", "London", ["london"], new ReportSteps.Lead("Lee Lead", LondonLead));
    }
}

/// <summary>Offering, approving and reading the pool the ways people and panels do.</summary>
public static class AssessorSteps
{
    public static JsonObject Offer(params string[] unavailable) => new()
    {
        ["roles"] = new JsonArray("lead-assessor", "design"),
        ["standards"] = new JsonArray("service-standard-2019"),
        ["unavailable"] = new JsonArray(unavailable.Select(d => (JsonNode)d).ToArray()),
    };

    /// <summary>A verified contact with a bearer session who has offered to assess; their assessor id.</summary>
    public static async Task<(HttpClient Client, string AssessorId)> OfferAsync(ServiceFixture fixture, TestCouncil council, string email, JsonObject? offer = null)
    {
        await AccessSteps.VerifiedContactAsync(fixture, council, email);
        var client = await AccessSteps.BearerClientAsync(fixture, email);
        var response = await client.PutAsJsonAsync("/api/assessor-profile", offer ?? Offer());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (client, (await response.Content.ReadFromJsonAsync<JsonNode>())!["assessorId"]!.GetValue<string>());
    }

    public static Task<HttpResponseMessage> ApproveAsync(ServiceFixture fixture, string assessorId, string? trainedOn) =>
        fixture.CreateAdminClient().PostAsJsonAsync($"/api/admin/assessors/{assessorId}/approve", new { trainedOn });

    public static async Task<IReadOnlyList<ApprovedAssessor>> ApprovedAsync(ServiceFixture fixture) =>
        await fixture.Service<AssessorPool>().ApprovedAsync(CancellationToken.None);

    public static async Task<AssessorEntity?> StoredAsync(ServiceFixture fixture, string assessorId) =>
        await fixture.Service<AssessorPool>().FindAsync(assessorId, CancellationToken.None);

    public static string Iso(DateTimeOffset at, int days) => DateOnly.FromDateTime(at.UtcDateTime).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The page's form as a browser would post it, with these fields' values replaced (several values for a box group).</summary>
    public static Task<HtmlPage> PostFormAsync(PageSession session, HtmlPage page, string action, IReadOnlyDictionary<string, string[]> answers)
    {
        var form = page.Document.QuerySelectorAll("main form").OfType<IHtmlFormElement>().Single(f => f.GetAttribute("action") == action);
        var fields = PageSession.FieldsOf(form);
        foreach (var (name, values) in answers)
        {
            fields.RemoveAll(f => f.Key == name);
            fields.AddRange(values.Select(v => KeyValuePair.Create(name, v)));
        }

        return session.PostAsync(action, fields);
    }
}
