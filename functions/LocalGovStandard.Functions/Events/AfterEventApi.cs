using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Events;

/// <summary>The organiser's API for after a meet-up: its attendance (read, and record or replace) and the follow-up email.</summary>
public static class AfterEventApi
{
    private const string Organiser = "organiser";

    public static void MapAfterEvent(this RouteGroupBuilder admin)
    {
        admin.MapGet("/peer-groups/{slug}/events/{eventId}/attendance", ShowAsync).AsKeyedFunction("MeetupAttendance");
        admin.MapPut("/peer-groups/{slug}/events/{eventId}/attendance", RecordAsync).AsKeyedFunction("RecordMeetupAttendance").Accepts<AttendanceRequest>("application/json");
        admin.MapPost("/peer-groups/{slug}/events/{eventId}/follow-up", FollowUpAsync).AsKeyedFunction("SendMeetupFollowUp").Accepts<FollowUpRequest>("application/json");
    }

    private static async Task<Results<Ok<AttendanceView>, ProblemHttpResult>> ShowAsync(
        string slug, string eventId, PeerGroupStore groups, MeetupScheduler scheduler, AttendanceRecorder attendance, CancellationToken cancellationToken)
    {
        var found = await MeetupApiLookup.FindAsync(slug, eventId, groups, scheduler, cancellationToken);
        return found.Meetup is { } meetup ? TypedResults.Ok(await attendance.ViewAsync(meetup, cancellationToken)) : found.NotFound();
    }

    private static Task<Results<Ok<AttendanceView>, ProblemHttpResult, BodyProblem, ValidationProblem>> RecordAsync(
        string slug, string eventId, HttpRequest request, PeerGroupStore groups, MeetupScheduler scheduler, AttendanceRecorder attendance, CancellationToken cancellationToken) =>
        MeetupApiLookup.ChangeAsync<AttendanceRequest, AttendanceView>(slug, eventId, request, groups, scheduler,
            (meetup, body) => attendance.RecordAsync(meetup, body, Organiser, cancellationToken), cancellationToken);

    private static Task<Results<Ok<FollowUpRun>, ProblemHttpResult, BodyProblem, ValidationProblem>> FollowUpAsync(
        string slug, string eventId, HttpRequest request, PeerGroupStore groups, MeetupScheduler scheduler, FollowUpSender followUps, CancellationToken cancellationToken) =>
        MeetupApiLookup.ChangeAsync<FollowUpRequest, FollowUpRun>(slug, eventId, request, groups, scheduler,
            (meetup, body) => followUps.SendAsync(meetup, body.Message, Organiser, cancellationToken), cancellationToken);
}

/// <summary>A peer group's meet-up named by an API route, or the 404 that says which of the two is missing.</summary>
public sealed record MeetupApiLookup(EventEntity? Meetup, string Missing)
{
    public static async Task<MeetupApiLookup> FindAsync(string slug, string eventId, PeerGroupStore groups, MeetupScheduler scheduler, CancellationToken cancellationToken)
    {
        if (await groups.FindAsync(slug, cancellationToken) is not { } group)
        {
            return new(null, "There is no peer group with that slug.");
        }

        return await scheduler.FindAsync(group, eventId, cancellationToken) is { } meetup
            ? new(meetup, "")
            : new(null, "The peer group has no meet-up with that id.");
    }

    public ProblemHttpResult NotFound() => ApiErrors.Problem(ApiErrors.NotFound, Missing);

    /// <summary>Finds the meet-up, reads the JSON body and makes the change: 404, the body's problem, 400 naming the fields, or 200 with the result.</summary>
    public static async Task<Results<Ok<TResult>, ProblemHttpResult, BodyProblem, ValidationProblem>> ChangeAsync<TBody, TResult>(
        string slug, string eventId, HttpRequest request, PeerGroupStore groups, MeetupScheduler scheduler,
        Func<EventEntity, TBody, Task<(TResult? Result, FieldErrors Errors)>> change, CancellationToken cancellationToken)
        where TBody : class
        where TResult : class
    {
        var found = await FindAsync(slug, eventId, groups, scheduler, cancellationToken);
        if (found.Meetup is not { } meetup)
        {
            return found.NotFound();
        }

        var (body, problem) = await JsonBody.ReadAsync<TBody>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (result, errors) = await change(meetup, body!);
        return result is null ? ApiErrors.ValidationProblem(errors.ToDictionary()) : TypedResults.Ok(result);
    }
}
