using LocalGovStandard.Access;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.PeerAssessments.Requests;

/// <summary>The council's feedback on its peer assessment, by the API: its contacts give or replace it; nobody reads it back here but them.</summary>
public static class FeedbackApi
{
    public static void MapFeedbackApi(this RouteGroupBuilder api) =>
        api.MapPut("/{reference}/feedback", PutAsync).AsPublicFunction("PutPeerAssessmentFeedback");

    private static async Task<Results<Ok<FeedbackView>, BodyProblem, ValidationProblem, ProblemHttpResult>> PutAsync(
        string reference, HttpContext context, CouncilFeedback feedback, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<FeedbackBody>(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await feedback.SaveAsync(context.User.Scope(), reference, body!, cancellationToken);
        return result.Outcome switch
        {
            FeedbackOutcome.Saved => TypedResults.Ok(FeedbackView.Of(result.Request!)!),
            FeedbackOutcome.Invalid => ApiErrors.ValidationProblem(result.Errors.ToDictionary()),
            FeedbackOutcome.Closed => ApiErrors.Problem(ApiErrors.Conflict with { Title = "Feedback is closed" },
                $"Feedback can be given or changed until {CouncilFeedback.OpenFor.Days} days after the report was published."),
            FeedbackOutcome.Changed => ApiErrors.Problem(ApiErrors.Conflict with { Title = "The feedback changed since you read it" },
                $"Your council's feedback was given or changed after the version you sent as replacing: nothing was saved. " +
                $"Its givenAt is now {CouncilFeedback.Replacing(result.Request!)}; send replacing with that value to replace it."),
            _ => ApiErrors.Problem(ApiErrors.NotFound, "There is no published peer-assessment report with that reference for your council."),
        };
    }
}
