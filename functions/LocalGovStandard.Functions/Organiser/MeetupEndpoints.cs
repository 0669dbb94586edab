using LocalGovStandard.Events;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.SupportNeeds;

namespace LocalGovStandard.Organiser;

/// <summary>A peer group's meet-ups in the console: the list and the schedule form, through the same scheduler as the lead's pages and the API.</summary>
public static class MeetupEndpoints
{
    public static void MapConsoleMeetups(this RouteGroupBuilder console)
    {
        console.MapGet("/peer-groups/{slug}/events", ShowAsync).AsPublicFunction("ConsoleMeetups");
        console.MapPost("/peer-groups/{slug}/events", ScheduleAsync).AsPublicFunction("ConsoleMeetupSchedule");
        console.MapPost("/peer-groups/{slug}/events/{eventId}/registration", SetRegistrationAsync).AsPublicFunction("ConsoleMeetupRegistration");
        console.MapGet("/peer-groups/{slug}/events/{eventId}", ShowMeetupAsync).AsPublicFunction("ConsoleMeetup");
        foreach (var (form, suffix) in MeetupDetailForm.Forms)
        {
            console.MapPost($"/peer-groups/{{slug}}/events/{{eventId}}/{form}", (string slug, string eventId, HttpContext context, PeerGroupStore groups, MeetupScheduler scheduler, MeetupDetailForm detail, CancellationToken cancellationToken) =>
                PostMeetupAsync(slug, eventId, form, context, groups, scheduler, detail, cancellationToken)).AsPublicFunction("ConsoleMeetup" + suffix);
        }

        console.MapGroup("/peer-groups/{slug}/events").MapMeetupChanges("Console", ConsoleDoorAsync, () => ConsoleForms.NotFound("There is no meet-up at this address."));
    }

    private static MeetupDoor Door(PeerGroup group) => new(group, ForOrganiser: true, ConsoleForms.Actor);

    private static async Task<MeetupDoor?> ConsoleDoorAsync(HttpContext context, string slug, CancellationToken cancellationToken) =>
        await context.RequestServices.GetRequiredService<PeerGroupStore>().FindAsync(slug, cancellationToken) is { } group
            ? Door(group)
            : null;

    private static async Task<IResult> ShowMeetupAsync(
        string slug, string eventId, PeerGroupStore groups, MeetupScheduler scheduler, MeetupDetailForm detail, CancellationToken cancellationToken) =>
        await groups.FindAsync(slug, cancellationToken) is { } group && await scheduler.FindAsync(group, eventId, cancellationToken) is { } meetup
            ? await detail.PageAsync(Door(group), meetup, MeetupDetailState.Saved(null), cancellationToken)
            : ConsoleForms.NotFound("There is no such meet-up in this peer group.");

    private static async Task<IResult> PostMeetupAsync(
        string slug, string eventId, string form, HttpContext context, PeerGroupStore groups, MeetupScheduler scheduler, MeetupDetailForm detail,
        CancellationToken cancellationToken) =>
        await groups.FindAsync(slug, cancellationToken) is { } group && await scheduler.FindAsync(group, eventId, cancellationToken) is { } meetup
            ? await detail.PostAsync(Door(group), meetup, form, context.Request, cancellationToken) ?? ConsoleForms.NotFound("There is no such form.")
            : ConsoleForms.NotFound("There is no such meet-up in this peer group.");

    private static async Task<IResult> ShowAsync(
        string slug, int? scheduled, string? registration, string? title, int? point, string? pack, PeerGroupStore groups, EventStore store, MeetupScheduler scheduler,
        SupportNeedQueries needs, CancellationToken cancellationToken) =>
        await groups.FindAsync(slug, cancellationToken) is { } group
            ? await MeetupForm.PageAsync(group, forOrganiser: true, store, scheduler, needs, scheduled, MeetupForm.Prefill(title, point, pack), null, cancellationToken, registration)
            : ConsoleForms.NotFound("There is no peer group at this address.");

    private static async Task<IResult> SetRegistrationAsync(
        string slug, string eventId, HttpContext context, PeerGroupStore groups, EventStore store, MeetupScheduler scheduler, EventRegistrations registrations,
        SupportNeedQueries needs, CancellationToken cancellationToken)
    {
        if (await groups.FindAsync(slug, cancellationToken) is not { } group)
        {
            return ConsoleForms.NotFound("There is no peer group at this address.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (meetup, errors) = await MeetupForm.SetRegistrationAsync(form, group, eventId, scheduler, registrations, ConsoleForms.Actor, cancellationToken);
        return meetup is null ? ConsoleForms.NotFound("The peer group has no meet-up at this address.")
            : errors.Any ? await MeetupForm.PageAsync(group, forOrganiser: true, store, scheduler, needs, null, null, errors, cancellationToken)
            : TypedResults.Redirect($"/organiser/peer-groups/{group.Slug}/events?registration={(meetup.OpenForRegistration ? "opened" : "closed")}");
    }

    private static async Task<IResult> ScheduleAsync(
        string slug, HttpContext context, PeerGroupStore groups, EventStore store, MeetupScheduler scheduler, SupportNeedQueries needs, CancellationToken cancellationToken)
    {
        if (await groups.FindAsync(slug, cancellationToken) is not { } group)
        {
            return ConsoleForms.NotFound("There is no peer group at this address.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (meetups, submitted, errors) = await MeetupForm.ScheduleAsync(form, group, scheduler, ConsoleForms.Actor, cancellationToken);
        return meetups is not null
            ? TypedResults.Redirect($"/organiser/peer-groups/{group.Slug}/events?scheduled={meetups.Count}")
            : await MeetupForm.PageAsync(group, forOrganiser: true, store, scheduler, needs, null, submitted, errors, cancellationToken);
    }
}
