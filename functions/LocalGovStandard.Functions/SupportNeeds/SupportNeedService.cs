using LocalGovStandard.Access;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Register;

namespace LocalGovStandard.SupportNeeds;

/// <summary>A council's answers that count: the version, when, who answered (null once erased) and the answers.</summary>
public sealed record CurrentSupportNeeds(int Version, DateTimeOffset AnsweredAt, string? AnsweredBy, IReadOnlyList<PointNeed> Points);

/// <summary>What the page and the API share: a council's current answers, and answering again (a new version).</summary>
public sealed class SupportNeedService(SupportNeedStore store, CouncilDirectory councils, AuditLog audit)
{
    public async Task<CurrentSupportNeeds?> CurrentAsync(CouncilScope scope, CancellationToken cancellationToken)
    {
        var latest = await store.LatestAsync(scope.Region, scope.GssCode, cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var version = await store.VersionAsync(scope.Region, scope.GssCode, latest.Version, cancellationToken);
        return new CurrentSupportNeeds(latest.Version, latest.AnsweredAt, version?.AnsweredByName, latest.Answers());
    }

    public async Task<CurrentSupportNeeds> SaveAsync(CouncilScope scope, ValidSupportNeeds answers, CancellationToken cancellationToken)
    {
        var council = await councils.FindByCodeAsync(scope.GssCode, cancellationToken);
        var saved = await store.SaveAsync(scope, council?.OfficialName ?? scope.GssCode, answers, cancellationToken);
        await audit.WriteAsync($"contact:{scope.ContactReference}", "support-needs.answered", $"{scope.GssCode}/{saved.Version}", cancellationToken: cancellationToken);
        return new CurrentSupportNeeds(saved.Version, saved.AnsweredAt, saved.AnsweredByName, answers.Points);
    }
}
