using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Platform.Validation;

namespace LocalGovStandard.PeerAssessments.Requests.Pages;

/// <summary>
/// The request page's form: its fields, the body the API's validator takes, and the validator's errors keyed by the
/// page's inputs (a date's error goes to its day, month or year field; "conflicts[1]" to the second council's select).
/// </summary>
public sealed record RequestForm(IReadOnlyDictionary<string, string> Values, IReadOnlyList<DateParts> Dates)
{
    public const int DateInputs = PeerAssessmentRequestValidator.MaxDates;
    public const int ConflictInputs = 3;

    public static readonly IReadOnlyList<string> FieldOrder =
    [
        "reassessmentOf", "serviceName", "serviceUrl", "phase", "standardId",
        .. Enumerable.Range(1, DateInputs).SelectMany(i => new[] { $"preferredDate{i}-day", $"preferredDate{i}-month", $"preferredDate{i}-year" }),
        "contactReference",
        .. Enumerable.Range(1, ConflictInputs).Select(i => $"conflict{i}"),
    ];

    private static readonly string[] TextFields = ["reassessmentOf", "serviceName", "serviceUrl", "phase", "standardId", "contactReference", .. Enumerable.Range(1, ConflictInputs).Select(i => $"conflict{i}")];

    public static RequestForm Empty { get; } = new(new Dictionary<string, string>(), Enumerable.Range(1, DateInputs).Select(_ => new DateParts(null, null, null)).ToList());

    /// <summary>The form for reassessing <paramref name="earlier"/>: its service, phase, standard and conflicts filled in; new dates and a contact to choose.</summary>
    public static RequestForm ForReassessment(PeerAssessmentRequestEntity earlier)
    {
        var values = new Dictionary<string, string>
        {
            ["reassessmentOf"] = earlier.Reference,
            ["serviceName"] = earlier.ServiceName,
            ["serviceUrl"] = earlier.ServiceUrl ?? "",
            ["phase"] = earlier.Phase,
            ["standardId"] = earlier.StandardId,
        };
        foreach (var (code, i) in earlier.ConflictCodes().Take(ConflictInputs).Select((c, i) => (c, i)))
        {
            values[$"conflict{i + 1}"] = code;
        }

        return Empty with { Values = values };
    }

    public static RequestForm From(IFormCollection form) => new(
        TextFields.ToDictionary(f => f, f => form[f].ToString()),
        Enumerable.Range(1, DateInputs).Select(i => DateParts.FromForm(form, $"preferredDate{i}")).ToList());

    public string? Value(string field) => Values.GetValueOrDefault(field);

    public PeerAssessmentRequestBody Body() => new(
        Value("serviceName"), Value("serviceUrl"), Value("phase"), Value("standardId"),
        Dates.Select(d => d.MissingParts.Count == 3 ? null : d.Iso ?? "not-a-date").ToList(),
        Value("contactReference"),
        Enumerable.Range(1, ConflictInputs).Select(i => Value($"conflict{i}")).ToList(),
        Value("reassessmentOf"));

    /// <summary>The date inputs' own problems (a missing part, not a real date) first, then the validator's, each on the input it concerns.</summary>
    public FormErrors Errors(FieldErrors errors)
    {
        var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < Dates.Count; i++)
        {
            if (Dates[i].Problem($"Preferred date {i + 1}") is { } problem)
            {
                fields[$"preferredDate{i + 1}-{Dates[i].FirstProblemPart}"] = [problem];
            }
        }

        foreach (var (field, messages) in errors.ToDictionary())
        {
            var input = InputOf(field);
            if (!fields.Keys.Any(k => k.StartsWith(input.Split('-')[0] + "-", StringComparison.Ordinal) || k == input))
            {
                fields[input] = messages;
            }
        }

        return FormErrors.From(fields, FieldOrder);
    }

    private string InputOf(string field) => field switch
    {
        "preferredDates" => "preferredDate1-day",
        "conflicts" => "conflict1",
        _ when field.StartsWith("preferredDates[", StringComparison.Ordinal) => $"preferredDate{Index(field) + 1}-{Dates[Index(field)].FirstProblemPart}",
        _ when field.StartsWith("conflicts[", StringComparison.Ordinal) => $"conflict{Index(field) + 1}",
        _ => field,
    };

    private static int Index(string field) => int.Parse(field[(field.IndexOf('[', StringComparison.Ordinal) + 1)..field.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
}
