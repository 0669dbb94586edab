using System.Security.Claims;
using LocalGovStandard.Access;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.SupportNeeds;

namespace LocalGovStandard.Events;

/// <summary>
/// A peer-group lead's meet-up pages, under the contact session: the group's meet-ups and the form to schedule one or a
/// series. A group the signed-in contact does not lead answers 404, exactly like a group that does not exist.
/// </summary>
public static class LeadMeetupPages
{
    private const string Expired = "For your security, forms expire. Go back, reload the page and try again. Nothing you entered was saved.";

    public static void MapLeadMeetupPages(this IEndpointRouteBuilder app)
    {
        var lead = app.MapGroup("/peer-groups/{slug}/events").RequireAuthorization(ContactSession.Policy).RequireValidForms(Expired);
        lead.MapGet("", ShowAsync).AsPublicFunction("LeadMeetups");
        lead.MapPost("", ScheduleAsync).AsPublicFunction("LeadMeetupSchedule");
        lead.MapPost("/{eventId}/registration", SetRegistrationAsync).AsPublicFunction("LeadMeetupRegistration");
        lead.MapGet("/{eventId}", ShowMeetupAsync).AsPublicFunction("LeadMeetup");
        foreach (var (form, suffix) in MeetupDetailForm.Forms)
        {
            lead.MapPost($"/{{eventId}}/{form}", (string slug, string eventId, HttpContext context, PeerGroupLeadership leadership, MeetupScheduler scheduler, MeetupDetailForm detail, CancellationToken cancellationToken) =>
                PostMeetupAsync(slug, eventId, form, context, leadership, scheduler, detail, cancellationToken)).AsPublicFunction("LeadMeetup" + suffix);
        }

        lead.MapMeetupChanges("Lead", LeadDoorAsync, NotLed);
    }

    private static async Task<MeetupDoor?> LeadDoorAsync(HttpContext context, string slug, CancellationToken cancellationToken) =>
        await context.RequestServices.GetRequiredService<PeerGroupLeadership>().LedGroupAsync(context.User, slug, cancellationToken) is { } group
            ? Door(group, context.User)
            : null;

    private static async Task<IResult> ShowMeetupAsync(
        string slug, string eventId, ClaimsPrincipal user, PeerGroupLeadership leadership, MeetupScheduler scheduler, MeetupDetailForm detail, CancellationToken cancellationToken) =>
        await leadership.LedGroupAsync(user, slug, cancellationToken) is { } group && await scheduler.FindAsync(group, eventId, cancellationToken) is { } meetup
            ? await detail.PageAsync(Door(group, user), meetup, MeetupDetailState.Saved(null), cancellationToken)
            : NotLed();

    private static async Task<IResult> PostMeetupAsync(
        string slug, string eventId, string form, HttpContext context, PeerGroupLeadership leadership, MeetupScheduler scheduler, MeetupDetailForm detail,
        CancellationToken cancellationToken) =>
        await leadership.LedGroupAsync(context.User, slug, cancellationToken) is { } group && await scheduler.FindAsync(group, eventId, cancellationToken) is { } meetup
            ? await detail.PostAsync(Door(group, context.User), meetup, form, context.Request, cancellationToken) ?? NotLed()
            : NotLed();

    private static MeetupDoor Door(PeerGroups.PeerGroup group, ClaimsPrincipal user) => new(group, ForOrganiser: false, "lead:" + user.FindFirstValue(ContactSession.ContactClaim));

    private static async Task<IResult> ShowAsync(
        string slug, int? scheduled, string? registration, string? title, int? point, string? pack, ClaimsPrincipal user, PeerGroupLeadership leadership, EventStore store,
        MeetupScheduler scheduler, SupportNeedQueries needs, CancellationToken cancellationToken) =>
        await leadership.LedGroupAsync(user, slug, cancellationToken) is { } group
            ? await MeetupForm.PageAsync(group, forOrganiser: false, store, scheduler, needs, scheduled, MeetupForm.Prefill(title, point, pack), null, cancellationToken, registration)
            : NotLed();

    private static async Task<IResult> SetRegistrationAsync(
        string slug, string eventId, HttpContext context, PeerGroupLeadership leadership, EventStore store, MeetupScheduler scheduler,
        EventRegistrations registrations, SupportNeedQueries needs, CancellationToken cancellationToken)
    {
        if (await leadership.LedGroupAsync(context.User, slug, cancellationToken) is not { } group)
        {
            return NotLed();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var actor = "lead:" + context.User.FindFirstValue(ContactSession.ContactClaim);
        var (meetup, errors) = await MeetupForm.SetRegistrationAsync(form, group, eventId, scheduler, registrations, actor, cancellationToken);
        return meetup is null ? NotLed()
            : errors.Any ? await MeetupForm.PageAsync(group, forOrganiser: false, store, scheduler, needs, null, null, errors, cancellationToken)
            : TypedResults.Redirect($"/peer-groups/{group.Slug}/events?registration={(meetup.OpenForRegistration ? "opened" : "closed")}");
    }

    private static async Task<IResult> ScheduleAsync(
        string slug, HttpContext context, PeerGroupLeadership leadership, EventStore store, MeetupScheduler scheduler, SupportNeedQueries needs, CancellationToken cancellationToken)
    {
        if (await leadership.LedGroupAsync(context.User, slug, cancellationToken) is not { } group)
        {
            return NotLed();
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (meetups, submitted, errors) = await MeetupForm.ScheduleAsync(form, group, scheduler, Door(group, context.User).Actor, cancellationToken);
        return meetups is not null
            ? TypedResults.Redirect($"/peer-groups/{group.Slug}/events?scheduled={meetups.Count}")
            : await MeetupForm.PageAsync(group, forOrganiser: false, store, scheduler, needs, null, submitted, errors, cancellationToken);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult NotLed() =>
        new ComponentParameters<ErrorPage>()
            .Set(p => p.Heading, "Page not found")
            .Set(p => p.Detail, "There is no peer group you lead at this address. If you typed the web address, check it is correct.")
            .Result(StatusCodes.Status404NotFound);
}
