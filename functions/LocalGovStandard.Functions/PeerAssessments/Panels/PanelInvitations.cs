using System.Globalization;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Signups;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Panels;

/// <summary>
/// Queues the panel's emails on the outbox. Each has a message id the mail ledger sends once (see <see cref="PanelEmails"/>),
/// so queuing again (after a crash, or from the timer's sweep) never sends twice. A member is written to at the address
/// on their contact row, read when the email is built, so the panel never copies it.
/// </summary>
public sealed class PanelInvitations(
    EmailOutbox outbox,
    AssessorPool pool,
    ContactStore contacts,
    PeerAssessmentRequests requests,
    StandardCatalogue standards,
    PanelLinks links,
    TimeProvider clock)
{
    /// <summary>Queues an invitation to every member not yet answering; returns how many were queued.</summary>
    public async Task<int> SendAsync(PeerAssessmentRequestEntity request, CancellationToken cancellationToken)
    {
        if (PanelDay(request) is not { } date)
        {
            return 0;
        }

        var queued = 0;
        foreach (var member in request.Panel().Where(m => m.Status == PanelMemberStatus.Invited))
        {
            if (await AddressAsync(member, cancellationToken) is not { } to)
            {
                continue;
            }

            var token = links.Token(request.PartitionKey, request.Reference, member.RoleId, member.AssessorId, request.PanelDate!);
            var calendar = PanelCalendar.Build(request, member, date, clock.GetUtcNow());
            await outbox.EnqueueAsync(PanelEmails.LedgerPartition,
                PanelEmails.Invitation(request, member, RoleLabel(request, member.RoleId), date, to, links.Accept(token), links.Decline(token), calendar), cancellationToken);
            queued++;
        }

        return queued;
    }

    /// <summary>Queues the reminder <paramref name="daysBefore"/> days ahead to every member who accepted.</summary>
    public async Task<int> RemindAsync(PeerAssessmentRequestEntity request, int daysBefore, CancellationToken cancellationToken)
    {
        if (PanelDay(request) is not { } date)
        {
            return 0;
        }

        var queued = 0;
        foreach (var member in request.Panel().Where(m => m.Status == PanelMemberStatus.Accepted))
        {
            if (await AddressAsync(member, cancellationToken) is { } to)
            {
                await outbox.EnqueueAsync(PanelEmails.LedgerPartition,
                    PanelEmails.Reminder(request, member, RoleLabel(request, member.RoleId), date, daysBefore, to, links.Link("/assessments")), cancellationToken);
                queued++;
            }
        }

        return queued;
    }

    /// <summary>Asks each lead of the council's peer group to choose a replacement for a member who declined.</summary>
    public async Task TellLeadsOfDeclineAsync(PeerAssessmentRequestEntity request, PanelMemberRecord member, CancellationToken cancellationToken)
    {
        if (PanelDay(request) is not { } date || await requests.GroupOfAsync(request.GssCode, request.PartitionKey, cancellationToken) is not { } group)
        {
            return;
        }

        var page = links.Link(PeerAssessmentRequests.LeadHref(group.Slug, request.Reference));
        foreach (var lead in group.Leads)
        {
            await outbox.EnqueueAsync(PanelEmails.LedgerPartition,
                PanelEmails.Declined(request, member, RoleLabel(request, member.RoleId), date, new EmailAddress(lead.Email.Trim(), lead.Name), page), cancellationToken);
        }
    }

    public string RoleLabel(PeerAssessmentRequestEntity request, string roleId) =>
        standards.Find(request.StandardId)?.AssessorRoles.FirstOrDefault(r => r.Id == roleId)?.Label ?? roleId;

    private static DateOnly? PanelDay(PeerAssessmentRequestEntity request) =>
        DateOnly.TryParseExact(request.PanelDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The member's verified address, or null when they have since gone (withdrawn, erased).</summary>
    private async Task<EmailAddress?> AddressAsync(PanelMemberRecord member, CancellationToken cancellationToken) =>
        await pool.FindAsync(member.AssessorId, cancellationToken) is { } assessor
        && await contacts.GetAsync(assessor.PartitionKey, assessor.GssCode, assessor.ContactKey, cancellationToken) is { Status: ContactEntity.Verified } contact
            ? new EmailAddress(contact.ContactEmail, contact.ContactName)
            : null;
}
