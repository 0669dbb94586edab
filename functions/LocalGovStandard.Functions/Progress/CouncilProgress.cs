namespace LocalGovStandard.Progress;

/// <summary>One council's current assessments and open actions as at an instant, point by point (counts only, no notes).</summary>
public sealed record CouncilProgress(string GssCode, int ActionsOpen, int ActionsOverdue, IReadOnlyList<CouncilPointProgress> Points);

/// <param name="Passing">Ratings of the point, across the council's current assessments, that were met or green.</param>
/// <param name="NotPassing">Ratings that were not met, amber or red.</param>
public sealed record CouncilPointProgress(string Standard, int Point, int Passing, int NotPassing, int ActionsOpen, int ActionsOverdue);
