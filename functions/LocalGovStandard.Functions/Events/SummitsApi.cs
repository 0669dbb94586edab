using System.Globalization;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Privacy;
using LocalGovStandard.Platform.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LocalGovStandard.Events;

/// <summary>Standard Summits: the organiser API, invitations, reminders, RSVP pages, unsubscribe and the export.</summary>
public static class SummitsApi
{
    private const string Organiser = "organiser";

    public static IServiceCollection AddSummits(this IServiceCollection services)
    {
        services.AddSingleton<EventStore>();
        services.AddSingleton<SuppressionList>();
        services.AddSingleton<EventLinks>();
        services.AddSingleton<InviteeSelector>();
        services.AddSingleton<EventSender>();
        services.AddSingleton<RsvpService>();
        services.AddPersonalDataHolder<EventPersonalData>();
        services.AddSingleton<AttendeeNotices>();
        services.AddSingleton<MeetupScheduler>();
        services.AddSingleton<RegistrationRules>();
        services.AddSingleton<EventRegistrations>();
        services.AddSingleton<AttendanceRecorder>();
        services.AddSingleton<FollowUpSender>();
        services.AddSingleton<MeetupDetailForm>();
        services.AddSingleton<AttendanceQueries>();
        services.AddSingleton<IExpiredDataPurge, ExpiredRegistrationsPurge>();
        services.AddSingleton<EventKindMigration>();
        services.AddHostedService(provider => provider.GetRequiredService<EventKindMigration>());
        return services;
    }

    public static void MapSummits(this IEndpointRouteBuilder app, RouteGroupBuilder admin)
    {
        admin.MapPost("/summits", CreateAsync).AsKeyedFunction("CreateSummit").Accepts<SummitRequest>("application/json");
        admin.MapGet("/summits", ListAsync).AsKeyedFunction("ListSummits");
        admin.MapGet("/summits/{summitId}/invitees", PreviewAsync).AsKeyedFunction("PreviewSummitInvitees");
        admin.MapPost("/summits/{summitId}/invitations/send", SendAsync).AsKeyedFunction("SendSummitInvitations");
        admin.MapGet("/summits/{summitId}/invitations", InvitationsAsync).AsKeyedFunction("ListSummitInvitations");
        admin.MapPost("/summits/{summitId}/reminders/send", RemindAsync).AsKeyedFunction("SendSummitReminders");
        admin.MapGet("/summits/{summitId}/attendees", ExportAsync).AsKeyedFunction("ExportSummitAttendees");
        admin.MapGet("/summits/{summitId}/attendees.xlsx", ExportWorkbookAsync).AsKeyedFunction("ExportSummitWorkbook");
        admin.MapMeetups();
        app.MapEventPages();
        app.MapLeadMeetupPages();
        app.MapPublicEventPages();
    }

    public sealed record SummitResponse(
        string Id, string Name, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Venue, string Address, int Capacity,
        DateTimeOffset RsvpBy, string Description, DateTimeOffset CreatedAt)
    {
        public static SummitResponse From(EventEntity s) =>
            new(s.SummitId, s.Name, s.StartsAt, s.EndsAt, s.Venue, s.Address, s.Capacity, s.RsvpBy, s.Description, s.CreatedAt);
    }

    public sealed record InviteePreview(
        string InvitationId, string CouncilCode, string CouncilName, string ContactName, string ContactEmail,
        DateTimeOffset VerifiedAt, int? SubmittedAssessments, string Reason);

    public sealed record PreviewResponse(string SummitId, int Count, IReadOnlyList<InviteePreview> Invitees);

    public sealed record SendResponse(SendRun Run, InvitationCounts Counts);

    private static async Task<Results<Ok<EventExport.AttendeeLists>, ProblemHttpResult>> ExportAsync(
        string summitId, EventStore store, AuditLog audit, CancellationToken cancellationToken) =>
        await EventExport.ExportAsync(store, audit, summitId, "json", Organiser, cancellationToken) is { } export
            ? TypedResults.Ok(export.Lists)
            : SummitNotFound();

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportWorkbookAsync(
        string summitId, EventStore store, AuditLog audit, CancellationToken cancellationToken) =>
        await EventExport.ExportAsync(store, audit, summitId, "xlsx", Organiser, cancellationToken) is { } export
            ? TypedResults.File(EventExport.Workbook(export.Lists), EventExport.WorkbookContentType, EventExport.FileName(export.Summit, "xlsx"))
            : SummitNotFound();

    private static ProblemHttpResult SummitNotFound() =>
        ApiErrors.Problem(ApiErrors.NotFound, "There is no summit with that id.");

    private static async Task<Results<Created<SummitResponse>, BodyProblem, ValidationProblem>> CreateAsync(HttpRequest request, EventStore store, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<SummitRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (valid, errors) = SummitValidator.Validate(body!, clock.GetUtcNow());
        if (valid is null)
        {
            return ApiErrors.ValidationProblem(errors.ToDictionary());
        }

        var summit = await store.CreateAsync(valid, cancellationToken);
        await audit.WriteAsync(Organiser, "summit.created", summit.SummitId, cancellationToken: CancellationToken.None);
        return TypedResults.Created($"/api/admin/summits/{summit.SummitId}", SummitResponse.From(summit));
    }

    private static async Task<Ok<IReadOnlyList<SummitResponse>>> ListAsync(EventStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<SummitResponse>>((await store.ListAsync(cancellationToken)).Select(SummitResponse.From).ToList());

    /// <param name="peerGroups">From the query string, named so: the Request Delegate Generator would otherwise read an array from the body.</param>
    private static async Task<Results<Ok<PreviewResponse>, ProblemHttpResult, ValidationProblem>> PreviewAsync(
        string summitId, string? verifiedOnOrBefore, string? minSubmittedAssessments, [FromQuery] string[]? peerGroups,
        EventStore store, PeerGroupStore groups, InviteeSelector selector, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(summitId, cancellationToken) is null)
        {
            return SummitNotFound();
        }

        int? minimum = null;
        if (!string.IsNullOrWhiteSpace(minSubmittedAssessments))
        {
            if (!int.TryParse(minSubmittedAssessments, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return ApiErrors.FieldProblem("minSubmittedAssessments", "minSubmittedAssessments must be a whole number");
            }

            minimum = parsed;
        }

        var (criteria, errors) = await InviteeCriteria.ValidateAsync(new InviteeCriteriaRequest(verifiedOnOrBefore, minimum, peerGroups), groups, cancellationToken);
        if (criteria is null)
        {
            return ApiErrors.ValidationProblem(errors.ToDictionary());
        }

        var invitees = await selector.SelectAsync(criteria, cancellationToken);
        return TypedResults.Ok(new PreviewResponse(summitId, invitees.Count, invitees.Select(i => new InviteePreview(
            i.InvitationId, i.GssCode, i.CouncilName, i.ContactName, i.ContactEmail, i.VerifiedAt,
            criteria.MinSubmittedAssessments is null ? null : i.SubmittedAssessments, i.Reason)).ToList()));
    }

    /// <summary>
    /// Starts or resumes the send. With criteria in the body, the invitees they select are recorded
    /// first (anyone already recorded keeps their row); without a body, the recorded invitees are
    /// sent to. Either way only invitations not yet confirmed sent go out.
    /// </summary>
    private static async Task<Results<Ok<SendResponse>, ProblemHttpResult, BodyProblem, ValidationProblem>> SendAsync(
        string summitId, HttpRequest request, EventStore store, PeerGroupStore groups, InviteeSelector selector, EventSender sender,
        CancellationToken cancellationToken)
    {
        var summit = await store.FindAsync(summitId, cancellationToken);
        if (summit is null)
        {
            return SummitNotFound();
        }

        IReadOnlyList<Invitee>? invitees = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync<InviteeCriteriaRequest>(request, cancellationToken);
            if (problem is not null)
            {
                return problem;
            }

            var (criteria, errors) = await InviteeCriteria.ValidateAsync(body!, groups, cancellationToken);
            if (criteria is null)
            {
                return ApiErrors.ValidationProblem(errors.ToDictionary());
            }

            invitees = await selector.SelectAsync(criteria, cancellationToken);
        }
        else if ((await store.InvitationsAsync(summitId, cancellationToken)).Count == 0)
        {
            return ApiErrors.FieldProblem("verifiedOnOrBefore", "Nobody has been invited yet: send the criteria (as for the preview) in the body to choose the invitees.");
        }

        var sent = await sender.SendInvitationsAsync(summit, invitees, Organiser, cancellationToken);
        return TypedResults.Ok(new SendResponse(sent.Run, sent.Counts));
    }

    private static async Task<Results<Ok<InvitationStatus>, ProblemHttpResult>> InvitationsAsync(
        string summitId, EventStore store, EventSender sender, CancellationToken cancellationToken) =>
        await store.FindAsync(summitId, cancellationToken) is { } summit
            ? TypedResults.Ok(await sender.StatusAsync(summit, cancellationToken))
            : SummitNotFound();

    private static async Task<Results<Ok<SendResponse>, ProblemHttpResult, BodyProblem, ValidationProblem>> RemindAsync(string summitId, HttpRequest request, EventStore store, EventSender sender, TimeProvider clock, CancellationToken cancellationToken)
    {
        var summit = await store.FindAsync(summitId, cancellationToken);
        if (summit is null)
        {
            return SummitNotFound();
        }

        var (body, problem) = await JsonBody.ReadAsync<ReminderRequest>(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (EventSender.ReminderProblem(summit, body!.Round, clock.GetUtcNow()) is { } reminderProblem)
        {
            return ApiErrors.FieldProblem("round", reminderProblem);
        }

        var run = await sender.SendRemindersAsync(summit, body.Round!.Value, Organiser, cancellationToken);
        var status = await sender.StatusAsync(summit, cancellationToken);
        return TypedResults.Ok(new SendResponse(run, status.Counts));
    }
}
