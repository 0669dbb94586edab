using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Events;

/// <summary>The organiser's API for a peer group's meet-ups: schedule (one or a series), list, move, cancel, and invite the group.</summary>
public static class MeetupsApi
{
    private const string Organiser = "organiser";

    public sealed record MoveRequest(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

    public sealed record RegistrationSetting(bool? Open);

    public sealed record ScheduledResponse(IReadOnlyList<MeetupView> Meetups);

    public sealed record ChangedResponse(MeetupView Meetup, NoticeRun Notices);

    public static void MapMeetups(this RouteGroupBuilder admin)
    {
        admin.MapPost("/peer-groups/{slug}/events", ScheduleAsync).AsKeyedFunction("ScheduleMeetups").Accepts<MeetupRequest>("application/json");
        admin.MapGet("/peer-groups/{slug}/events", ListAsync).AsKeyedFunction("ListMeetups");
        admin.MapPost("/peer-groups/{slug}/events/{eventId}/move", MoveAsync).AsKeyedFunction("MoveMeetup").Accepts<MoveRequest>("application/json");
        admin.MapPost("/peer-groups/{slug}/events/{eventId}/cancel", CancelAsync).AsKeyedFunction("CancelMeetup");
        admin.MapPost("/peer-groups/{slug}/events/{eventId}/registration", SetRegistrationAsync).AsKeyedFunction("SetMeetupRegistration")
            .Accepts<RegistrationSetting>("application/json");
        admin.MapPost("/peer-groups/{slug}/events/{eventId}/invitations/send", InviteAsync).AsKeyedFunction("InviteMeetupGroup");
        admin.MapPut("/peer-groups/{slug}/events/{eventId}/pack", UsePackAsync).AsKeyedFunction("SetMeetupPack").Accepts<MeetupPackRequest>("application/json");
        admin.MapAfterEvent();
    }

    private static ProblemHttpResult GroupNotFound() => ApiErrors.Problem(ApiErrors.NotFound, "There is no peer group with that slug.");

    private static ProblemHttpResult MeetupNotFound() => ApiErrors.Problem(ApiErrors.NotFound, "The peer group has no meet-up with that id.");

    private static async Task<Results<Created<ScheduledResponse>, ProblemHttpResult, BodyProblem, ValidationProblem>> ScheduleAsync(
        string slug, HttpRequest request, PeerGroupStore groups, MeetupScheduler scheduler, CancellationToken cancellationToken)
    {
        if (await groups.FindAsync(slug, cancellationToken) is not { } group)
        {
            return GroupNotFound();
        }

        var (body, problem) = await JsonBody.ReadAsync<MeetupRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (meetups, errors) = await scheduler.ScheduleAsync(group, body!, Organiser, cancellationToken);
        return meetups is null
            ? ApiErrors.ValidationProblem(errors.ToDictionary())
            : TypedResults.Created($"/api/admin/peer-groups/{slug}/events", new ScheduledResponse(meetups.Select(MeetupView.From).ToList()));
    }

    private static async Task<Results<Ok<IReadOnlyList<MeetupView>>, ProblemHttpResult>> ListAsync(
        string slug, PeerGroupStore groups, EventStore store, CancellationToken cancellationToken) =>
        await groups.FindAsync(slug, cancellationToken) is { } group
            ? TypedResults.Ok<IReadOnlyList<MeetupView>>((await store.ListGroupWithPlacesAsync(group.Slug, cancellationToken)).Select(MeetupView.From).ToList())
            : GroupNotFound();

    private static async Task<Results<Ok<ChangedResponse>, ProblemHttpResult, BodyProblem, ValidationProblem>> MoveAsync(
        string slug, string eventId, HttpRequest request, PeerGroupStore groups, MeetupScheduler scheduler, CancellationToken cancellationToken)
    {
        if (await groups.FindAsync(slug, cancellationToken) is not { } group)
        {
            return GroupNotFound();
        }

        if (await scheduler.FindAsync(group, eventId, cancellationToken) is not { } meetup)
        {
            return MeetupNotFound();
        }

        var (body, problem) = await JsonBody.ReadAsync<MoveRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (moved, errors) = await scheduler.MoveAsync(meetup, new MeetupMove(body!.StartsAt, body.EndsAt), Organiser, cancellationToken);
        return moved is null
            ? ApiErrors.ValidationProblem(errors.ToDictionary())
            : TypedResults.Ok(new ChangedResponse(MeetupView.From(moved.Meetup), moved.Notices));
    }

    private static async Task<Results<Ok<ChangedResponse>, ProblemHttpResult>> CancelAsync(
        string slug, string eventId, PeerGroupStore groups, MeetupScheduler scheduler, CancellationToken cancellationToken)
    {
        if (await groups.FindAsync(slug, cancellationToken) is not { } group)
        {
            return GroupNotFound();
        }

        if (await scheduler.FindAsync(group, eventId, cancellationToken) is not { } meetup)
        {
            return MeetupNotFound();
        }

        var cancelled = await scheduler.CancelAsync(meetup, null, Organiser, cancellationToken);
        return TypedResults.Ok(new ChangedResponse(MeetupView.From(cancelled.Meetup), cancelled.Notices));
    }

    /// <summary>Opens the meet-up to registration on its public page (ADR 0024), or closes it; places already given are kept.</summary>
    private static async Task<Results<Ok<MeetupView>, ProblemHttpResult, BodyProblem, ValidationProblem>> SetRegistrationAsync(
        string slug, string eventId, HttpRequest request, PeerGroupStore groups, MeetupScheduler scheduler, EventRegistrations registrations,
        CancellationToken cancellationToken)
    {
        if (await groups.FindAsync(slug, cancellationToken) is not { } group)
        {
            return GroupNotFound();
        }

        if (await scheduler.FindAsync(group, eventId, cancellationToken) is not { } meetup)
        {
            return MeetupNotFound();
        }

        var (body, problem) = await JsonBody.ReadAsync<RegistrationSetting>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Open is not { } open)
        {
            return ApiErrors.FieldProblem("open", "Send open: true to open the meet-up to registration, or false to close it");
        }

        var (changed, errors) = await registrations.SetOpenAsync(meetup, open, Organiser, cancellationToken);
        return changed is null ? ApiErrors.ValidationProblem(errors.ToDictionary()) : TypedResults.Ok(MeetupView.From(changed));
    }

    private static async Task<Results<Ok<InvitationsSent>, ProblemHttpResult>> InviteAsync(
        string slug, string eventId, PeerGroupStore groups, MeetupScheduler scheduler, CancellationToken cancellationToken)
    {
        if (await groups.FindAsync(slug, cancellationToken) is not { } group)
        {
            return GroupNotFound();
        }

        if (await scheduler.FindAsync(group, eventId, cancellationToken) is not { CancelledAt: null } meetup)
        {
            return MeetupNotFound();
        }

        return TypedResults.Ok(await scheduler.InviteGroupAsync(group, meetup, Organiser, cancellationToken));
    }

    private static Task<Results<Ok<MeetupView>, ProblemHttpResult, BodyProblem, ValidationProblem>> UsePackAsync(
        string slug, string eventId, HttpRequest request, PeerGroupStore groups, MeetupScheduler scheduler, CancellationToken cancellationToken) =>
        MeetupApiLookup.ChangeAsync<MeetupPackRequest, MeetupView>(slug, eventId, request, groups, scheduler, async (meetup, body) =>
        {
            var (changed, errors) = await scheduler.UsePackAsync(meetup, body.PackId, Organiser, cancellationToken);
            return (changed is null ? null : MeetupView.From(changed), errors);
        }, cancellationToken);
}
