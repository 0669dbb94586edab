using System.Globalization;
using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace LocalGovStandard.Organiser;

/// <summary>Summits: create, preview invitees, send, and follow invitations and answers, with the API's validator, selector and sender.</summary>
public static class SummitEndpoints
{
    private static readonly IReadOnlyList<string> FormFields =
    [
        "name", .. UkDateTimeField.InputIds("startsAt"), .. UkDateTimeField.InputIds("endsAt"), "venue", "address", "capacity", .. UkDateTimeField.InputIds("rsvpBy"), "description",
    ];
    private static readonly IReadOnlyList<string> CriteriaFields = ["verifiedOnOrBefore", "minSubmittedAssessments", "peerGroups"];

    public static void MapConsoleSummits(this RouteGroupBuilder console)
    {
        console.MapGet("/summits", async (EventStore store, CancellationToken cancellationToken) =>
            new ComponentParameters<SummitsPage>().Set(p => p.Summits, await store.ListAsync(cancellationToken)).Result()).AsPublicFunction("ConsoleSummits");
        console.MapGet("/summits/new", () => new ComponentParameters<NewSummitPage>().Result()).AsPublicFunction("ConsoleSummitNew");
        console.MapPost("/summits", CreateAsync).AsPublicFunction("ConsoleSummitCreate");
        console.MapGet("/summits/{summitId}", ShowAsync).AsPublicFunction("ConsoleSummit");
        console.MapGet("/summits/{summitId}/send", CheckSendAsync).AsPublicFunction("ConsoleSummitSendCheck");
        console.MapPost("/summits/{summitId}/send", SendAsync).AsPublicFunction("ConsoleSummitSend");
        console.MapGet("/summits/{summitId}/reminders", CheckRemindAsync).AsPublicFunction("ConsoleSummitRemindCheck");
        console.MapPost("/summits/{summitId}/reminders", RemindAsync).AsPublicFunction("ConsoleSummitRemind");
        console.MapGet("/summits/{summitId}/attendees.xlsx", ExportWorkbookAsync).AsPublicFunction("ConsoleSummitWorkbook");
        console.MapGet("/summits/{summitId}/attendees.json", ExportAsync).AsPublicFunction("ConsoleSummitAttendees");
    }

    private static async Task<IResult> ExportWorkbookAsync(string summitId, EventStore store, AuditLog audit, CancellationToken cancellationToken) =>
        await EventExport.ExportAsync(store, audit, summitId, "xlsx", ConsoleForms.Actor, cancellationToken) is { } export
            ? TypedResults.File(EventExport.Workbook(export.Lists), EventExport.WorkbookContentType, EventExport.FileName(export.Summit, "xlsx"))
            : ConsoleForms.NotFound("There is no such summit.");

    /// <summary>The lists as a JSON file named after the summit.</summary>
    private static async Task<IResult> ExportAsync(string summitId, HttpResponse response, EventStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await EventExport.ExportAsync(store, audit, summitId, "json", ConsoleForms.Actor, cancellationToken) is not { } export)
        {
            return ConsoleForms.NotFound("There is no such summit.");
        }

        var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(EventExport.FileName(export.Summit, "json"));
        response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.Ok(export.Lists);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, EventStore store, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var values = FormFields.ToDictionary(f => f, f => form[f].ToString());
        var formErrors = new FormErrors();
        var starts = UkDateTimeField.FromForm(form, "startsAt");
        var ends = UkDateTimeField.FromForm(form, "endsAt");
        var rsvpBy = UkDateTimeField.FromForm(form, "rsvpBy");
        var request = new SummitRequest(
            values["name"], starts.Read("start date", "start time", formErrors), ends.IsEmpty ? null : ends.Read("end date", "end time", formErrors), values["venue"], values["address"],
            Capacity(values["capacity"], formErrors), rsvpBy.Read("date answers are needed by", "time answers are needed by", formErrors), values["description"]);
        var (valid, errors) = SummitValidator.Validate(request, clock.GetUtcNow());

        // The validator's say on a time goes to its date input, unless the form already found a problem there.
        var times = new[] { starts, ends, rsvpBy };
        var all = formErrors.All.Select(e => KeyValuePair.Create(e.Key, new[] { e.Value })).Concat(errors.ToDictionary()
            .Where(e => times.All(t => t.Name != e.Key || !UkDateTimeField.InputIds(t.Name).Any(id => formErrors.For(id) is not null)))
            .Select(e => KeyValuePair.Create(times.FirstOrDefault(t => t.Name == e.Key)?.DateInputId ?? e.Key, e.Value)));
        if (valid is null || formErrors.Any)
        {
            return new ComponentParameters<NewSummitPage>()
                .Set(p => p.Values, values)
                .Set(p => p.Errors, FormErrors.From(all, FormFields))
                .Result(StatusCodes.Status400BadRequest);
        }

        var summit = await store.CreateAsync(valid, cancellationToken);
        await audit.WriteAsync(ConsoleForms.Actor, "summit.created", summit.SummitId, cancellationToken: CancellationToken.None);
        return TypedResults.Redirect($"/organiser/summits/{summit.SummitId}");
    }

    /// <summary>The summit's status; with criteria in the query, also who they select (nothing is recorded or sent).</summary>
    private static async Task<IResult> ShowAsync(
        string summitId, HttpRequest request, EventStore store, EventSender sender, PeerGroupStore peerGroups, InviteeSelector selector, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var summit = await store.FindAsync(summitId, cancellationToken);
        if (summit is null)
        {
            return ConsoleForms.NotFound("There is no summit at this address.");
        }

        var criteria = CriteriaFrom(request.Query);
        IReadOnlyList<Invitee>? invitees = null;
        var errors = new FormErrors();
        if (request.Query.ContainsKey("verifiedOnOrBefore"))
        {
            (invitees, errors) = await SelectAsync(criteria, request.Query["minSubmittedAssessments"], peerGroups, selector, cancellationToken);
        }

        return await PageAsync(summit, criteria, invitees, null, errors, sender, peerGroups, clock, cancellationToken);
    }

    /// <summary>Check before sending invitations: the summit, how many the send would email and a few of them. Nothing is recorded or sent.</summary>
    private static async Task<IResult> CheckSendAsync(
        string summitId, HttpRequest request, EventStore store, EventSender sender, PeerGroupStore peerGroups,
        InviteeSelector selector, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(summitId, cancellationToken) is not { } summit)
        {
            return ConsoleForms.NotFound("There is no summit at this address.");
        }

        if (request.Query.Count == 0)
        {
            // Opened without a preview's choices (the address bar after a send, a bookmark): the summit's page asks for them.
            return TypedResults.Redirect($"/organiser/summits/{Uri.EscapeDataString(summitId)}");
        }

        var criteria = CriteriaFrom(request.Query);
        var (invitees, errors) = await SelectAsync(criteria, request.Query["minSubmittedAssessments"], peerGroups, selector, cancellationToken);
        if (invitees is null)
        {
            return await PageAsync(summit, criteria, null, null, errors, sender, peerGroups, clock, cancellationToken);
        }

        var hidden = new List<KeyValuePair<string, string?>>
        {
            new("verifiedOnOrBefore", criteria.VerifiedOnOrBefore),
            new("minSubmittedAssessments", criteria.MinSubmittedAssessments?.ToString(CultureInfo.InvariantCulture)),
        };
        hidden.AddRange((criteria.PeerGroups ?? []).Select(g => new KeyValuePair<string, string?>("peerGroups", g)));
        return new ComponentParameters<SendCheckPage>()
            .Set(p => p.Summit, summit)
            .Set(p => p.What, "invitations")
            .Set(p => p.Preview, await sender.PreviewInvitationsAsync(summit, invitees, cancellationToken))
            .Set(p => p.Action, $"/organiser/summits/{summit.SummitId}/send")
            .Set(p => p.Hidden, hidden)
            .Set(p => p.ChangeHref, $"/organiser/summits/{summit.SummitId}{request.QueryString}#preview")
            .Result();
    }

    /// <summary>Check before sending a reminder round: how many it would email and a few of them. Nothing is sent.</summary>
    private static async Task<IResult> CheckRemindAsync(
        string summitId, HttpRequest request, EventStore store, EventSender sender, PeerGroupStore peerGroups, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(summitId, cancellationToken) is not { } summit)
        {
            return ConsoleForms.NotFound("There is no summit at this address.");
        }

        var round = Round(request.Query["round"]);
        if (EventSender.ReminderProblem(summit, round, clock.GetUtcNow()) is { } problem)
        {
            return await RoundProblemAsync(summit, problem, sender, peerGroups, clock, cancellationToken);
        }

        return new ComponentParameters<SendCheckPage>()
            .Set(p => p.Summit, summit)
            .Set(p => p.What, $"reminder round {round}")
            .Set(p => p.Preview, await sender.PreviewRemindersAsync(summit, round!.Value, cancellationToken))
            .Set(p => p.Action, $"/organiser/summits/{summit.SummitId}/reminders")
            .Set(p => p.Hidden, new List<KeyValuePair<string, string?>> { new("round", round.Value.ToString(CultureInfo.InvariantCulture)) })
            .Set(p => p.ChangeHref, $"/organiser/summits/{summit.SummitId}#reminders")
            .Result();
    }

    private static async Task<IResult> SendAsync(
        string summitId, HttpContext context, EventStore store, EventSender sender, PeerGroupStore peerGroups,
        InviteeSelector selector, TimeProvider clock, CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (await store.FindAsync(summitId, cancellationToken) is not { } summit)
        {
            return ConsoleForms.NotFound("There is no summit at this address.");
        }

        var criteria = CriteriaFrom(form);
        var (invitees, errors) = await SelectAsync(criteria, form["minSubmittedAssessments"], peerGroups, selector, cancellationToken);
        if (invitees is null)
        {
            return await PageAsync(summit, criteria, null, null, errors, sender, peerGroups, clock, cancellationToken);
        }

        var sent = await sender.SendInvitationsAsync(summit, invitees, ConsoleForms.Actor, cancellationToken);
        return await PageAsync(summit, criteria, null, new SummitPage.Sent("Invitations", sent.Run), errors, sender, peerGroups, clock, cancellationToken);
    }

    /// <summary>The next reminder round, to everyone invited who has not answered. The round is in the form, so a second click cannot send another.</summary>
    private static async Task<IResult> RemindAsync(
        string summitId, HttpContext context, EventStore store, EventSender sender, PeerGroupStore peerGroups, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (await store.FindAsync(summitId, cancellationToken) is not { } summit)
        {
            return ConsoleForms.NotFound("There is no summit at this address.");
        }

        var round = Round(form["round"]);
        if (EventSender.ReminderProblem(summit, round, clock.GetUtcNow()) is { } problem)
        {
            return await RoundProblemAsync(summit, problem, sender, peerGroups, clock, cancellationToken);
        }

        var run = await sender.SendRemindersAsync(summit, round!.Value, ConsoleForms.Actor, cancellationToken);
        return await PageAsync(summit, new InviteeCriteriaRequest(null, null, null), null, new SummitPage.Sent($"Reminders (round {round})", run), new FormErrors(), sender, peerGroups, clock, cancellationToken);
    }

    private static int? Round(StringValues text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private static async Task<IResult> RoundProblemAsync(
        EventEntity summit, string problem, EventSender sender, PeerGroupStore peerGroups, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FormErrors();
        errors.Add("round", problem);
        return await PageAsync(summit, new InviteeCriteriaRequest(null, null, null), null, null, errors, sender, peerGroups, clock, cancellationToken);
    }

    private static InviteeCriteriaRequest CriteriaFrom(IEnumerable<KeyValuePair<string, StringValues>> values)
    {
        var fields = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var minimum = int.TryParse(fields.GetValueOrDefault("minSubmittedAssessments"), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
        return new InviteeCriteriaRequest(fields.GetValueOrDefault("verifiedOnOrBefore"), minimum, fields.GetValueOrDefault("peerGroups").OfType<string>().ToList());
    }

    private static async Task<(IReadOnlyList<Invitee>? Invitees, FormErrors Errors)> SelectAsync(
        InviteeCriteriaRequest request, StringValues minimumText, PeerGroupStore peerGroups, InviteeSelector selector, CancellationToken cancellationToken)
    {
        var (criteria, errors) = await InviteeCriteria.ValidateAsync(request, peerGroups, cancellationToken);
        if (!string.IsNullOrWhiteSpace(minimumText) && request.MinSubmittedAssessments is null)
        {
            errors.Add("minSubmittedAssessments", "Enter the number of submitted assessments as a whole number, like 1");
        }

        return criteria is null || !errors.IsValid
            ? (null, FormErrors.From(errors.ToDictionary(), CriteriaFields))
            : (await selector.SelectAsync(criteria, cancellationToken), new FormErrors());
    }

    private static async Task<IResult> PageAsync(
        EventEntity summit, InviteeCriteriaRequest criteria, IReadOnlyList<Invitee>? invitees, SummitPage.Sent? run, FormErrors errors,
        EventSender sender, PeerGroupStore peerGroups, TimeProvider clock, CancellationToken cancellationToken) =>
        new ComponentParameters<SummitPage>()
            .Set(p => p.Summit, summit)
            .Set(p => p.Status, await sender.StatusAsync(summit, cancellationToken))
            .Set(
                p => p.NextReminderRound,
                await sender.NextReminderRoundAsync(summit, cancellationToken) is { } round
                    ? new SummitPage.Reminder(round, (await sender.PreviewRemindersAsync(summit, round, cancellationToken)).Recipients.Count)
                    : null)
            .Set(p => p.AnswersOpen, clock.GetUtcNow() <= summit.RsvpBy)
            .Set(p => p.Criteria, criteria)
            .Set(p => p.Invitees, invitees)
            .Set(p => p.Run, run)
            .Set(p => p.PeerGroups, (await peerGroups.AllAsync(cancellationToken)).Select(g => new Choice(g.Slug, g.Name)).ToList())
            .Set(p => p.Errors, errors)
            .Result(errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);

    private static int? Capacity(string text, FormErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var capacity))
        {
            return capacity;
        }

        errors.Add("capacity", "Enter the number of places as a whole number, like 120");
        return null;
    }
}
