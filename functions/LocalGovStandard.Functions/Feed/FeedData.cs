using LocalGovStandard.Dashboard;
using LocalGovStandard.PeerAssessments.Reporting;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Progress;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;
using Microsoft.Extensions.Caching.Memory;

namespace LocalGovStandard.Feed;

/// <summary>The feed's rows, built from the same partition-query loader as the workbooks and the dashboard.</summary>
public sealed record FeedRows(
    IReadOnlyList<FeedCouncil> Councils,
    IReadOnlyList<FeedSignUp> SignUps,
    IReadOnlyList<FeedAssessment> Assessments,
    IReadOnlyList<FeedPointResult> PointResults,
    IReadOnlyList<FeedAction> Actions,
    IReadOnlyList<FeedSupportNeed> SupportNeeds,
    IReadOnlyList<FeedPeerAssessment> PeerAssessments,
    IReadOnlyList<FeedAssessorLoad> AssessorLoad);

/// <summary>
/// Reads the activity once per minute at most and keeps it in memory, so that Power BI following
/// <c>@odata.nextLink</c> page after page (and across entity sets) costs one read, and every page
/// comes from the same data.
/// </summary>
public sealed class FeedData(
    CouncilDirectory directory,
    PeerGroupStore peerGroups,
    ProgressLoader loader,
    SupportNeedsProgress supportNeeds,
    PeerAssessmentProgress peerAssessments,
    StandardCatalogue catalogue,
    SnapshotStore snapshots,
    IMemoryCache cache,
    TimeProvider clock)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);

    /// <summary>Every headline in the catalogue the workbooks and the dashboard use, as a formula over the snapshots' counts.</summary>
    public static readonly IReadOnlyList<FeedHeadline> Headlines = HeadlineCatalogue.All.Select(h => new FeedHeadline
    {
        Id = h.Id,
        Label = h.Label,
        Definition = h.Definition,
        Kind = h.Kind == FigureKind.Share ? "share" : "count",
        Numerator = h.Numerator.ToString(),
        Denominator = h.Denominator?.ToString(),
        WhenDenominatorIsZero = h.Denominator is null ? null : h.Absent ?? "0",
    }).ToList();

    private const string CacheKey = "feed-rows";

    public async Task<FeedRows> RowsAsync(CancellationToken cancellationToken) =>
        (await cache.GetOrCreateAsync(CacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            return await LoadAsync(cancellationToken);
        }))!;

    public async Task<IReadOnlyList<FeedMonthlySnapshot>> SnapshotsAsync(CancellationToken cancellationToken)
    {
        var window = SnapshotRefresher.Window(clock.GetUtcNow());
        var rows = await snapshots.AllAsync(window[0], window[^1], cancellationToken);
        // A council-list group's rows repeat councils its regions' rows already count; the feed gives groups through Councils.PeerGroups instead.
        return rows.Where(r => !r.IsPeerGroupRow).Select(r => new FeedMonthlySnapshot
        {
            Id = $"{r.PartitionKey}|{r.RowKey}",
            Month = r.PartitionKey,
            Region = r.Region,
            Standard = r.Standard,
            Councils = r.Councils,
            SignedUp = r.SignedUp,
            WithVerifiedContact = r.WithVerifiedContact,
            Assessed = r.Assessed,
            SubmittedInMonth = r.SubmittedInMonth,
            SubmittedToDate = r.SubmittedToDate,
            PointsRated = r.PointsRated,
            PointsPassing = r.PointsPassing,
            ActionsOpen = r.ActionsOpen,
            ActionsOverdue = r.ActionsOverdue,
            RefreshedAt = r.RefreshedAt,
        }).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    private async Task<FeedRows> LoadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var month = ReportMonth.Of(now);
        var councils = await directory.AllAsync(cancellationToken);
        var groups = await peerGroups.AllAsync(cancellationToken);
        var activities = new List<ProgressActivity>();
        foreach (var region in Regions.All)
        {
            activities.Add(await loader.ForRegionAsync(region, month, cancellationToken));
        }

        // Every register row once, by its code; activity rows name their council by the same code (a GSS code, since only those can sign up).
        var known = councils.DistinctBy(c => c.Code).ToList();
        var regionOf = known.ToDictionary(c => c.Code, c => c.Region.Slug, StringComparer.Ordinal);
        var nameOf = known.ToDictionary(c => c.Code, c => c.OfficialName, StringComparer.Ordinal);
        var assessments = activities.SelectMany(a => a.Assessments).ToList();
        var replaced = assessments.Where(a => a.PredecessorReference is not null).Select(a => (a.GssCode, a.PredecessorReference!)).ToHashSet();
        var submittedAt = assessments.GroupBy(a => a.Reference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(a => a.SubmittedAt), StringComparer.Ordinal);
        var peer = await peerAssessments.EveryCouncilAsync(now, cancellationToken);
        var verified = activities.SelectMany(a => a.Contacts).Where(c => c.Verified).CountBy(c => c.GssCode).ToDictionary(StringComparer.Ordinal);

        return new FeedRows(
            known.Select(c => new FeedCouncil
            {
                Code = c.Code, GssCode = c.GssCode.Length > 0 ? c.GssCode : null, LocalAuthorityCode = c.LocalAuthorityCode, Name = c.OfficialName, Nation = c.Nation,
                Region = c.Region.Slug, AuthorityType = c.AuthorityType, CanSignUp = c.CanSignUp,
                PeerGroups = string.Join(',', groups.Where(g => g.Contains(c.GssCode, c.Region.Slug)).Select(g => g.Slug)),
            }).OrderBy(c => c.Code, StringComparer.Ordinal).ToList(),
            activities.SelectMany(a => a.Signups).Select(s => new FeedSignUp
            {
                GssCode = s.GssCode, CouncilName = nameOf.GetValueOrDefault(s.GssCode, ""),
                Region = regionOf.GetValueOrDefault(s.GssCode, ""), SignedUpAt = s.SignedUpAt, SignedUpMonth = ReportMonth.Of(s.SignedUpAt).ToString(),
                VerifiedContacts = verified.GetValueOrDefault(s.GssCode),
            }).OrderBy(s => s.GssCode, StringComparer.Ordinal).ToList(),
            assessments.Select(a => new FeedAssessment
            {
                Id = $"{a.GssCode}|{a.Reference}", GssCode = a.GssCode, Reference = a.Reference, CouncilName = a.CouncilName,
                Region = regionOf.GetValueOrDefault(a.GssCode, ""), ServiceName = a.ServiceName, Phase = a.Phase, Type = a.Type,
                StandardId = a.StandardId, OverallResult = a.OverallResult, OverallPasses = a.OverallPasses, SubmittedAt = a.SubmittedAt,
                SubmittedMonth = ReportMonth.Of(a.SubmittedAt).ToString(), PredecessorReference = a.PredecessorReference,
                Current = !replaced.Contains((a.GssCode, a.Reference)),
            }).OrderBy(a => a.Id, StringComparer.Ordinal).ToList(),
            assessments.SelectMany(a => PointResults(a, regionOf, !replaced.Contains((a.GssCode, a.Reference)))).OrderBy(p => p.Id, StringComparer.Ordinal).ToList(),
            activities.SelectMany(a => a.Actions).Select(a => new FeedAction
            {
                Id = $"{a.GssCode}|{a.AssessmentReference}|{a.PointNumber}", GssCode = a.GssCode, Region = regionOf.GetValueOrDefault(a.GssCode, ""),
                AssessmentReference = a.AssessmentReference, StandardId = a.StandardId, PointNumber = a.PointNumber, PointTitle = a.PointTitle,
                Rating = a.Rating, Status = a.Status, CreatedAt = a.CreatedAt, DueAt = a.DueAt, DoneAt = a.DoneAt,
                ClosedByReference = a.ClosedByReference, ClosingRating = a.ClosingRating, ClosedAt = a.ClosedAt,
                ReassessedRating = a.ReassessedRating, OpenUntil = a.OpenUntil(submittedAt),
                Overdue = a.Status == Assessments.ActionEntity.Open && a.DueAt < now,
            }).OrderBy(a => a.Id, StringComparer.Ordinal).ToList(),
            (await supportNeeds.LatestAsync(cancellationToken)).Select(n => new FeedSupportNeed
            {
                Id = $"{n.GssCode}|{n.Point}", GssCode = n.GssCode, CouncilName = n.CouncilName, Region = regionOf.GetValueOrDefault(n.GssCode, ""),
                StandardId = supportNeeds.StandardId, PointNumber = n.Point, PointTitle = n.PointTitle, Understanding = n.Understanding, Support = n.Support,
                AnswerSet = n.Version, AnsweredAt = n.AnsweredAt,
            }).OrderBy(n => n.Id, StringComparer.Ordinal).ToList(),
            peer.Rows.Select(p => PeerAssessment(p, now)).OrderBy(p => p.Reference, StringComparer.Ordinal).ToList(),
            peer.Load.Select(l => new FeedAssessorLoad
            {
                GssCode = l.CouncilCode, CouncilName = l.CouncilName, Region = l.Region, AssessmentsGiven = l.Given, AssessmentsReceived = l.Received, GivesBack = l.GivesBack,
            }).OrderBy(l => l.GssCode, StringComparer.Ordinal).ToList());
    }

    private static FeedPeerAssessment PeerAssessment(PeerAssessmentFact fact, DateTimeOffset now)
    {
        var held = fact.HeldBy(now);
        return new FeedPeerAssessment
        {
            Reference = fact.Reference, GssCode = fact.GssCode, CouncilName = fact.CouncilName, Region = fact.Region, ServiceName = fact.ServiceName,
            Phase = fact.Phase, StandardId = fact.StandardId, Status = fact.StatusAt(now), RequestedAt = fact.RequestedAt,
            RequestedMonth = ReportMonth.Of(fact.RequestedAt).ToString(),
            PanelDate = fact.PanelDate is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            ReportPublishedAt = fact.ReportPublishedAt, Held = held, Outcome = fact.Outcome,
            DaysToAssessment = held ? fact.DaysToAssessment : null, ReassessmentOf = fact.ReassessmentOf, PanelSeats = fact.Seats.Count,
        };
    }

    private IEnumerable<FeedPointResult> PointResults(SubmittedAssessmentFact assessment, Dictionary<string, string> regionOf, bool current)
    {
        var standard = catalogue.Find(assessment.StandardId);
        return assessment.PointRatings.OrderBy(p => p.Key).Select(p => new FeedPointResult
        {
            Id = $"{assessment.GssCode}|{assessment.Reference}|{p.Key}",
            AssessmentId = $"{assessment.GssCode}|{assessment.Reference}",
            GssCode = assessment.GssCode,
            Region = regionOf.GetValueOrDefault(assessment.GssCode, ""),
            StandardId = assessment.StandardId,
            PointNumber = p.Key,
            Rating = p.Value,
            MetOrGreen = standard?.Rating(p.Value)?.Passes ?? false,
            SubmittedAt = assessment.SubmittedAt,
            Current = current,
        });
    }
}
