using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Time.Testing;

namespace LocalGovStandard.Tests.PeerAssessments.Panels;

/// <summary>
/// The grant's scope, route by route: a panel member walks every route the app declares (pages with their session
/// cookie and a valid antiforgery token, the API with their bearer token), with every reference of the assessed
/// council's they might know or guess, each write carrying that record's real ETag. Only the panel's own page shows the
/// council's self-assessment; nothing else of the council's is shown, and nothing of it changes.
/// </summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed partial class PanelGrantScopeTests(PanelDayFixture fixture) : IClassFixture<PanelDayFixture>
{
    private const string SelfNotes = "Self-assessment notes the panel may read";
    private const string DraftService = "A draft the panel must not see";
    private const string OtherRequestService = "A request the panel is not on";

    private readonly FakeTimeProvider _clock = fixture.Clock.StartTest();

    [Fact]
    public async Task APanelMember_WalkingEveryRoute_ReadsOnlyTheirPanel_AndChangesNothingOfTheCouncils()
    {
        var council = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.CouncilContact);
        var (self, selfTag) = await AssessmentSteps.CreateAsync(council, AssessmentSteps.SelfDetails(PanelDaySteps.StandardId, "Parking permits (walk)"));
        for (var n = 1; n <= PanelDaySteps.Points; n++)
        {
            var (rated, _) = await AssessmentSteps.SendAsync(council, HttpMethod.Put, $"/api/assessments/{self}/points/{n}", new { rating = n == 2 ? "red" : "green", notes = SelfNotes }, selfTag);
            selfTag = rated.Headers.ETag!.ToString();
        }

        Assert.True((await AssessmentSteps.SendAsync(council, HttpMethod.Post, $"/api/assessments/{self}/submit", new { }, selfTag)).Response.IsSuccessStatusCode);
        var (draft, _) = await AssessmentSteps.CreateAsync(council, AssessmentSteps.SelfDetails(PanelDaySteps.StandardId, DraftService));
        var request = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (walk)");
        var other = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, OtherRequestService, [new(TestRegister.Leicester, PanelDayFixture.Researcher, "lead-assessor")]);
        var before = await CouncilStateAsync(council, [self, draft], [request, other]);

        var session = await PageSession.SignInAsync(fixture, PanelDayFixture.Lead);
        var api = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.Lead);
        var token = (await session.GetAsync("/assessments")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var etags = new Dictionary<string, string> { [self] = before[self], [draft] = before[draft] };
        string?[] references = [self, draft, other.Reference, PanelDaySteps.PanelReference(other.Reference), request.Reference, PanelDaySteps.PanelReference(request.Reference)];

        var walked = 0;
        var readTheSelfAssessment = false;
        var leaks = new List<string>();
        foreach (var (method, template) in Routes())
        {
            foreach (var reference in template.Contains("{reference", StringComparison.Ordinal) ? references : [(string?)null])
            {
                var path = Fill(template, reference);
                var etag = reference is not null && etags.TryGetValue(reference, out var known) ? known : "\"none\"";
                var response = path.StartsWith("/api/", StringComparison.Ordinal)
                    ? await api.SendAsync(ApiRequest(method, path, etag))
                    : await session.Client.SendAsync(PageRequest(method, path, etag, token));
                walked++;
                var body = await response.Content.ReadAsStringAsync();
                var mayReadSelfAssessment = method == "GET" && path == $"/assessments/panels/{request.Reference}";
                readTheSelfAssessment |= mayReadSelfAssessment && body.Contains(SelfNotes, StringComparison.Ordinal);
                if (body.Contains(DraftService, StringComparison.Ordinal) || body.Contains(OtherRequestService, StringComparison.Ordinal)
                    || body.Contains(PanelDayFixture.CouncilContact, StringComparison.OrdinalIgnoreCase)
                    || (!mayReadSelfAssessment && body.Contains(SelfNotes, StringComparison.Ordinal)))
                {
                    leaks.Add($"{method} {path} showed the council's data ({(int)response.StatusCode})");
                }

                if (reference is not null && reference != request.Reference && reference != PanelDaySteps.PanelReference(request.Reference)
                    && (int)response.StatusCode is >= 200 and < 300)
                {
                    leaks.Add($"{method} {path} answered {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(walked > 100, $"Only {walked} requests were walked.");
        Assert.True(readTheSelfAssessment, "The panel's own page did not show the council's self-assessment.");
        Assert.Empty(leaks);
        Assert.Equal(before, await CouncilStateAsync(council, [self, draft], [request, other]));
    }

    /// <summary>
    /// The grant's own rule, case by case, each next to the same member's grant that holds (so the check can neither be
    /// dropped nor widened unnoticed): the seat must be theirs (not a colleague's at the same council), on this request
    /// (not another of the same council's), accepted (not invited, declined or removed), and the report not yet published.
    /// </summary>
    [Fact]
    public async Task TheGrant_IsOnlyForTheirOwnAcceptedSeat_OnThatRequest_UntilTheReportIsPublished()
    {
        var held = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (held grant)");
        var colleagues = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (a colleague's panel)",
            [new(TestRegister.Birmingham, "colleague@birmingham.gov.uk", "lead-assessor"), new(TestRegister.Leicester, PanelDayFixture.Researcher, "user-research")]);
        var invitedOnly = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (not answered)",
            [new(TestRegister.Birmingham, PanelDayFixture.Lead, "lead-assessor", PanelMemberStatus.Invited)]);
        var published = await PanelDaySteps.ConfirmedRequestAsync(fixture, _clock, "Parking permits (published)", status: PeerAssessmentRequestEntity.ReportPublished);

        var lead = await PageSession.SignInAsync(fixture, PanelDayFixture.Lead);
        var leadApi = await AccessSteps.BearerClientAsync(fixture, PanelDayFixture.Lead);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Redirect, HttpStatusCode.Conflict], await TryAsync(lead, leadApi, held));
        Assert.NotNull((await lead.GetAsync("/assessments/panels")).Element($"a[href='/assessments/panels/{held.Reference}']"));

        var refused = new Dictionary<string, HttpStatusCode[]>
        {
            ["a colleague's seat on another request of the same council"] = await TryAsync(lead, leadApi, colleagues),
            ["their seat, invited and never accepted"] = await TryAsync(lead, leadApi, invitedOnly),
            ["their accepted seat once the report is published"] = await TryAsync(lead, leadApi, published),
        };
        foreach (var (email, why) in new[] { (PanelDayFixture.Declined, "a declined seat"), (PanelDayFixture.Removed, "a removed seat") })
        {
            refused[why] = await TryAsync(await PageSession.SignInAsync(fixture, email), await AccessSteps.BearerClientAsync(fixture, email), held);
        }

        Assert.All(refused, r => Assert.True(r.Value.All(s => s == HttpStatusCode.NotFound), $"{r.Key}: {string.Join(", ", r.Value)}"));
        var list = await lead.GetAsync("/assessments/panels");
        Assert.All(new[] { colleagues, invitedOnly, published }, r => Assert.Null(list.Element($"a[href='/assessments/panels/{r.Reference}']")));
    }

    /// <summary>The panel's page, its start button, then a point of its draft by the API (an ETag never read: 409 where the grant holds).</summary>
    private static async Task<HttpStatusCode[]> TryAsync(PageSession session, HttpClient api, PeerAssessmentRequestEntity request)
    {
        var page = await session.GetAsync($"/assessments/panels/{request.Reference}");
        var token = (await session.GetAsync("/assessments")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var start = await session.Client.SendAsync(PageRequest("POST", $"/assessments/panels/{request.Reference}/start", "", token));
        var (point, _) = await AssessmentSteps.SendAsync(api, HttpMethod.Put, $"/api/assessments/{PanelDaySteps.PanelReference(request.Reference)}/points/1",
            new { rating = "green", notes = "" }, "\"never-read\"");
        return [page.Status, start.StatusCode, point.StatusCode];
    }

    /// <summary>Every declared function's route and method, except the ones that end the session or need none.</summary>
    private List<(string Method, string Template)> Routes() =>
        fixture.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpFunctionDeclaration>() is not null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, "/" + e.RoutePattern.RawText!.Trim('/'))))
            .Where(r => r.Item2 != "/assessments/sign-out")
            .Distinct()
            .OrderBy(r => r.Item2, StringComparer.Ordinal).ThenBy(r => r.m, StringComparer.Ordinal)
            .ToList();

    private static string Fill(string template, string? reference) =>
        Parameter().Replace(template, match => match.Groups[1].Value switch
        {
            "reference" => reference!,
            "number" or "point" => "2",
            "slug" => "london",
            "evidenceId" => "0123456789abcdef0123456789abcdef",
            var name => name,
        });

    private static HttpRequestMessage ApiRequest(string method, string path, string etag)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = JsonContent.Create(new
            {
                rating = "red", notes = "Changed by a panel member", note = "Done by a panel member", overallRating = "",
                serviceName = "Renamed by a panel member", phase = "live", type = "self", standardId = PanelDaySteps.StandardId, assessmentDate = "2030-01-01",
            });
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return request;
    }

    private static HttpRequestMessage PageRequest(string method, string path, string etag, string token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["etag"] = etag, ["action"] = "save", ["rating"] = "red", ["notes"] = "Changed by a panel member",
                ["note"] = "Done by a panel member", ["overallRating"] = "", ["serviceName"] = "Renamed by a panel member",
            });
        }

        return request;
    }

    /// <summary>What the council itself reads of its assessments, actions and requests: ETags, and the request rows' ETags and statuses.</summary>
    private async Task<Dictionary<string, string>> CouncilStateAsync(HttpClient council, string[] assessments, PeerAssessmentRequestEntity[] requests)
    {
        var state = new Dictionary<string, string>();
        foreach (var reference in assessments)
        {
            state[reference] = (await council.GetAsync(new Uri($"/api/assessments/{reference}", UriKind.Relative))).Headers.ETag!.ToString();
        }

        state["list"] = await council.GetStringAsync(new Uri("/api/assessments", UriKind.Relative));
        foreach (var request in requests)
        {
            var row = (await PanelDaySteps.ReadAsync(fixture, request))!;
            state[request.Reference] = $"{row.Status} {row.ETag}";
        }

        return state;
    }

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex Parameter();
}
