using System.Globalization;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Register;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Assessments;

/// <summary>The details step as the API and the pages send it.</summary>
public sealed record AssessmentDetailsRequest(
    string? ServiceName,
    string? ServiceUrl,
    string? Phase,
    string? Type,
    string? StandardId,
    string? AssessmentDate,
    IReadOnlyList<PanelMemberRequest>? Panel);

public sealed record PanelMemberRequest(string? Name, string? CouncilCode, string? Role);

public sealed record AssessmentDetails(
    string ServiceName, string? ServiceUrl, string Phase, string Type, Standard Standard, string AssessmentDate, IReadOnlyList<PanelMember> Panel);

public sealed class AssessmentDetailsValidator(StandardCatalogue standards, CouncilDirectory councils, TimeProvider clock)
{
    public const int ServiceNameMaxLength = 120;
    public const int ServiceUrlMaxLength = 500;
    public const int PanelMaxSize = 10;

    public async Task<(AssessmentDetails? Details, FieldErrors Errors)> ValidateAsync(AssessmentDetailsRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = errors.RequiredText("serviceName", request.ServiceName, "Service name", ServiceNameMaxLength, "Enter the name of the service");
        var url = ValidateUrl(request.ServiceUrl, errors);
        var phase = OneOf(errors, "phase", request.Phase, AssessmentChoices.Phases, "Select the service's phase");
        var type = OneOf(errors, "type", request.Type, AssessmentChoices.Types, "Select whether this is a self or a peer assessment");

        var standard = standards.Find(request.StandardId?.Trim());
        if (standard is null)
        {
            errors.Add("standardId", string.IsNullOrWhiteSpace(request.StandardId)
                ? "Select the standard you are assessing against"
                : $"Standard must be one of: {string.Join(", ", standards.Standards.Select(s => s.Id))}");
        }

        var date = ValidateDate(request.AssessmentDate, errors);
        var panel = await ValidatePanelAsync(type, request.Panel ?? [], errors, cancellationToken);

        return errors.IsValid
            ? (new AssessmentDetails(name!, url, phase!, type!, standard!, date!, panel), errors)
            : (null, errors);
    }

    private static string? OneOf(FieldErrors errors, string field, string? value, IReadOnlyList<string> allowed, string emptyMessage)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(field, emptyMessage);
            return null;
        }

        if (!allowed.Contains(trimmed))
        {
            errors.Add(field, $"{field} must be one of: {string.Join(", ", allowed)}");
            return null;
        }

        return trimmed;
    }

    internal static string? ValidateUrl(string? value, FieldErrors errors)
    {
        var text = errors.OptionalText("serviceUrl", value, "Service URL", ServiceUrlMaxLength);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("serviceUrl", "Enter the service URL in full, starting with https://, or leave it blank");
            return null;
        }

        return uri.AbsoluteUri;
    }

    private string? ValidateDate(string? value, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add("assessmentDate", "Enter the date of the assessment");
            return null;
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add("assessmentDate", "Date of the assessment must be a real date, like 2026-11-23");
            return null;
        }

        var today = UkTime.Today(clock);
        if (date > today)
        {
            errors.Add("assessmentDate", "Date of the assessment must be today or in the past");
            return null;
        }

        if (date.Year < 2016)
        {
            errors.Add("assessmentDate", "Date of the assessment must be in 2016 or later");
            return null;
        }

        return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private async Task<List<PanelMember>> ValidatePanelAsync(string? type, IReadOnlyList<PanelMemberRequest> panel, FieldErrors errors, CancellationToken cancellationToken)
    {
        var members = new List<PanelMember>();
        if (type != "peer")
        {
            if (panel.Count > 0)
            {
                errors.Add("panel", "Only peer assessments have a panel. Remove the panel, or choose a peer assessment");
            }

            return members;
        }

        if (panel.Count == 0)
        {
            errors.Add("panel", "Add the assessors on the peer panel, including a lead assessor");
            return members;
        }

        if (panel.Count > PanelMaxSize)
        {
            errors.Add("panel", $"A panel can have up to {PanelMaxSize} assessors");
            return members;
        }

        for (var i = 0; i < panel.Count; i++)
        {
            var member = panel[i];
            var prefix = $"panel[{i}]";
            var name = errors.RequiredText($"{prefix}.name", member.Name, "Assessor's name", 100, $"Enter the name of assessor {i + 1}");
            var role = OneOf(errors, $"{prefix}.role", member.Role, AssessmentChoices.PanelRoles, $"Select the role of assessor {i + 1}");
            var council = string.IsNullOrWhiteSpace(member.CouncilCode) ? null : await councils.FindByCodeAsync(member.CouncilCode, cancellationToken);
            if (council is null)
            {
                errors.Add($"{prefix}.councilCode", $"Select the council of assessor {i + 1} from the register");
            }

            if (name is not null && role is not null && council is not null)
            {
                members.Add(new PanelMember(name, council.GssCode, council.OfficialName, role));
            }
        }

        if (members.Count == panel.Count && !members.Any(m => m.Role == "lead-assessor"))
        {
            errors.Add("panel", "A peer panel needs a lead assessor");
        }

        return members;
    }
}
