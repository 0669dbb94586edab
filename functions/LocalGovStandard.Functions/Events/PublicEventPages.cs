using LocalGovStandard.Events.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Events;

public enum PublicEventState
{
    Open,
    NotOpen,
    Past,
    Cancelled,
}

/// <summary>
/// A meet-up's public page and open registration (ADR 0024): the page and its form, and the emailed link (a GET that shows a
/// button, a POST that confirms). Only meet-ups have a public page; a summit's id, or none, is 404.
/// </summary>
public static class PublicEventPages
{
    public const string ConfirmPath = "/events/registration/confirm";
    private const string Expired = "For your security, forms expire. Go back, reload the page and try again. Nothing you entered was saved.";

    public static string PathOf(EventEntity meetup) => $"/events/{meetup.SummitId}";

    public static string RegisterPath(EventEntity meetup) => $"/events/{meetup.SummitId}/register";

    public static void MapPublicEventPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events/{eventId}", ShowAsync).AsPublicFunction("PublicEvent");
        app.MapPost("/events/{eventId}/register", RegisterAsync).AsPublicFunction("PublicEventRegister")
            .RequireRateLimiting(RateLimits.Registrations).RequireValidForm(Expired);
        app.MapGet(ConfirmPath, ShowConfirmAsync).AsPublicFunction("PublicEventRegistrationLink").RequireRateLimiting(RateLimits.PublicForms);
        app.MapPost(ConfirmPath, ConfirmAsync).AsPublicFunction("PublicEventRegistrationConfirm").RequireRateLimiting(RateLimits.PublicForms)
            .RequireValidForm("For your security, forms expire. Open the link in your email again and press the button.");
    }

    private static async Task<IResult> ShowAsync(
        string eventId, EventStore store, PeerGroupStore groups, MeetupScheduler scheduler, TimeProvider clock, CancellationToken cancellationToken) =>
        await MeetupAsync(eventId, store, groups, cancellationToken) is var (meetup, group)
            ? Page(meetup, group, scheduler, StateOf(meetup, clock.GetUtcNow()), null, null)
            : NotFound();

    private static async Task<IResult> RegisterAsync(
        string eventId, HttpContext context, EventStore store, PeerGroupStore groups, MeetupScheduler scheduler, EventRegistrations registrations,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await MeetupAsync(eventId, store, groups, cancellationToken) is not var (meetup, group))
        {
            return NotFound();
        }

        var state = StateOf(meetup, clock.GetUtcNow());
        if (state != PublicEventState.Open)
        {
            return Page(meetup, group, scheduler, state, null, null, StatusCodes.Status409Conflict);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var values = RegistrationRules.FieldOrder.ToDictionary(f => f, f => form[f].ToString());
        var errors = await registrations.RegisterAsync(group, meetup, new RegistrationRequest(values["name"], values["email"], values["organisation"]), cancellationToken);
        return errors.IsValid
            ? new ComponentParameters<RegistrationSentPage>().Set(p => p.Meetup, meetup).Result()
            : Page(meetup, group, scheduler, state, values, FormErrors.From(errors.ToDictionary(), RegistrationRules.FieldOrder), StatusCodes.Status400BadRequest);
    }

    /// <summary>Reads only: a mail scanner's GET confirms nothing and spends nothing.</summary>
    private static async Task<IResult> ShowConfirmAsync(string? token, EventRegistrations registrations, CancellationToken cancellationToken)
    {
        var opened = await registrations.OpenLinkAsync(token, cancellationToken);
        return opened.Status == ConfirmStatus.Confirmed
            ? EmailedLinks.Confirm(
                $"Confirm your place at {opened.Meetup!.Name}",
                "Press the button to confirm your email address and ask for your place. If the meet-up is full, you will join the waiting list.",
                "Confirm and ask for a place",
                ConfirmPath,
                token)
            : Problem(opened);
    }

    private static async Task<IResult> ConfirmAsync(HttpRequest request, EventRegistrations registrations, EventLinks links, CancellationToken cancellationToken)
    {
        var confirmed = await registrations.ConfirmAsync(await EmailedLinks.TokenAsync(request, cancellationToken), cancellationToken);
        return confirmed is { Status: ConfirmStatus.Confirmed, Meetup: { } meetup, Invitation: { } invitation, Outcome: { } outcome }
            ? new ComponentParameters<RsvpDonePage>()
                .Set(p => p.Summit, meetup)
                .Set(p => p.Invitation, invitation)
                .Set(p => p.WaitingPlace, confirmed.WaitingPlace)
                .Set(p => p.Outcome, outcome)
                .Set(p => p.Token, links.RsvpToken(meetup, invitation))
                .Result()
            : Problem(confirmed);
    }

    public static PublicEventState StateOf(EventEntity meetup, DateTimeOffset now) =>
        meetup.CancelledAt is not null ? PublicEventState.Cancelled
        : now >= meetup.RsvpBy ? PublicEventState.Past
        : meetup.OpenForRegistration ? PublicEventState.Open
        : PublicEventState.NotOpen;

    private static async Task<(EventEntity Meetup, PeerGroup Group)?> MeetupAsync(string eventId, EventStore store, PeerGroupStore groups, CancellationToken cancellationToken) =>
        await store.FindAsync(eventId, cancellationToken) is { Kind: EventKinds.Meetup, PeerGroup: { } slug } meetup
            && await groups.FindAsync(slug, cancellationToken) is { } group
            ? (meetup, group)
            : null;

    private static RazorComponentResult Page(
        EventEntity meetup, PeerGroup group, MeetupScheduler scheduler, PublicEventState state, IReadOnlyDictionary<string, string>? values, FormErrors? errors,
        int? status = null) =>
        new ComponentParameters<PublicEventPage>()
            .Set(p => p.Meetup, meetup)
            .Set(p => p.GroupName, group.Name)
            .Set(p => p.Standard, scheduler.Standard)
            .Set(p => p.State, state)
            .Set(p => p.Values, values ?? new Dictionary<string, string>())
            .Set(p => p.Errors, errors ?? new FormErrors())
            .Result(status);

    private static RazorComponentResult NotFound() =>
        new ComponentParameters<ErrorPage>()
            .Set(p => p.Heading, "Page not found")
            .Set(p => p.Detail, "There is no meet-up at this address. If you typed the web address, check it is correct.")
            .Result(StatusCodes.Status404NotFound);

    private static RazorComponentResult Problem(ConfirmResult result)
    {
        var (heading, detail, status) = result.Status switch
        {
            ConfirmStatus.Expired => ("This link has expired", "Register again on the meet-up's page if it is still open.", StatusCodes.Status400BadRequest),
            ConfirmStatus.AlreadyUsed => ("You have already used this link",
                "Your answer is in the confirmation email we sent you, with a link to change it.", StatusCodes.Status409Conflict),
            ConfirmStatus.Closed => ("Registration has closed", $"{result.Meetup?.Name ?? "The meet-up"} is no longer taking registrations, so no place was asked for.",
                StatusCodes.Status409Conflict),
            ConfirmStatus.Unsubscribed => ("You unsubscribed from our event emails",
                "This address is on our list of addresses not to email about events, so we cannot give it a place. Contact us to be taken off the list.",
                StatusCodes.Status409Conflict),
            _ => ("This link is not valid", "Check you copied the whole link from the email.", StatusCodes.Status400BadRequest),
        };
        return new ComponentParameters<ErrorPage>().Set(p => p.Heading, heading).Set(p => p.Detail, detail).Result(status);
    }
}
