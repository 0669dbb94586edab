using LocalGovStandard.PeerAssessments.Reporting;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Register;
using LocalGovStandard.Progress;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Dashboard;

/// <summary>What the public page of one listed council shows: facts and counts, never notes, free text or contacts.</summary>
public sealed record CouncilView(
    string Code,
    string Name,
    Region Region,
    PeerGroup? PeerGroup,
    DateTimeOffset SignedUpAt,
    int AssessmentsSubmitted,
    int ActionsOpen,
    int ActionsOverdue,
    IReadOnlyList<CouncilStandardResults> Standards,
    ReportMonth Month,
    DateTimeOffset RefreshedAt)
{
    /// <summary>Peer assessments now: seats its assessors took on held panels, and its own assessments held.</summary>
    public CouncilLoad PeerAssessments { get; init; } = new(Code, Name, Region.Slug, 0, 0);
    /// <summary>Peer-group meet-ups the council's people came to, newest first: how many came, never who.</summary>
    public IReadOnlyList<CouncilMeetupAttendance> Meetups { get; init; } = [];
}

/// <summary>Every point of a standard the council was assessed against or has actions under, in point order.</summary>
public sealed record CouncilStandardResults(Standard Standard, IReadOnlyList<CouncilPointResult> Points)
{
    public string PassingLabel => string.Join(" or ", Standard.Scale.Ratings.Where(r => r.Passes).Select(r => r.Label));

    public string FailingLabel => string.Join(" or ", Standard.Scale.Ratings.Where(r => !r.Passes).Select(r => r.Label));
}

public sealed record CouncilPointResult(StandardPoint Point, int Passing, int NotPassing, int ActionsOpen, int ActionsOverdue);

/// <summary>
/// Loads a council's public page from what the snapshot refresher stored: the register (cached), the peer groups
/// (one query) and one snapshot row (a point read; the previous month's too in the minutes after a month begins).
/// A council that is not listed is not found, exactly like one that does not exist.
/// </summary>
public sealed class CouncilViewLoader(
    CouncilDirectory directory, PeerGroupStore peerGroups, SnapshotStore snapshots, PeerAssessmentProgress peerAssessments, StandardCatalogue catalogue, AttendanceProgress attendance, TimeProvider clock)
{
    public const int MaxCodeLength = 16;

    public async Task<CouncilView?> LoadAsync(string code, CancellationToken cancellationToken)
    {
        if (code.Length > MaxCodeLength || await directory.FindByCodeAsync(code, cancellationToken) is not { CanSignUp: true } council)
        {
            return null;
        }

        var month = ReportMonth.Of(clock.GetUtcNow());
        var row = await snapshots.RegionAsync(month, council.Region.Slug, MonthlySnapshotEntity.AllStandards, cancellationToken)
            ?? await snapshots.RegionAsync(month.Previous, council.Region.Slug, MonthlySnapshotEntity.AllStandards, cancellationToken);
        if (row?.CouncilDetail.FirstOrDefault(c => c.GssCode == council.GssCode) is not { Listed: true, SignedUpAt: { } signedUpAt } detail)
        {
            return null;
        }

        var groups = await peerGroups.AllAsync(cancellationToken);
        var progress = detail.PointProgress();
        var standards = catalogue.Standards
            .Where(s => progress.Any(p => p.Standard == s.Id))
            .Select(s => new CouncilStandardResults(s, s.Points.Select(point =>
                progress.FirstOrDefault(p => p.Standard == s.Id && p.Point == point.Number) is { } p
                    ? new CouncilPointResult(point, p.Passing, p.NotPassing, p.ActionsOpen, p.ActionsOverdue)
                    : new CouncilPointResult(point, 0, 0, 0, 0)).ToList()))
            .ToList();
        var load = (await peerAssessments.ForAsync((gss, _) => gss == council.GssCode, clock.GetUtcNow(), null, cancellationToken)).Load is [var found, ..] ? found : null;
        return new CouncilView(council.Code, detail.Name, council.Region, DrillPath.GroupOf(null, council.Region.Slug, groups), signedUpAt,
            detail.AssessmentsSubmitted, detail.ActionsOpen, detail.ActionsOverdue, standards, ReportMonth.TryParse(row.PartitionKey, out var stored) ? stored : month, row.RefreshedAt)
        {
            PeerAssessments = load ?? new CouncilLoad(council.Code, detail.Name, council.Region.Slug, 0, 0),
            Meetups = await attendance.ForCouncilAsync(council.GssCode, groups.ToDictionary(g => g.Slug, g => g.Name, StringComparer.Ordinal), cancellationToken),
        };
    }
}
