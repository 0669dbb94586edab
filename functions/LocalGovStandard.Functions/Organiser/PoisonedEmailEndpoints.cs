using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Organiser;

/// <summary>The console's door onto the email outbox's poison queue: what failed every try, and sending it again (the admin API is the other door).</summary>
public static class PoisonedEmailEndpoints
{
    /// <summary>The form's value for "every poisoned email" rather than one message id.</summary>
    public const string All = "all";

    public static void MapConsolePoisonedEmail(this RouteGroupBuilder console)
    {
        console.MapGet("/email/poisoned", ShowAsync).AsPublicFunction("ConsolePoisonedEmail");
        console.MapPost("/email/poisoned", RequeueAsync).AsPublicFunction("ConsolePoisonedEmailRequeue");
    }

    private static async Task<RazorComponentResult> ShowAsync(PoisonedEmails poisoned, CancellationToken cancellationToken) =>
        await PageAsync(poisoned, done: null, new FormErrors(), cancellationToken);

    private static async Task<RazorComponentResult> RequeueAsync(HttpContext context, PoisonedEmails poisoned, CancellationToken cancellationToken)
    {
        var chosen = (await context.Request.ReadFormAsync(cancellationToken))["message"].ToString().Trim();
        var errors = new FormErrors();
        if (chosen.Length == 0)
        {
            errors.Add("message", "Choose an email to send again");
        }
        else
        {
            var moved = await poisoned.RequeueAsync(chosen == All ? null : chosen, ConsoleForms.Actor, cancellationToken);
            if (moved > 0)
            {
                return await PageAsync(poisoned, $"{moved} {(moved == 1 ? "email was" : "emails were")} sent back to the queue", errors, cancellationToken);
            }

            errors.Add("message", chosen == All ? "There is no poisoned email to send again" : "That email is no longer in the poison queue");
        }

        return await PageAsync(poisoned, done: null, errors, cancellationToken);
    }

    private static async Task<RazorComponentResult> PageAsync(PoisonedEmails poisoned, string? done, FormErrors errors, CancellationToken cancellationToken) =>
        new ComponentParameters<PoisonedEmailPage>()
            .Set(p => p.View, await poisoned.ViewAsync(cancellationToken))
            .Set(p => p.Done, done)
            .Set(p => p.Errors, errors)
            .Result(errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
}
