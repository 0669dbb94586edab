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
        console.MapGroup("/peer-groups/{slug}/events").MapMeetupChanges("Console", ConsoleDoorAsync, () => ConsoleForms.NotFound("There is no meet-up at this address."));
    }

    private static async Task<MeetupDoor?> ConsoleDoorAsync(HttpContext context, string slug, CancellationToken cancellationToken) =>
        await context.RequestServices.GetRequiredService<PeerGroupStore>().FindAsync(slug, cancellationToken) is { } group
            ? new MeetupDoor(group, ForOrganiser: true, ConsoleForms.Actor)
            : null;

    private static async Task<IResult> ShowAsync(
        string slug, int? scheduled, string? title, int? point, PeerGroupStore groups, EventStore store, MeetupScheduler scheduler, SupportNeedQueries needs, CancellationToken cancellationToken) =>
        await groups.FindAsync(slug, cancellationToken) is { } group
            ? await MeetupForm.PageAsync(group, forOrganiser: true, store, scheduler, needs, scheduled, MeetupForm.Prefill(title, point), null, cancellationToken)
            : ConsoleForms.NotFound("There is no peer group at this address.");

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
