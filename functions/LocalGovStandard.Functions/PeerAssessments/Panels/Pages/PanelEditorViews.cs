using System.Globalization;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.PeerAssessments.Proposals;
using LocalGovStandard.PeerAssessments.Requests;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Panels.Pages;

/// <summary>
/// Builds the panel section: before confirmation it starts from the proposal; afterwards from the seated members, with
/// the next proposal filling any open seat. A posted form (after an error) keeps what was chosen.
/// </summary>
public sealed class PanelEditorViews(AssessorPool pool, PanelProposals proposals, PeerAssessmentPanels panels, StandardCatalogue standards)
{
    public async Task<PanelEditorView> BuildAsync(
        PeerAssessmentRequestEntity request, PanelProposal? proposal, string action, PanelForm? posted, FormErrors? errors, string? notice, CancellationToken cancellationToken)
    {
        var approved = await pool.ApprovedAsync(cancellationToken);
        var roles = standards.Find(request.StandardId)?.AssessorRoles ?? [];
        var preferred = request.Dates();
        var seated = request.SeatedPanel();
        var replacements = await proposals.ProposeReplacementsAsync(request, approved, cancellationToken);
        var first = preferred.Count > 0 ? preferred[0] : DateOnly.MinValue;
        var selectedDate = posted?.Date ?? request.PanelDate ?? (proposal?.Date ?? first).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var day = DateOnly.TryParseExact(selectedDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : first;
        var options = PanelEligibility.Options(request, roles, approved, day, await panels.OtherSeatsAsync(request.Reference, cancellationToken));

        var rows = options.Select(o =>
        {
            var suggested = replacements?.Members.FirstOrDefault(m => m.RoleId == o.Role.Id);
            var current = seated.FirstOrDefault(m => m.RoleId == o.Role.Id)?.AssessorId
                          ?? suggested?.AssessorId
                          ?? (request.PanelDate is null ? proposal?.Members.FirstOrDefault(m => m.RoleId == o.Role.Id)?.AssessorId : null);
            var selected = posted is null ? current : posted.Assessors.GetValueOrDefault(o.Role.Id);
            return new RoleRow(o.Role.Id, o.Role.Label,
                o.Eligible.Select(a => new Choice(a.AssessorId, Declined(request, a.AssessorId) ? $"{a.Name}, {a.CouncilName} (declined: choosing them asks them again)" : $"{a.Name}, {a.CouncilName}")).ToList(),
                selected,
                suggested?.Explanation ?? (replacements is not null && !seated.Any(m => m.RoleId == o.Role.Id) ? string.Join(" ", replacements.Gaps) : null),
                o.NotOffered);
        }).ToList();

        return new PanelEditorView(
            action,
            request.ETag.ToString(),
            preferred.Select(d => new Choice(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), PanelDates.Day(d))).ToList(),
            selectedDate,
            rows,
            request.Panel().Select(m => new MemberRow(m, roles.FirstOrDefault(r => r.Id == m.RoleId)?.Label ?? m.RoleId)).ToList(),
            errors ?? new FormErrors(),
            notice,
            request.Status == PeerAssessmentRequestEntity.ReportPublished);
    }

    private static bool Declined(PeerAssessmentRequestEntity request, string assessorId) =>
        request.Panel().Any(m => m.AssessorId == assessorId && m.Status == PanelMemberStatus.Declined)
        && !request.SeatedPanel().Any(m => m.AssessorId == assessorId);

    public IReadOnlyList<AssessorRole> RolesOf(PeerAssessmentRequestEntity request) => standards.Find(request.StandardId)?.AssessorRoles ?? [];

    /// <summary>The page's errors for a result that was not saved, in the order of the form's fields.</summary>
    public static FormErrors Errors(PanelResult result)
    {
        var errors = new FormErrors();
        switch (result.Outcome)
        {
            case PanelOutcome.Changed:
                errors.Add("panel", "The panel changed since you opened this page (another lead or tab saved it). Check it as it is now and save again");
                break;
            case PanelOutcome.Closed:
                errors.Add("panel", "The report is published: the panel can no longer change");
                break;
            default:
                foreach (var error in result.Errors.OrderBy(e => e.PageField == PanelForm.DateField ? 0 : 1))
                {
                    errors.Add(error.PageField, error.Message);
                }

                break;
        }

        return errors;
    }
}
