using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Platform.Email.Queue;

/// <summary>The organiser's API for the email outbox's poison queue; the console's page is the other door onto <see cref="PoisonedEmails"/>.</summary>
public static class PoisonedEmailApi
{
    public const string ApiActor = "organiser";

    public sealed record RequeueResponse(string QueueMessageId, int Requeued);

    public static void MapPoisonedEmailApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/email/poisoned", ListAsync).AsKeyedFunction("ListPoisonedEmails");
        admin.MapPost("/email/poisoned/{id}/requeue", RequeueAsync).AsKeyedFunction("RequeuePoisonedEmail");
    }

    private static async Task<Ok<PoisonedEmailsView>> ListAsync(PoisonedEmails poisoned, CancellationToken cancellationToken) =>
        TypedResults.Ok(await poisoned.ViewAsync(cancellationToken));

    private static async Task<Results<Ok<RequeueResponse>, ProblemHttpResult>> RequeueAsync(string id, PoisonedEmails poisoned, CancellationToken cancellationToken)
    {
        var moved = await poisoned.RequeueAsync(id, ApiActor, cancellationToken);
        return moved > 0
            ? TypedResults.Ok(new RequeueResponse(id, moved))
            : ApiErrors.Problem(ApiErrors.NotFound, $"There is no email '{id}' in the poison queue. List them with GET /api/admin/email/poisoned.");
    }
}
