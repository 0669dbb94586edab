using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Events.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Events;

/// <summary>The invitee's pages: RSVP (answer, change until rsvpBy) and unsubscribe.</summary>
public static class EventPages
{
    public const int BadgeNameMaxLength = 60;
    public const int NeedsMaxLength = 300;
    public const string RsvpPath = "/events/rsvp";
    public const string UnsubscribePath = "/events/unsubscribe";
    private const string SummitRsvpPath = "/summit/rsvp";
    private const string SummitUnsubscribePath = "/summit/unsubscribe";
    public static readonly IReadOnlyList<string> FieldOrder = ["attending", "badgeName", "dietaryNeeds", "accessNeeds"];

    public static void MapEventPages(this IEndpointRouteBuilder app)
    {
        app.MapGet(RsvpPath, ShowRsvpAsync).AsPublicFunction("EventRsvp").RequireRateLimiting(RateLimits.PublicForms);
        app.MapPost(RsvpPath, AnswerRsvpAsync).AsPublicFunction("EventRsvpAnswer").RequireRateLimiting(RateLimits.PublicForms)
            .RequireValidForm("For your security, forms expire. Open the link in your invitation email again and answer again. Nothing you entered was saved.");

        // The link in the email opens a page with a button (see EmailedLinks), so a mail scanner's GET unsubscribes nobody.
        app.MapGet(UnsubscribePath, ShowUnsubscribe).AsPublicFunction("EventUnsubscribe").RequireRateLimiting(RateLimits.PublicForms);

        // RFC 8058 one-click: mail programs POST "List-Unsubscribe=One-Click" with no antiforgery token.
        // The signed token is the credential, and unsubscribing twice changes nothing.
        app.MapPost(UnsubscribePath, UnsubscribeAsync).AsPublicFunction("EventUnsubscribeConfirm").RequireRateLimiting(RateLimits.PublicForms).DisableAntiforgery();

        // Links in summit mail sent before events (ADR 0016) keep working. A GET moves permanently (301) to the page's new address.
        // A POST is answered where it was sent, by the same handler: a form on a page opened before the move, or a mail
        // program's RFC 8058 one-click, which need not follow a redirect.
        app.MapGet(SummitRsvpPath, (HttpRequest request) => TypedResults.Redirect(RsvpPath + request.QueryString, permanent: true))
            .AsPublicFunction("SummitRsvp").RequireRateLimiting(RateLimits.PublicForms);
        app.MapPost(SummitRsvpPath, AnswerRsvpAsync).AsPublicFunction("SummitRsvpAnswer").RequireRateLimiting(RateLimits.PublicForms)
            .RequireValidForm("For your security, forms expire. Open the link in your invitation email again and answer again. Nothing you entered was saved.");
        app.MapGet(SummitUnsubscribePath, (HttpRequest request) => TypedResults.Redirect(UnsubscribePath + request.QueryString, permanent: true))
            .AsPublicFunction("SummitUnsubscribe").RequireRateLimiting(RateLimits.PublicForms);
        app.MapPost(SummitUnsubscribePath, UnsubscribeAsync).AsPublicFunction("SummitUnsubscribeConfirm").RequireRateLimiting(RateLimits.PublicForms).DisableAntiforgery();
    }

    /// <summary>Reads only: the RSVP link's page changes nothing until its form is posted, so a mail scanner's GET answers nothing.</summary>
    private static async Task<IResult> ShowRsvpAsync(string? token, RsvpService rsvp, EventStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (result, summit, invitation) = await rsvp.OpenAsync(token, cancellationToken);
        if (result != RsvpLinkResult.Valid)
        {
            return LinkProblem(result);
        }

        if (clock.GetUtcNow() > summit!.RsvpBy || summit.CancelledAt is not null)
        {
            return Closed(summit, invitation!, await store.WaitingPlaceAsync(invitation!, cancellationToken));
        }

        var values = new RsvpFormValues(
            invitation!.Response switch { InvitationEntity.Accepted or InvitationEntity.Waitlisted => "yes", InvitationEntity.Declined => "no", _ => null },
            invitation.BadgeName ?? invitation.ContactName, invitation.DietaryNeeds, invitation.AccessNeeds);
        return new ComponentParameters<RsvpPage>()
            .Set(p => p.Summit, summit)
            .Set(p => p.Invitation, invitation)
            .Set(p => p.WaitingPlace, await store.WaitingPlaceAsync(invitation, cancellationToken))
            .Set(p => p.Token, token!)
            .Set(p => p.Values, values)
            .Set(p => p.Errors, new FormErrors())
            .Result();
    }

    private static async Task<IResult> AnswerRsvpAsync(HttpContext context, RsvpService rsvp, EventStore store, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        string? token = form["token"];
        var (result, summit, invitation) = await rsvp.OpenAsync(token, cancellationToken);
        if (result != RsvpLinkResult.Valid)
        {
            return LinkProblem(result);
        }

        var values = new RsvpFormValues(form["attending"], form["badgeName"], form["dietaryNeeds"], form["accessNeeds"]);
        var errors = new FieldErrors();
        if (values.Attending is not ("yes" or "no"))
        {
            errors.Add("attending", "Select yes if you can come, or no if you cannot");
        }

        var attending = values.Attending == "yes";
        var badge = attending
            ? errors.RequiredText("badgeName", values.BadgeName, "Name for your badge", BadgeNameMaxLength, "Enter the name for your badge")
            : null;
        var dietary = attending ? errors.OptionalText("dietaryNeeds", values.DietaryNeeds, "Dietary needs", NeedsMaxLength) : null;
        var access = attending ? errors.OptionalText("accessNeeds", values.AccessNeeds, "Access needs", NeedsMaxLength) : null;
        if (!errors.IsValid)
        {
            return new ComponentParameters<RsvpPage>()
                .Set(p => p.Summit, summit!)
                .Set(p => p.Invitation, invitation!)
                .Set(p => p.WaitingPlace, await store.WaitingPlaceAsync(invitation!, cancellationToken))
                .Set(p => p.Token, token!)
                .Set(p => p.Values, values)
                .Set(p => p.Errors, FormErrors.From(errors.ToDictionary(), FieldOrder))
                .Result(StatusCodes.Status400BadRequest);
        }

        var (outcome, latestSummit, answered) = await rsvp.AnswerAsync(summit!.SummitId, invitation!.InvitationId, new RsvpAnswer(attending, badge, dietary, access), cancellationToken);
        var place = await store.WaitingPlaceAsync(answered, cancellationToken);
        return outcome == RsvpOutcome.Closed
            ? Closed(latestSummit, answered, place)
            : new ComponentParameters<RsvpDonePage>()
                .Set(p => p.Summit, latestSummit)
                .Set(p => p.Invitation, answered)
                .Set(p => p.WaitingPlace, place)
                .Set(p => p.Outcome, outcome)
                .Set(p => p.Token, token!)
                .Result();
    }

    private static RazorComponentResult LinkProblem(RsvpLinkResult result) =>
        new ComponentParameters<RsvpProblemPage>()
            .Set(p => p.Problem, result == RsvpLinkResult.Expired ? RsvpProblemPage.Kind.Expired : RsvpProblemPage.Kind.Invalid)
            .Result(StatusCodes.Status400BadRequest);

    private static RazorComponentResult Closed(EventEntity summit, InvitationEntity invitation, int? waitingPlace) =>
        new ComponentParameters<RsvpProblemPage>()
            .Set(p => p.Problem, RsvpProblemPage.Kind.Closed)
            .Set(p => p.Summit, summit)
            .Set(p => p.Invitation, invitation)
            .Set(p => p.WaitingPlace, waitingPlace)
            .Result(StatusCodes.Status409Conflict);

    private static RazorComponentResult ShowUnsubscribe(string? token, SuppressionList suppressions) =>
        suppressions.Read(token) is null
            ? UnsubscribeNotValid()
            : EmailedLinks.Confirm(
                "Unsubscribe from emails about Standard Summits",
                "You will get no more invitations or reminders about Standard Summits.",
                "Unsubscribe",
                UnsubscribePath,
                token);

    private static async Task<IResult> UnsubscribeAsync(HttpContext context, SuppressionList suppressions, CancellationToken cancellationToken)
    {
        string? token = context.Request.Query["token"];
        if (string.IsNullOrEmpty(token) && context.Request.HasFormContentType)
        {
            token = (await context.Request.ReadFormAsync(cancellationToken))["token"];
        }

        var payload = suppressions.Read(token);
        if (payload is null)
        {
            return UnsubscribeNotValid();
        }

        await suppressions.AddAsync(payload.ContactKey, $"summit:{payload.SummitId}", cancellationToken);
        return new ComponentParameters<UnsubscribePage>().Set(p => p.Done, true).Result();
    }

    private static RazorComponentResult UnsubscribeNotValid() =>
        new ComponentParameters<UnsubscribePage>().Set(p => p.Done, false).Result(StatusCodes.Status400BadRequest);
}

public sealed record RsvpFormValues(string? Attending, string? BadgeName, string? DietaryNeeds, string? AccessNeeds);
