using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform.Tokens;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LocalGovStandard.Tests.PeerAssessments;

/// <summary>
/// Six peer-assessment requests written straight into storage with the feature's store, relative to the clock (the
/// dashboard seed's: noon on the 2nd, so last month ended 36 hours ago). Counted by hand:
/// <list type="bullet">
/// <item>Westminster 1: lgdss, asked 60 days ago, panel 20 days ago (40 days), report "met" 15 days ago; Birmingham accepted, Camden invited and never answered, Cardiff declined (only Birmingham gave).</item>
/// <item>Camden: service standard, asked 45 days ago, panel 10 days ago (35 days), report "amber" a day ago (after last month's end); seats Westminster and a removed Leicester.</item>
/// <item>Westminster 2: service standard, asked 90 days ago, panel 62 days ago (28 days), report "red"; a Leicester seat.</item>
/// <item>Birmingham: panel confirmed for 20 days ahead, with a Westminster seat (not published, so not given yet).</item>
/// <item>Leicester: asked 3 days ago. Cardiff: asked a day ago (after last month's end).</item>
/// </list>
/// </summary>
public sealed class PeerAssessmentReportingSeed
{
    public const string AssessorName = "Priya Shah-Testington";
    public const string DeclinedName = "Dylan Declined-Unseen";
    public const string ContactKey = "contact-key-peer-report-9f3";

    public string WestminsterFirst { get; } = HumanReference.New("PAR");
    public string Camden { get; } = HumanReference.New("PAR");
    public string WestminsterSecond { get; } = HumanReference.New("PAR");
    public string Birmingham { get; } = HumanReference.New("PAR");
    public string Leicester { get; } = HumanReference.New("PAR");
    public string Cardiff { get; } = HumanReference.New("PAR");

    public async Task WriteAsync(ServiceFixture fixture)
    {
        var now = fixture.Clock.GetUtcNow();
        var store = fixture.App.Services.GetRequiredService<PeerAssessmentRequestStore>();
        var requests = new[]
        {
            Request(WestminsterFirst, TestRegister.Westminster, "lgdss-2016", now.AddDays(-60), now.AddDays(-40), now.AddDays(-20), now.AddDays(-15), "met",
                Seat("lead-assessor", TestRegister.Camden), Seat("user-research", TestRegister.Birmingham, PanelMemberStatus.Accepted), Seat("design", TestRegister.Cardiff, PanelMemberStatus.Declined, DeclinedName)),
            Request(Camden, TestRegister.Camden, "service-standard-2019", now.AddDays(-45), now.AddDays(-30), now.AddDays(-10), now.AddDays(-1), "amber",
                Seat("lead-assessor", TestRegister.Westminster, PanelMemberStatus.Accepted), Seat("design", TestRegister.Leicester, PanelMemberStatus.Removed)),
            Request(WestminsterSecond, TestRegister.Westminster, "service-standard-2019", now.AddDays(-90), now.AddDays(-75), now.AddDays(-62), now.AddDays(-55), "red",
                Seat("lead-assessor", TestRegister.Leicester, PanelMemberStatus.Accepted)),
            Request(Birmingham, TestRegister.Birmingham, "lgdss-2016", now.AddDays(-30), now.AddDays(-5), now.AddDays(20), null, null,
                Seat("lead-assessor", TestRegister.Westminster)),
            Request(Leicester, TestRegister.Leicester, "lgdss-2016", now.AddDays(-3), null, null, null, null),
            Request(Cardiff, TestRegister.Cardiff, "lgdss-2016", now.AddDays(-1), null, null, null, null),
        };
        foreach (var request in requests)
        {
            await store.AddAsync(request, CancellationToken.None);
        }
    }

    private static PanelMemberRecord Seat(string role, TestCouncil council, string status = PanelMemberStatus.Invited, string name = AssessorName) =>
        new(role, $"{council.GssCode}|assessor-{role}", name, council.GssCode, council.OfficialName, ContactKey, status);

    private static PeerAssessmentRequestEntity Request(
        string reference, TestCouncil council, string standard, DateTimeOffset createdAt, DateTimeOffset? confirmedAt, DateTimeOffset? panelDay,
        DateTimeOffset? publishedAt, string? outcome, params PanelMemberRecord[] seats)
    {
        var request = new PeerAssessmentRequestEntity
        {
            PartitionKey = LocalGovStandard.Register.Regions.FromName(council.Region)!.Slug,
            RowKey = reference,
            Reference = reference,
            GssCode = council.GssCode,
            CouncilName = council.OfficialName,
            ServiceName = $"Apply for a {council.NiceName} permit",
            Phase = "beta",
            StandardId = standard,
            PreferredDates = "",
            ContactKey = ContactKey,
            CreatedBy = ContactKey,
            CreatedAt = createdAt,
            Status = publishedAt is not null ? PeerAssessmentRequestEntity.ReportPublished
                : confirmedAt is not null ? PeerAssessmentRequestEntity.PanelConfirmed
                : PeerAssessmentRequestEntity.Requested,
            PanelConfirmedAt = confirmedAt,
            PanelDate = panelDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ReportPublishedAt = publishedAt,
            Outcome = outcome,
        };
        if (seats.Length > 0)
        {
            request.SetPanel(seats);
        }

        return request;
    }
}
