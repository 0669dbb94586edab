using LocalGovStandard.Events.Pages;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Validation;

namespace LocalGovStandard.Events;

/// <summary>
/// Moving, cancelling and inviting the group to one meet-up, as pages: the same pages and the same <see cref="MeetupScheduler"/>
/// for the lead's door and the console's, which each decide first who may act for the group (<see cref="MeetupDoor"/>).
/// A move goes through a check page; the form carries the meet-up's SEQUENCE as its version, so a move made meanwhile in another
/// tab is shown rather than overwritten. Posting again after a crash sends only the emails not yet sent.
/// </summary>
public static class MeetupChangePages
{
    public static readonly IReadOnlyList<string> MoveFields = [.. UkDateTimeField.InputIds("startsAt"), .. UkDateTimeField.InputIds("endsAt"), "venue", "address"];

    public delegate Task<MeetupDoor?> DoorFinder(HttpContext context, string slug, CancellationToken cancellationToken);

    /// <summary>Maps the pages under <paramref name="events"/> (the group's meet-ups path), naming each function with <paramref name="prefix"/>.</summary>
    public static void MapMeetupChanges(this RouteGroupBuilder events, string prefix, DoorFinder findDoor, Func<IResult> notFound)
    {
        void Map(string method, string pattern, string name, Func<HttpContext, MeetupDoor, EventEntity, MeetupScheduler, CancellationToken, Task<IResult>> page) =>
            events.MapMethods(pattern, [method], async (string slug, string eventId, HttpContext context, MeetupScheduler scheduler, CancellationToken cancellationToken) =>
                await findDoor(context, slug, cancellationToken) is { } door && await scheduler.FindAsync(door.Group, eventId, cancellationToken) is { } meetup
                    ? await page(context, door, meetup, scheduler, cancellationToken)
                    : notFound()).AsPublicFunction(prefix + name);

        Map("GET", "/{eventId}/move", "MeetupMoveForm", (_, door, meetup, _, _) => Task.FromResult<IResult>(MoveForm(door, meetup, CurrentValues(meetup), new FormErrors(), null)));
        Map("POST", "/{eventId}/move", "MeetupMoveCheck", CheckMoveAsync);
        Map("POST", "/{eventId}/move/confirm", "MeetupMove", MoveAsync);
        Map("GET", "/{eventId}/cancel", "MeetupCancelForm", (_, door, meetup, _, _) =>
            Task.FromResult<IResult>(meetup.CancelledAt is null ? CancelForm(door, meetup, null, new FormErrors()) : Cancelled(door, meetup, null)));
        Map("POST", "/{eventId}/cancel", "MeetupCancel", CancelAsync);
        Map("GET", "/{eventId}/invitations", "MeetupInvitations", InvitationsAsync);
        Map("POST", "/{eventId}/invitations", "MeetupInvite", InviteAsync);
    }

    private static async Task<IResult> InvitationsAsync(HttpContext context, MeetupDoor door, EventEntity meetup, MeetupScheduler scheduler, CancellationToken cancellationToken) =>
        meetup.CancelledAt is not null
            ? IsCancelled(meetup)
            : new ComponentParameters<InviteMeetupPage>()
                .Set(p => p.Door, door).Set(p => p.Meetup, meetup).Set(p => p.Preview, await scheduler.PreviewInvitationsAsync(door.Group, meetup, cancellationToken))
                .Result();

    private static async Task<IResult> InviteAsync(HttpContext context, MeetupDoor door, EventEntity meetup, MeetupScheduler scheduler, CancellationToken cancellationToken)
    {
        if (meetup.CancelledAt is not null)
        {
            return IsCancelled(meetup);
        }

        var sent = await scheduler.InviteGroupAsync(door.Group, meetup, door.Actor, cancellationToken);
        return Changed(door, "Invitations sent", $"Each person invited can answer from their email. {meetup.Name} has {MeetupDoor.People(meetup.Capacity, "place", "places")}.",
            "Send the invitations again to send them: nobody gets two.", sent.Run.Sent, sent.Run.AlreadySent, sent.Run.InProgress + sent.Run.Failed);
    }

    private static async Task<IResult> CheckMoveAsync(HttpContext context, MeetupDoor door, EventEntity meetup, MeetupScheduler scheduler, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var values = Values(form);
        if (form["change"].Count > 0)
        {
            return MoveForm(door, meetup, values, new FormErrors(), null);
        }

        var (move, errors) = Read(form, meetup);
        if (move is not null)
        {
            errors = PageErrors(scheduler.CheckMove(meetup, move), form);
        }

        if (move is null || errors.Any)
        {
            return MoveProblem(door, meetup, values, errors);
        }

        return new ComponentParameters<MoveCheckPage>()
            .Set(p => p.Door, door).Set(p => p.Meetup, meetup).Set(p => p.Moved, scheduler.Preview(meetup, move)).Set(p => p.Values, values)
            .Result();
    }

    private static async Task<IResult> MoveAsync(HttpContext context, MeetupDoor door, EventEntity meetup, MeetupScheduler scheduler, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var values = Values(form);
        var (move, errors) = Read(form, meetup);
        if (move is null)
        {
            return MoveProblem(door, meetup, values, errors);
        }

        var (moved, problems) = await scheduler.MoveAsync(meetup, move, door.Actor, cancellationToken);
        if (moved is null)
        {
            return MoveProblem(door, await scheduler.FindAsync(door.Group, meetup.SummitId, cancellationToken) ?? meetup, values, PageErrors(problems, form));
        }

        var notices = moved.Notices;
        return Changed(door, "Meet-up moved", $"{moved.Meetup.Name} is now on {Platform.Email.EmailDates.Span(moved.Meetup.StartsAt, moved.Meetup.EndsAt)}, at {EventEmails.Where(moved.Meetup)}. Everyone with a place keeps it.",
            "Confirm the same move again to send them: nobody gets two.", notices.Sent, notices.AlreadySent, notices.InProgress + notices.Failed);
    }

    private static async Task<IResult> CancelAsync(HttpContext context, MeetupDoor door, EventEntity meetup, MeetupScheduler scheduler, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var reason = form["reason"].ToString();
        var fieldErrors = new FieldErrors();
        var text = meetup.CancelledAt is null ? fieldErrors.OptionalMultilineText("reason", reason, "The reason", CancelMeetupPage.ReasonMaxLength) : meetup.CancelReason;
        if (meetup.CancelledAt is null && string.IsNullOrWhiteSpace(text) && !fieldErrors.Has("reason"))
        {
            fieldErrors.Add("reason", "Enter why the meet-up is cancelled");
        }

        if (!fieldErrors.IsValid)
        {
            return CancelForm(door, meetup, reason, FormErrors.From(fieldErrors.ToDictionary(), ["reason"]));
        }

        var cancelled = await scheduler.CancelAsync(meetup, text, door.Actor, cancellationToken);
        return Cancelled(door, cancelled.Meetup, cancelled.Notices);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult Cancelled(MeetupDoor door, EventEntity meetup, NoticeRun? notices) =>
        Changed(door, "Meet-up cancelled", $"{meetup.Name} is cancelled{(string.IsNullOrEmpty(meetup.CancelReason) ? "" : $": {meetup.CancelReason}")}. Nobody can take a place now.",
            "Cancel it again to send them: nobody gets two.", notices?.Sent ?? 0, notices?.AlreadySent ?? 0, (notices?.InProgress ?? 0) + (notices?.Failed ?? 0));

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult Changed(MeetupDoor door, string heading, string what, string retry, int sent, int alreadySent, int unfinished) =>
        new ComponentParameters<MeetupChangedPage>()
            .Set(p => p.Door, door).Set(p => p.Heading, heading).Set(p => p.What, what).Set(p => p.Retry, retry)
            .Set(p => p.Sent, sent).Set(p => p.AlreadySent, alreadySent).Set(p => p.Unfinished, unfinished)
            .Result();

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult IsCancelled(EventEntity meetup) =>
        new ComponentParameters<ErrorPage>()
            .Set(p => p.Heading, $"{meetup.Name} is cancelled")
            .Set(p => p.Detail, "A cancelled meet-up cannot be moved and nobody can be invited to it.")
            .Result(StatusCodes.Status409Conflict);

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult CancelForm(MeetupDoor door, EventEntity meetup, string? reason, FormErrors errors) =>
        new ComponentParameters<CancelMeetupPage>()
            .Set(p => p.Door, door).Set(p => p.Meetup, meetup).Set(p => p.Reason, reason).Set(p => p.Errors, errors)
            .Result(errors.Any ? StatusCodes.Status400BadRequest : null);

    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult MoveForm(MeetupDoor door, EventEntity meetup, IReadOnlyDictionary<string, string> values, FormErrors errors, int? status) =>
        meetup.CancelledAt is not null
            ? IsCancelled(meetup)
            : new ComponentParameters<MoveMeetupPage>()
                .Set(p => p.Door, door).Set(p => p.Meetup, meetup).Set(p => p.Values, values).Set(p => p.Errors, errors)
                .Result(status);

    /// <summary>A move that changed meanwhile shows the meet-up as it is now, with its new version (409); other errors keep what was typed (400).</summary>
    private static Microsoft.AspNetCore.Http.HttpResults.RazorComponentResult MoveProblem(MeetupDoor door, EventEntity meetup, Dictionary<string, string> values, FormErrors errors)
    {
        if (errors.For(VersionField) is null)
        {
            return MoveForm(door, meetup, values, errors, StatusCodes.Status400BadRequest);
        }

        var current = CurrentValues(meetup);
        var message = errors.For(VersionField)!;
        var shown = new FormErrors();
        shown.Add("startsAt-day", message);
        return MoveForm(door, meetup, current, shown, StatusCodes.Status409Conflict);
    }

    private const string VersionField = "version";

    private static (MeetupMove? Move, FormErrors Errors) Read(IFormCollection form, EventEntity meetup)
    {
        var errors = new FormErrors();
        var starts = UkDateTimeField.FromForm(form, "startsAt");
        var ends = UkDateTimeField.FromForm(form, "endsAt");
        var startsAt = starts.Read("date", "start time", errors);
        var endsAt = ends.IsEmpty ? null : ends.Read("end date", "end time", errors);
        if (!int.TryParse(form["version"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            errors.Add(VersionField, "This page is out of date. Check when and where the meet-up is now, and move it again if you still need to");
        }

        return errors.Any ? (null, errors) : (new MeetupMove(startsAt, endsAt, form["venue"].ToString(), form["address"].ToString(), version), errors);
    }

    /// <summary>The scheduler's errors keyed by the inputs to fix; "version" is kept for <see cref="MoveProblem"/>.</summary>
    private static FormErrors PageErrors(FieldErrors errors, IFormCollection form)
    {
        var starts = UkDateTimeField.FromForm(form, "startsAt");
        var ends = UkDateTimeField.FromForm(form, "endsAt");
        return FormErrors.From(
            errors.ToDictionary().Select(e => KeyValuePair.Create(e.Key switch { "startsAt" => starts.DateInputId, "endsAt" => ends.DateInputId, _ => e.Key }, e.Value)),
            [VersionField, .. MoveFields]);
    }

    private static Dictionary<string, string> Values(IFormCollection form) =>
        MoveFields.Append(VersionField).ToDictionary(f => f, f => form[f].ToString(), StringComparer.Ordinal);

    private static Dictionary<string, string> CurrentValues(EventEntity meetup)
    {
        // The end is left empty, so moving only the start keeps the meet-up's length.
        var starts = Platform.UkTime.ToUk(meetup.StartsAt);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["startsAt-day"] = starts.Day.ToString(culture), ["startsAt-month"] = starts.Month.ToString(culture), ["startsAt-year"] = starts.Year.ToString(culture),
            ["startsAt-time"] = starts.ToString("HH:mm", culture),
            ["venue"] = meetup.Venue, ["address"] = meetup.Address, [VersionField] = meetup.Sequence.ToString(culture),
        };
    }
}
