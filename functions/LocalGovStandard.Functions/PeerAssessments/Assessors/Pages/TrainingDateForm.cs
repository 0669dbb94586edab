using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Pages;

namespace LocalGovStandard.PeerAssessments.Assessors.Pages;

/// <summary>The approval form a lead and an organiser share: the date of the assessor's training (a GOV.UK date input), then the approval.</summary>
public static class TrainingDateForm
{
    public const string Label = "The date of their assessor training";
    public const string Withdrawn = "They have withdrawn from the assessor pool, so they cannot be approved until they offer again";

    public sealed record Outcome(bool Approved, DateParts Date, FormErrors Errors, string? Error);

    /// <summary>What the approval page shows: the offer, its future dates, and the date as entered (or as recorded before).</summary>
    public sealed record View(AssessorEntity Assessor, AssessorProfileValidator Labels, IReadOnlyList<DateOnly> Unavailable, DateParts Date, string? Error, FormErrors Errors)
    {
        public static View For(AssessorEntity assessor, AssessorProfileValidator labels, TimeProvider clock, Outcome? outcome) => new(
            assessor, labels, assessor.UnavailableDates.Where(d => d >= UkTime.Today(clock)).ToList(),
            outcome?.Date ?? DateParts.FromIso(assessor.TrainedOn), outcome?.Error, outcome?.Errors ?? new FormErrors());
    }

    public static async Task<Outcome> ApproveAsync(
        HttpContext context, AssessorEntity assessor, string actor, AssessorPool pool, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var parts = DateParts.FromForm(form, TrainingDate.Field);
        var (date, problem) = parts.Problem(Label) is { } partsProblem ? ((DateOnly?)null, (string?)partsProblem) : TrainingDate.Check(parts.Iso, UkTime.Today(clock));
        if (date is { } trainedOn && (await pool.ApproveAsync(assessor, trainedOn, actor, cancellationToken)).Result == ApprovalResult.Approved)
        {
            return new Outcome(true, parts, new FormErrors(), null);
        }

        problem ??= Withdrawn;
        var errors = new FormErrors();
        errors.Add($"{TrainingDate.Field}-{parts.FirstProblemPart}", problem);
        return new Outcome(false, parts, errors, problem);
    }
}
