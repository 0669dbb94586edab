using System.Globalization;
using LocalGovStandard.Access;
using LocalGovStandard.Assessments;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;
using LocalGovStandard.Signups;
using LocalGovStandard.Standards;

namespace LocalGovStandard.PeerAssessments.Requests;

/// <summary>A request for a peer assessment as the API and the page send it. The council is never in it: it is the session's.</summary>
/// <param name="PreferredDates">yyyy-MM-dd.</param>
/// <param name="ContactReference">The reference of one of the council's approved contacts.</param>
/// <param name="Conflicts">Council codes (GSS) from the register.</param>
/// <param name="ReassessmentOf">The reference of one of the council's requests whose report is published, when this reassesses it.</param>
public sealed record PeerAssessmentRequestBody(
    string? ServiceName,
    string? ServiceUrl,
    string? Phase,
    string? StandardId,
    IReadOnlyList<string?>? PreferredDates,
    string? ContactReference,
    IReadOnlyList<string?>? Conflicts,
    string? ReassessmentOf = null);

public sealed record ValidPeerAssessmentRequest(
    string ServiceName, string? ServiceUrl, string Phase, Standard Standard, IReadOnlyList<DateOnly> PreferredDates, ContactEntity Contact, IReadOnlyList<Council> Conflicts,
    string? ReassessmentOf = null);

public sealed class PeerAssessmentRequestValidator(StandardCatalogue standards, CouncilDirectory councils, ContactStore contacts, PeerAssessmentRequestStore requests, TimeProvider clock)
{
    public const int MinDates = 2;
    public const int MaxDates = 5;
    public const int MaxConflicts = 10;
    public const int NoticeDays = 21;

    public async Task<(ValidPeerAssessmentRequest? Request, FieldErrors Errors)> ValidateAsync(
        CouncilScope scope, PeerAssessmentRequestBody body, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = errors.RequiredText("serviceName", body.ServiceName, "Service name", AssessmentDetailsValidator.ServiceNameMaxLength, "Enter the name of the service");
        var url = AssessmentDetailsValidator.ValidateUrl(body.ServiceUrl, errors);
        var phase = body.Phase?.Trim();
        if (string.IsNullOrEmpty(phase) || !AssessmentChoices.Phases.Contains(phase))
        {
            errors.Add("phase", string.IsNullOrEmpty(phase) ? "Select the service's phase" : $"phase must be one of: {string.Join(", ", AssessmentChoices.Phases)}");
        }

        var standard = standards.Find(body.StandardId?.Trim());
        if (standard is null)
        {
            errors.Add("standardId", string.IsNullOrWhiteSpace(body.StandardId)
                ? "Select the standard to be assessed against"
                : $"Standard must be one of: {string.Join(", ", standards.Standards.Select(s => s.Id))}");
        }

        var dates = Dates(body.PreferredDates ?? [], errors);
        var contact = await ContactAsync(scope, body.ContactReference, errors, cancellationToken);
        var conflicts = await ConflictsAsync(scope, body.Conflicts ?? [], errors, cancellationToken);
        var reassessmentOf = await ReassessmentOfAsync(scope, body.ReassessmentOf, errors, cancellationToken);

        return errors.IsValid
            ? (new ValidPeerAssessmentRequest(name!, url, phase!, standard!, dates, contact!, conflicts, reassessmentOf), errors)
            : (null, errors);
    }

    /// <summary>Only the council's own requests whose report is published can be reassessed; another council's is as unknown as a made-up one.</summary>
    private async Task<string?> ReassessmentOfAsync(CouncilScope scope, string? value, FieldErrors errors, CancellationToken cancellationToken)
    {
        var reference = value?.Trim();
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        if (await requests.FindAsync(scope.Region, reference, cancellationToken) is { } earlier
            && earlier.GssCode == scope.GssCode && earlier.Status == PeerAssessmentRequestEntity.ReportPublished)
        {
            return earlier.Reference;
        }

        errors.Add("reassessmentOf", "The request to reassess must be one of your council's requests whose report is published");
        return null;
    }

    /// <summary>The earliest date that can be asked for: three weeks after today (UK time).</summary>
    public DateOnly EarliestDate => UkTime.Today(clock).AddDays(NoticeDays);

    private List<DateOnly> Dates(IReadOnlyList<string?> values, FieldErrors errors)
    {
        var dates = new List<DateOnly>();
        var given = values.Where(v => !string.IsNullOrWhiteSpace(v)).Count();
        if (given < MinDates || values.Count > MaxDates)
        {
            errors.Add("preferredDates", given < MinDates
                ? $"Enter at least {MinDates} preferred dates"
                : $"Enter up to {MaxDates} preferred dates");
        }

        var earliest = EarliestDate;
        var latest = UkTime.Today(clock).AddYears(1);
        for (var i = 0; i < values.Count && i < MaxDates; i++)
        {
            var value = values[i]?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            var field = $"preferredDates[{i}]";
            if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                errors.Add(field, $"Preferred date {i + 1} must be a real date, like {earliest:yyyy-MM-dd}");
            }
            else if (date < earliest)
            {
                errors.Add(field, $"Preferred date {i + 1} must be at least 3 weeks ahead: {PanelDates.Day(earliest)} or later");
            }
            else if (date > latest)
            {
                errors.Add(field, $"Preferred date {i + 1} must be within a year: {PanelDates.Day(latest)} or earlier");
            }
            else if (dates.Contains(date))
            {
                errors.Add(field, $"Preferred date {i + 1} is the same as an earlier one");
            }
            else
            {
                dates.Add(date);
            }
        }

        return dates.Order().ToList();
    }

    private async Task<ContactEntity?> ContactAsync(CouncilScope scope, string? reference, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            errors.Add("contactReference", "Select the council's contact for the assessment");
            return null;
        }

        var approved = await contacts.ApprovedForCouncilAsync(scope.Region, scope.GssCode, cancellationToken);
        var contact = approved.FirstOrDefault(c => c.Reference == reference.Trim());
        if (contact is null)
        {
            errors.Add("contactReference", "Select one of the council's approved contacts");
        }

        return contact;
    }

    private async Task<List<Council>> ConflictsAsync(CouncilScope scope, IReadOnlyList<string?> codes, FieldErrors errors, CancellationToken cancellationToken)
    {
        var found = new List<Council>();
        if (codes.Count > MaxConflicts)
        {
            errors.Add("conflicts", $"Name up to {MaxConflicts} councils the panel must not come from");
            return found;
        }

        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i]?.Trim();
            if (string.IsNullOrEmpty(code))
            {
                continue;
            }

            var council = code.Length > 20 ? null : await councils.FindByCodeAsync(code, cancellationToken);
            if (council is null)
            {
                errors.Add($"conflicts[{i}]", $"Council {i + 1} the panel must not come from must be a council in the register");
            }
            else if (council.Code == scope.GssCode)
            {
                errors.Add($"conflicts[{i}]", "Your own council is never on the panel: choose another council or none");
            }
            else if (found.All(c => c.Code != council.Code))
            {
                found.Add(council);
            }
        }

        return found;
    }
}
