using LocalGovStandard.Standards;

namespace LocalGovStandard.Assessments;

public sealed record AssessmentView(
    string Reference,
    string Status,
    string ServiceName,
    string? ServiceUrl,
    string Phase,
    string Type,
    StandardSummary Standard,
    string AssessmentDate,
    IReadOnlyList<PanelMember> Panel,
    IReadOnlyList<PointView> Points,
    string? OverallResult,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    string? SubmittedBy,
    string? PredecessorReference,
    IReadOnlyList<MappedPointView> AgainstOtherStandards)
{
    public static AssessmentView From(AssessmentEntity entity, StandardCatalogue catalogue)
    {
        var standard = catalogue.Find(entity.StandardId)!;
        var answers = entity.Points();
        var points = standard.Points.Select(p =>
        {
            var answer = answers.GetValueOrDefault(p.Number);
            return new PointView(p.Number, p.Title, p.Description, answer?.Rating, answer?.Notes, answer?.Evidence ?? [], answer?.CarriedFrom);
        }).ToList();

        return new AssessmentView(
            entity.Reference, entity.Status, entity.ServiceName, entity.ServiceUrl, entity.Phase, entity.Type,
            new StandardSummary(standard.Id, standard.Name, standard.Version), entity.AssessmentDate, entity.Panel(), points,
            entity.Status == AssessmentEntity.Submitted ? entity.OverallRating : null,
            entity.CreatedAt, entity.UpdatedAt, entity.SubmittedAt, entity.SubmittedBy, entity.PredecessorReference,
            MappedPoints(standard, answers, catalogue));
    }

    /// <summary>
    /// What this assessment says about another standard's points, through the mapping files: each
    /// target point lists the points that inform it and whether all of those passed.
    /// </summary>
    private static List<MappedPointView> MappedPoints(Standard standard, Dictionary<int, PointAnswer> answers, StandardCatalogue catalogue) =>
        catalogue.Mappings
            .Where(m => m.From == standard.Id)
            .SelectMany(mapping =>
            {
                var target = catalogue.Find(mapping.To)!;
                return target.Points.Select(targetPoint =>
                {
                    var informedBy = standard.Points
                        .Where(p => catalogue.MapPoint(standard.Id, p.Number).Any(m => m.StandardId == target.Id && m.Point.Number == targetPoint.Number))
                        .Select(p => new InformingPoint(p.Number, p.Title, answers.GetValueOrDefault(p.Number)?.Rating))
                        .ToList();
                    var reading = informedBy.Count == 0 ? "not covered"
                        : informedBy.Any(p => p.Rating is null) ? "not yet rated"
                        : informedBy.All(p => standard.Rating(p.Rating)?.Passes == true) ? "evidence met" : "evidence not met";
                    return new MappedPointView(target.Id, targetPoint.Number, targetPoint.Title, reading, informedBy);
                });
            })
            .ToList();
}

public sealed record StandardSummary(string Id, string Name, string Version);

public sealed record PointView(int Number, string Title, string Description, string? Rating, string? Notes, IReadOnlyList<EvidenceFile> Evidence, CarriedPoint? CarriedFrom);

public sealed record MappedPointView(string StandardId, int Number, string Title, string Reading, IReadOnlyList<InformingPoint> InformedBy);

public sealed record InformingPoint(int Number, string Title, string? Rating);

public sealed record ActionView(
    string AssessmentReference, string ServiceName, int PointNumber, string PointTitle, string Rating, string Status, bool Overdue,
    DateTimeOffset DueAt, DateTimeOffset? DoneAt, string? DoneNote, string? ClosedByReference, string? ClosingRating, DateTimeOffset? ClosedAt,
    string? ReassessedBy, string? ReassessedRating)
{
    public static ActionView From(ActionEntity action, DateTimeOffset now) => new(
        action.AssessmentReference, action.ServiceName, action.PointNumber, action.PointTitle, action.Rating, action.Status,
        action.IsOverdue(now), action.DueAt, action.DoneAt, action.DoneNote, action.ClosedByReference, action.ClosingRating, action.ClosedAt,
        action.ReassessedBy, action.ReassessedRating);
}

public sealed record AssessmentSummary(string Reference, string ServiceName, string StandardId, string Type, string Status, string? OverallResult, DateTimeOffset UpdatedAt, string? PredecessorReference);

/// <summary>A contact's one list: drafts, submitted assessments, and their actions.</summary>
public sealed record CouncilAssessmentsView(
    IReadOnlyList<AssessmentSummary> Drafts, IReadOnlyList<AssessmentSummary> Submitted, IReadOnlyList<ActionView> OpenActions,
    int OverdueActions, IReadOnlyList<ActionView> ClosedActions);
