using System.Globalization;
using Azure;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.PeerAssessments.Proposals;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>
/// Confirming, changing and answering a request's panel: one service behind the leads' pages, the console and the admin
/// API. Every write is guarded by the request's ETag, so two leads in two tabs never overwrite each other; the second is
/// told the request changed. Invitations go out after the write; when they cannot all be queued the caller gets a 503,
/// and confirming the same panel again (or the reminders timer) sends the rest, each once.
/// </summary>
public sealed partial class PeerAssessmentPanels(
    PeerAssessmentRequestStore store,
    AssessorPool pool,
    StandardCatalogue standards,
    PanelInvitations invitations,
    PanelSeatIndex seats,
    AuditLog audit,
    TimeProvider clock,
    ILogger<PeerAssessmentPanels> logger)
{
    private const int ConcurrencyRetries = 5;

    /// <summary>Seats on every other request's panel, for the quarterly limit.</summary>
    public async Task<IReadOnlyList<PanelSeat>> OtherSeatsAsync(string reference, CancellationToken cancellationToken) =>
        (await store.AllAsync(cancellationToken))
            .Where(r => r.PanelDate is not null && r.Reference != reference)
            .SelectMany(r => r.SeatedPanel().Select(m => new PanelSeat(m.AssessorId, DateOnly.ParseExact(r.PanelDate!, "yyyy-MM-dd", CultureInfo.InvariantCulture))))
            .ToList();

    /// <param name="expected">The ETag the caller read the request with; null to take the one just read.</param>
    public async Task<PanelResult> ConfirmAsync(PeerAssessmentRequestEntity request, PanelChoice choice, ETag? expected, string actor, CancellationToken cancellationToken)
    {
        if (request.Status == PeerAssessmentRequestEntity.ReportPublished)
        {
            return new PanelResult(PanelOutcome.Closed, request, []);
        }

        if (IsConfirmedAs(request, choice))
        {
            // The same confirmation again (a retry after a 503, a second press, a second tab): nothing to write, whatever
            // ETag it carries; the invitations a failure left behind go now, and the ledger sends none twice.
            await seats.AddSeatedAsync(request, cancellationToken);
            await InviteAsync(request, cancellationToken);
            return new PanelResult(PanelOutcome.Saved, request, []);
        }

        if (expected is { } etag && etag != request.ETag)
        {
            return new PanelResult(PanelOutcome.Changed, request, []);
        }

        var approved = await pool.ApprovedAsync(cancellationToken);
        var (date, chosen, errors) = Validate(request, choice, approved, await OtherSeatsAsync(request.Reference, cancellationToken));
        if (errors.Count > 0)
        {
            return new PanelResult(PanelOutcome.Invalid, request, errors);
        }

        var iso = PanelEmails.Iso(date!.Value);
        var moved = request.PanelDate != iso;
        var panel = new List<PanelMemberRecord>();
        foreach (var old in request.Panel())
        {
            var kept = !moved && old.IsSeated && chosen.Any(c => c.Role.Id == old.RoleId && c.Assessor.AssessorId == old.AssessorId);
            panel.Add(kept || !old.IsSeated ? old : old with { Status = PanelMemberStatus.Removed });
        }

        // Someone asked again (after a decline or a removal) gets a new round, so a new invitation rather than the ledger's old one.
        panel.AddRange(chosen
            .Where(c => !panel.Any(p => p.IsSeated && p.RoleId == c.Role.Id && p.AssessorId == c.Assessor.AssessorId))
            .Select(c => new PanelMemberRecord(c.Role.Id, c.Assessor.AssessorId, c.Assessor.Name, c.Assessor.CouncilCode, c.Assessor.CouncilName, c.Assessor.ContactKey,
                Round: panel.Count(p => p.RoleId == c.Role.Id && p.AssessorId == c.Assessor.AssessorId)))
            .ToList());

        request.SetPanel(panel);
        request.PanelDate = iso;
        request.Status = PeerAssessmentRequestEntity.PanelConfirmed;
        request.PanelConfirmedAt = clock.GetUtcNow();
        await seats.AddSeatedAsync(request, cancellationToken);
        if (!await TryUpdateAsync(request, cancellationToken))
        {
            return new PanelResult(PanelOutcome.Changed, request, []);
        }

        await seats.RemoveUnseatedAsync(request, cancellationToken);

        await audit.WriteAsync(actor, "peer-assessment.panel-confirmed", $"{request.GssCode}/{request.Reference}",
            $"{iso}: {string.Join(", ", request.SeatedPanel().Select(m => $"{m.RoleId} {m.AssessorId}"))}", cancellationToken);
        await InviteAsync(request, cancellationToken);
        return new PanelResult(PanelOutcome.Saved, request, []);
    }

    /// <summary>Takes a member off the panel (status removed); their seat is open for a replacement.</summary>
    public async Task<PanelResult> RemoveAsync(PeerAssessmentRequestEntity request, string? roleId, string? assessorId, ETag? expected, string actor, CancellationToken cancellationToken)
    {
        if (request.Status == PeerAssessmentRequestEntity.ReportPublished)
        {
            return new PanelResult(PanelOutcome.Closed, request, []);
        }

        if (expected is { } etag && etag != request.ETag)
        {
            return new PanelResult(PanelOutcome.Changed, request, []);
        }

        var panel = request.Panel().ToList();
        var index = panel.FindIndex(m => m.IsSeated && m.RoleId == roleId && m.AssessorId == assessorId);
        if (index < 0)
        {
            return new PanelResult(PanelOutcome.Invalid, request, [new PanelError("assessorId", "assessorId", "That person is not on the panel")]);
        }

        panel[index] = panel[index] with { Status = PanelMemberStatus.Removed };
        request.SetPanel(panel);
        if (!await TryUpdateAsync(request, cancellationToken))
        {
            return new PanelResult(PanelOutcome.Changed, request, []);
        }

        await seats.RemoveUnseatedAsync(request, cancellationToken);

        await audit.WriteAsync(actor, "peer-assessment.panel-member-removed", $"{request.GssCode}/{request.Reference}", $"{roleId} {assessorId}", cancellationToken);
        return new PanelResult(PanelOutcome.Saved, request, []);
    }

    /// <summary>A member's answer through their emailed link. A decline tells the peer group's leads, once.</summary>
    public async Task<ResponseOutcome> RespondAsync(PanelLinks.SeatPayload seat, bool accept, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < ConcurrencyRetries; attempt++)
        {
            var request = await store.FindAsync(seat.Region, seat.Reference, cancellationToken);
            var panel = request?.Panel().ToList() ?? [];
            // The seat's latest record: a lead who asks someone again adds a new one (ADR 0022).
            var index = panel.FindLastIndex(m => m.RoleId == seat.RoleId && m.AssessorId == seat.AssessorId);
            if (request is null || index < 0 || request.PanelDate != seat.Date || request.Status != PeerAssessmentRequestEntity.PanelConfirmed)
            {
                return ResponseOutcome.NoLongerOpen;
            }

            if (!accept && panel[index].Status == PanelMemberStatus.Declined)
            {
                // Decline pressed again, perhaps after a fault cut the first short: the leads' emails go now if they did not then.
                await TellLeadsAsync(request, panel[index], cancellationToken);
                return ResponseOutcome.Declined;
            }

            var status = accept ? PanelMemberStatus.Accepted : PanelMemberStatus.Declined;
            if (!panel[index].IsSeated)
            {
                return ResponseOutcome.NoLongerOpen;
            }

            if (panel[index].Status == status)
            {
                return ResponseOutcome.Accepted;
            }

            panel[index] = panel[index] with { Status = status, RespondedAt = clock.GetUtcNow() };
            request.SetPanel(panel);
            if (!await TryUpdateAsync(request, cancellationToken))
            {
                continue;
            }

            await seats.RemoveUnseatedAsync(request, cancellationToken);
            await audit.WriteAsync($"assessor:{seat.AssessorId}", $"peer-assessment.panel-{status}", $"{request.GssCode}/{request.Reference}", seat.RoleId, cancellationToken);
            if (!accept)
            {
                await TellLeadsAsync(request, panel[index], cancellationToken);
            }

            return accept ? ResponseOutcome.Accepted : ResponseOutcome.Declined;
        }

        throw new RequestFailedException(503, "The request kept changing while the answer was being saved.");
    }

    /// <exception cref="UnfinishedException">The panel is saved but not every invitation was queued: a 503 that says so.</exception>
    private async Task InviteAsync(PeerAssessmentRequestEntity request, CancellationToken cancellationToken)
    {
        try
        {
            await invitations.SendAsync(request, cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            LogInvitationsNotQueued(logger, request.Reference, exception.Status);
            throw new UnfinishedException(
                $"The panel is saved, but not every member's invitation could be sent. Confirm the same panel again in {ApiErrors.RetryAfterSeconds} seconds to send the rest: " +
                "nobody is invited twice. If you do not, the daily reminders send them. If it keeps happening, contact the LocalGov Standard team and quote the reference.",
                exception);
        }
    }

    /// <exception cref="UnfinishedException">The decline is saved but the leads' emails were not all queued: a 503 that says so.</exception>
    private async Task TellLeadsAsync(PeerAssessmentRequestEntity request, PanelMemberRecord member, CancellationToken cancellationToken)
    {
        try
        {
            await invitations.TellLeadsOfDeclineAsync(request, member, cancellationToken);
        }
        catch (RequestFailedException exception)
        {
            throw new UnfinishedException(
                $"Your answer is saved, but the peer group's leads could not be told yet. Press the button again in {ApiErrors.RetryAfterSeconds} seconds to tell them: " +
                "they will not be told twice. If it keeps happening, contact the LocalGov Standard team and quote the reference.",
                exception);
        }
    }

    /// <summary>The request's panel is already confirmed for the choice's date with exactly the choice's seats.</summary>
    private static bool IsConfirmedAs(PeerAssessmentRequestEntity request, PanelChoice choice)
    {
        if (request.Status != PeerAssessmentRequestEntity.PanelConfirmed || request.PanelDate is null || choice.Date != request.PanelDate || choice.Members is not { } members)
        {
            return false;
        }

        var seated = request.SeatedPanel().Select(m => (m.RoleId, m.AssessorId)).ToHashSet();
        var chosen = members.Select(m => (m?.RoleId ?? "", m?.AssessorId ?? "")).ToHashSet();
        return members.Count == chosen.Count && chosen.SetEquals(seated);
    }

    private async Task<bool> TryUpdateAsync(PeerAssessmentRequestEntity request, CancellationToken cancellationToken)
    {
        try
        {
            await store.UpdateAsync(request, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return false;
        }
    }

    private (DateOnly? Date, List<(AssessorRole Role, ApprovedAssessor Assessor)> Chosen, List<PanelError> Errors) Validate(
        PeerAssessmentRequestEntity request, PanelChoice choice, IReadOnlyList<ApprovedAssessor> approved, IReadOnlyList<PanelSeat> otherSeats)
    {
        var errors = new List<PanelError>();
        var preferred = request.Dates();
        DateOnly? date = null;
        if (!DateOnly.TryParseExact(choice.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            errors.Add(new PanelError("date", "date", "Choose the panel's date"));
        }
        else if (!preferred.Contains(parsed))
        {
            errors.Add(new PanelError("date", "date", $"Choose one of the council's preferred dates: {string.Join(", ", preferred.Select(PanelDates.Day))}"));
        }
        else
        {
            date = parsed;
        }

        var roles = standards.Find(request.StandardId)?.AssessorRoles ?? [];
        var chosen = new List<(AssessorRole Role, ApprovedAssessor Assessor)>();
        var members = choice.Members ?? [];
        for (var i = 0; i < members.Count; i++)
        {
            var member = members[i];
            var role = roles.FirstOrDefault(r => r.Id == member?.RoleId);
            var field = $"members[{i}]";
            if (role is null)
            {
                errors.Add(new PanelError($"{field}.roleId", "members", $"Member {i + 1}: the role must be one of {string.Join(", ", roles.Select(r => r.Id))}"));
                continue;
            }

            var page = $"role-{role.Id}";
            var assessor = approved.FirstOrDefault(a => a.AssessorId == member!.AssessorId);
            if (chosen.Any(c => c.Role.Id == role.Id))
            {
                errors.Add(new PanelError($"{field}.roleId", page, $"Choose one person as {role.Label.ToLowerInvariant()}, not two"));
            }
            else if (assessor is null)
            {
                errors.Add(new PanelError($"{field}.assessorId", page, $"Choose an approved assessor as {role.Label.ToLowerInvariant()}"));
            }
            else if (chosen.Any(c => c.Assessor.AssessorId == assessor.AssessorId))
            {
                errors.Add(new PanelError($"{field}.assessorId", page, $"{assessor.Name} already has another role on this panel: choose someone else as {role.Label.ToLowerInvariant()}"));
            }
            else if (date is { } day && PanelEligibility.WhyNot(request, role.Id, assessor, day, otherSeats) is { } why)
            {
                errors.Add(new PanelError($"{field}.assessorId", page, $"{assessor.Name} cannot be {role.Label.ToLowerInvariant()}: {why}"));
            }
            else
            {
                chosen.Add((role, assessor));
            }
        }

        foreach (var missing in roles.Where(r => !members.Any(m => m?.RoleId == r.Id)))
        {
            errors.Add(new PanelError("members", $"role-{missing.Id}", $"Choose someone as {missing.Label.ToLowerInvariant()}"));
        }

        return (date, chosen, errors);
    }

    [LoggerMessage(LogLevel.Warning, "Panel invitations for {Reference} were not all queued (storage answered {Status}); a confirmation again or the reminders timer queues them")]
    private static partial void LogInvitationsNotQueued(ILogger logger, string reference, int status);
}
