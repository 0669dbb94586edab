using System.Net;
using System.Text.Json.Nodes;
using LocalGovStandard.PeerAssessments.Panels;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;
using LocalGovStandard.Tests.Infrastructure;

namespace LocalGovStandard.Tests.PeerAssessments.Panels;

/// <summary>Writes requests whose panel a lead has confirmed straight to the store, as the invitations work leaves them.</summary>
public static class PanelDaySteps
{
    public const string StandardId = "service-standard-2019";
    public const int Points = 14;

    public sealed record Seat(TestCouncil Council, string Email, string Role, string Status = PanelMemberStatus.Accepted);

    public static Seat[] Panel() =>
    [
        new(TestRegister.Birmingham, PanelDayFixture.Lead, "lead-assessor"),
        new(TestRegister.Leicester, PanelDayFixture.Researcher, "user-research"),
        new(TestRegister.Cardiff, PanelDayFixture.Declined, "design", PanelMemberStatus.Declined),
        new(TestRegister.Fife, PanelDayFixture.Removed, "technology", PanelMemberStatus.Removed),
    ];

    public static async Task<PeerAssessmentRequestEntity> ConfirmedRequestAsync(
        ServiceFixture fixture, TimeProvider clock, string serviceName, Seat[]? panel = null, string status = PeerAssessmentRequestEntity.PanelConfirmed,
        string councilContact = PanelDayFixture.CouncilContact, TestCouncil? assessed = null)
    {
        var council = assessed ?? TestRegister.Westminster;
        var reference = HumanReference.New("PAR");
        var date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(28).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var request = new PeerAssessmentRequestEntity
        {
            PartitionKey = Regions.FromName(council.Region)!.Slug,
            RowKey = reference,
            Reference = reference,
            GssCode = council.GssCode,
            CouncilName = council.OfficialName,
            ServiceName = serviceName,
            ServiceUrl = "https://www.westminster.gov.uk/parking",
            Phase = "beta",
            StandardId = StandardId,
            PreferredDates = date,
            ContactKey = SignupService.ContactKey(councilContact),
            Status = status,
            PanelDate = date,
            PanelConfirmedAt = clock.GetUtcNow(),
            ReportPublishedAt = status == PeerAssessmentRequestEntity.ReportPublished ? clock.GetUtcNow() : null,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = "test",
        };
        request.SetPanel((panel ?? Panel()).Select(s => new PanelMemberRecord(
            s.Role, $"assessor-{s.Council.GssCode}", NameOf(s.Email), s.Council.GssCode, s.Council.OfficialName, SignupService.ContactKey(s.Email), s.Status, clock.GetUtcNow())));
        await fixture.Service<PeerAssessmentRequestStore>().AddAsync(request, CancellationToken.None);
        await fixture.Service<PanelSeatIndex>().AddSeatedAsync(request, CancellationToken.None);
        return request;
    }

    /// <summary>
    /// Opens the panel's draft as an API client does: nothing exists until the panel's first write, which creates it (here
    /// with an If-Match never read, so 409 and nothing rated); then the read, with the draft's ETag.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> OpenDraftAsync(HttpClient member, string draft)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await AssessmentSteps.SendAsync(member, HttpMethod.Get, $"/api/assessments/{draft}", null, null)).Response.StatusCode);
        var (first, _) = await AssessmentSteps.SendAsync(member, HttpMethod.Put, $"/api/assessments/{draft}/points/1", new { rating = "green", notes = "" }, "\"never-read\"");
        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);
        var read = await AssessmentSteps.SendAsync(member, HttpMethod.Get, $"/api/assessments/{draft}", null, null);
        Assert.Equal(HttpStatusCode.OK, read.Response.StatusCode);
        return read;
    }

    public static string PanelReference(string requestReference) => "PAN" + requestReference[3..];

    public static Task<PeerAssessmentRequestEntity?> ReadAsync(ServiceFixture fixture, PeerAssessmentRequestEntity request) =>
        fixture.Service<PeerAssessmentRequestStore>().FindAsync(request.PartitionKey, request.Reference, CancellationToken.None);

    private static string NameOf(string email) => email[..email.IndexOf('@', StringComparison.Ordinal)].Replace('.', ' ');
}
