using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Validation;

namespace LocalGovStandard.Assessments.Pages;

/// <summary>The details questions, one page each. The panel page is asked only for peer assessments.</summary>
public enum DetailsStep
{
    Service,
    Phase,
    Type,
    Panel,
    Standard,
    Date,
}

public static class DetailsSteps
{
    public const int BlankPanelRows = 4;

    private static readonly (DetailsStep Step, string Slug)[] Slugs =
    [
        (DetailsStep.Service, "service"), (DetailsStep.Phase, "phase"), (DetailsStep.Type, "type"),
        (DetailsStep.Panel, "panel"), (DetailsStep.Standard, "standard"), (DetailsStep.Date, "date"),
    ];

    public static string Slug(this DetailsStep step) => Slugs.First(s => s.Step == step).Slug;

    public static DetailsStep? Parse(string? slug) =>
        Slugs.Where(s => s.Slug == slug).Select(s => (DetailsStep?)s.Step).FirstOrDefault();

    public static bool Applies(this DetailsStep step, string? type) => step != DetailsStep.Panel || type == "peer";

    public static DetailsStep? Next(this DetailsStep step, string? type) =>
        Enum.GetValues<DetailsStep>().Where(s => s > step && s.Applies(type)).Select(s => (DetailsStep?)s).FirstOrDefault();

    public static DetailsStep? Previous(this DetailsStep step, string? type) =>
        Enum.GetValues<DetailsStep>().Where(s => s < step && s.Applies(type)).Select(s => (DetailsStep?)s).LastOrDefault();

    /// <summary>Which page asks for a validator field (serviceName, panel[2].role ...).</summary>
    public static DetailsStep StepOf(string field) => field switch
    {
        "phase" => DetailsStep.Phase,
        "type" => DetailsStep.Type,
        "standardId" => DetailsStep.Standard,
        "assessmentDate" => DetailsStep.Date,
        _ when field.StartsWith("panel", StringComparison.Ordinal) => DetailsStep.Panel,
        _ => DetailsStep.Service,
    };

    /// <summary>The answers so far with this page's fields replaced by what was posted.</summary>
    public static AssessmentDetailsRequest Merge(AssessmentDetailsRequest answers, DetailsStep step, IFormCollection form, DateParts date) => step switch
    {
        DetailsStep.Service => answers with { ServiceName = form["serviceName"], ServiceUrl = form["serviceUrl"] },
        DetailsStep.Phase => answers with { Phase = form["phase"] },
        DetailsStep.Type => answers with { Type = form["type"], Panel = form["type"] == "peer" ? answers.Panel : [] },
        DetailsStep.Panel => answers with { Type = form["type"] == "peer" ? "peer" : answers.Type, Panel = PanelFrom(form) },
        DetailsStep.Standard => answers with { StandardId = form["standardId"] },
        _ => answers with { AssessmentDate = date.Iso },
    };

    public static AssessmentDetailsRequest FromEntity(AssessmentEntity entity) => new(
        entity.ServiceName, entity.ServiceUrl, entity.Phase, entity.Type, entity.StandardId, entity.AssessmentDate,
        entity.Panel().Select(m => new PanelMemberRequest(m.Name, m.CouncilCode, m.Role)).ToList());

    /// <summary>Rows left blank are dropped, so the validator's panel[i] is the i-th row shown again.</summary>
    public static List<PanelMemberRequest> PanelFrom(IFormCollection form) =>
        Enumerable.Range(0, AssessmentDetailsValidator.PanelMaxSize)
            .Select(i => new PanelMemberRequest(form[$"panel-{i}-name"], form[$"panel-{i}-councilCode"], form[$"panel-{i}-role"]))
            .Where(m => !string.IsNullOrWhiteSpace(m.Name) || !string.IsNullOrWhiteSpace(m.CouncilCode) || !string.IsNullOrWhiteSpace(m.Role))
            .ToList();

    /// <summary>The rows the panel page shows: the assessors so far, then blank rows (at least one, and four in all).</summary>
    public static List<PanelMemberRequest> PanelRows(IReadOnlyList<PanelMemberRequest>? panel)
    {
        var rows = (panel ?? []).ToList();
        var total = Math.Min(AssessmentDetailsValidator.PanelMaxSize, Math.Max(BlankPanelRows, rows.Count + 1));
        while (rows.Count < total)
        {
            rows.Add(new PanelMemberRequest(null, null, null));
        }

        return rows;
    }

    /// <summary>The validator's errors for one page, keyed by the id of the input to fix.</summary>
    public static FormErrors ErrorsFor(DetailsStep step, FieldErrors errors, DateParts date, int panelCount)
    {
        var mine = errors.ToDictionary()
            .Where(e => StepOf(e.Key) == step)
            .Select(e => KeyValuePair.Create(InputId(e.Key, date, panelCount), e.Value));
        return FormErrors.From(mine, FieldOrder());
    }

    private static string InputId(string field, DateParts date, int panelCount) => field switch
    {
        "assessmentDate" => $"assessmentDate-{date.FirstProblemPart}",
        "panel" => panelCount > 0 ? "panel-0-role" : "panel-0-name",
        _ when field.StartsWith("panel[", StringComparison.Ordinal) =>
            field.Replace("panel[", "panel-", StringComparison.Ordinal).Replace("].", "-", StringComparison.Ordinal),
        _ => field,
    };

    private static List<string> FieldOrder()
    {
        var order = new List<string> { "serviceName", "serviceUrl", "phase", "type" };
        for (var i = 0; i < AssessmentDetailsValidator.PanelMaxSize; i++)
        {
            order.AddRange([$"panel-{i}-name", $"panel-{i}-councilCode", $"panel-{i}-role"]);
        }

        order.AddRange(["standardId", "assessmentDate-day", "assessmentDate-month", "assessmentDate-year"]);
        return order;
    }
}
