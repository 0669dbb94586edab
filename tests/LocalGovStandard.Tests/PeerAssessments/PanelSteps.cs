using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>A member of a test's pool: the role they were approved for, their id and their address.</summary>
public sealed record PoolMember(string RoleId, string AssessorId, string Email);

/// <summary>Requests, pools and panels the ways councils, leads and organisers make them, for the panel tests.</summary>
public static partial class PanelSteps
{
    public static readonly string[] Roles = ["lead-assessor", "user-research", "design", "technology", "delivery", "content"];

    /// <summary>Westminster asks for an assessment on these dates (Camden declared a conflict); the reference.</summary>
    public static async Task<string> RequestAsync(ServiceFixture fixture, params DateOnly[] dates) =>
        (await AskAsync(fixture, null, dates))["reference"]!.GetValue<string>();

    /// <summary>As <see cref="RequestAsync"/>, naming the request it reassesses, if any; the created request as the API answered it.</summary>
    public static async Task<JsonNode> AskAsync(ServiceFixture fixture, string? reassessmentOf, params DateOnly[] dates)
    {
        var asker = await AccessSteps.BearerClientAsync(fixture, PeerAssessmentFixture.Asker);
        var created = await asker.PostAsJsonAsync("/api/peer-assessments", new
        {
            serviceName = "Garden waste",
            serviceUrl = "https://www.westminster.gov.uk/garden-waste",
            phase = "beta",
            standardId = "service-standard-2019",
            preferredDates = dates.Select(Iso).ToArray(),
            contactReference = ((PeerAssessmentFixture)fixture).ColleagueReference,
            conflicts = new[] { TestRegister.Camden.GssCode },
            reassessmentOf,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    /// <summary>One approved assessor for each role, from Birmingham, Leicester, Cardiff and Fife; <paramref name="tag"/> keeps their addresses apart from other tests'.</summary>
    public static async Task<List<PoolMember>> PoolAsync(ServiceFixture fixture, string tag, DateOnly today, params DateOnly[] unavailableToTheDesigner)
    {
        var councils = new[] { TestRegister.Birmingham, TestRegister.Birmingham, TestRegister.Leicester, TestRegister.Leicester, TestRegister.Cardiff, TestRegister.Fife };
        var pool = new List<PoolMember>();
        for (var i = 0; i < Roles.Length; i++)
        {
            var email = $"{Roles[i]}.{tag}@{councils[i].Domains[0]}";
            var offer = new JsonObject
            {
                ["roles"] = new JsonArray(Roles[i]),
                ["standards"] = new JsonArray("service-standard-2019"),
                ["unavailable"] = new JsonArray((Roles[i] == "design" ? unavailableToTheDesigner : []).Select(d => (JsonNode)Iso(d)).ToArray()),
            };
            var (_, assessorId) = await AssessorSteps.OfferAsync(fixture, councils[i], email, offer);
            Assert.Equal(HttpStatusCode.OK, (await AssessorSteps.ApproveAsync(fixture, assessorId, Iso(today.AddDays(-30)))).StatusCode);
            pool.Add(new PoolMember(Roles[i], assessorId, email));
        }

        return pool;
    }

    public static JsonObject Body(DateOnly date, IEnumerable<PoolMember> members) => new()
    {
        ["date"] = Iso(date),
        ["members"] = new JsonArray(members.Select(m => (JsonNode)new JsonObject { ["roleId"] = m.RoleId, ["assessorId"] = m.AssessorId }).ToArray()),
    };

    public static async Task<HttpResponseMessage> PutAsync(HttpClient admin, string reference, JsonNode body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/admin/peer-assessments/{reference}/panel", UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return await admin.SendAsync(request);
    }

    /// <summary>A Westminster contact's reference, read from the contact store (their latest email may be a sign-in link, which names none).</summary>
    public static async Task<string> WestminsterReferenceAsync(ServiceFixture fixture, string email) =>
        (await fixture.Service<LocalGovStandard.Signups.ContactStore>().ApprovedForCouncilAsync("london", TestRegister.Westminster.GssCode, CancellationToken.None))
            .Single(c => string.Equals(c.ContactEmail, email, StringComparison.OrdinalIgnoreCase)).Reference;

    public static async Task<PeerAssessmentRequestEntity> StoredAsync(ServiceFixture fixture, string reference) =>
        (await fixture.Service<PeerAssessmentRequestStore>().FindAnywhereAsync(reference, CancellationToken.None))!;

    public static List<CapturedRequest> Sent(ServiceFixture fixture, string kind, string reference) =>
        fixture.SendGrid.Accepted.Where(m => m.MessageId.StartsWith($"panel-{kind}", StringComparison.Ordinal) && m.MessageId.Contains(reference, StringComparison.Ordinal)).ToList();

    /// <summary>The link to <paramref name="path"/> in an email's text.</summary>
    public static Uri Link(CapturedRequest mail, string path) =>
        new(Url().Matches(mail.PlainText).Select(m => m.Value).First(u => new Uri(u).AbsolutePath == path));

    public static string LeadPage(string reference) => $"/assessments/peer-groups/london/requests/{reference}";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();
}
