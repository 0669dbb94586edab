using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Standards;

namespace LocalGovStandard.SupportNeeds;

/// <summary>The body of PUT /api/support-needs: an answer for every point of the Standard.</summary>
public sealed record SupportNeedsRequest(IReadOnlyList<PointNeedRequest?>? Points);

public sealed record PointNeedRequest(int? Point, string? Understanding, string? Support);

/// <summary>A complete answer set, checked against the standard: one answer per point, every point answered.</summary>
public sealed record ValidSupportNeeds(Standard Standard, IReadOnlyList<PointNeed> Points);

/// <summary>
/// Checks an answer set from the API or the page. Both name the field at fault; an answer set is stored whole or not at
/// all, so every point must be answered (a council that has not thought about a point says so with "not at all").
/// </summary>
public sealed class SupportNeedValidator(StandardCatalogue catalogue)
{
    public Standard Standard => catalogue.Find(SupportNeedScales.StandardId) ?? throw new InvalidOperationException($"The standard {SupportNeedScales.StandardId} is not in the catalogue.");

    public (ValidSupportNeeds? Answers, FieldErrors Errors) ValidateRequest(SupportNeedsRequest request)
    {
        var errors = new FieldErrors();
        var standard = Standard;
        if (request.Points is null || request.Points.Count == 0)
        {
            errors.Add("points", $"points is required: one entry for each of the {standard.Points.Count} points, each with point, understanding and support.");
            return (null, errors);
        }

        var answers = new Dictionary<int, PointNeed>();
        for (var i = 0; i < request.Points.Count; i++)
        {
            var field = $"points[{i}]";
            if (request.Points[i] is not { } entry)
            {
                errors.Add(field, $"{field} must be an object with point, understanding and support.");
                continue;
            }

            if (entry.Point is not { } number || standard.Point(number) is null)
            {
                errors.Add(field + ".point", $"{field}.point must be a point of the Standard, from 1 to {standard.Points.Count}.");
                continue;
            }

            if (answers.ContainsKey(number))
            {
                errors.Add(field + ".point", $"{field}.point: point {number} is answered more than once. Answer each point once.");
                continue;
            }

            var understanding = SupportNeedScales.FindUnderstanding(entry.Understanding);
            var support = SupportNeedScales.FindSupport(entry.Support);
            if (understanding is null)
            {
                errors.Add(field + ".understanding", $"{field}.understanding must be one of: {SupportNeedScales.Values(SupportNeedScales.Understanding)}.");
            }

            if (support is null)
            {
                errors.Add(field + ".support", $"{field}.support must be one of: {SupportNeedScales.Values(SupportNeedScales.Support)}.");
            }

            if (understanding is not null && support is not null)
            {
                answers[number] = new PointNeed(number, understanding.Value, support.Value);
            }
        }

        var missing = standard.Points.Where(p => !answers.ContainsKey(p.Number) && !request.Points.Any(e => e?.Point == p.Number)).Select(p => p.Number).ToList();
        if (missing.Count > 0)
        {
            errors.Add("points", $"Answer every point of the Standard. Missing: {string.Join(", ", missing)}.");
        }

        return errors.IsValid ? (new ValidSupportNeeds(standard, [.. answers.Values.OrderBy(a => a.Point)]), errors) : (null, errors);
    }

    /// <summary>The page's fields, "understanding-{point}" and "support-{point}", each named in its own message.</summary>
    public (ValidSupportNeeds? Answers, FieldErrors Errors) ValidateForm(Func<string, string?> field)
    {
        var errors = new FieldErrors();
        var standard = Standard;
        var answers = new List<PointNeed>();
        foreach (var point in standard.Points)
        {
            var understanding = SupportNeedScales.FindUnderstanding(field(UnderstandingField(point.Number)));
            var support = SupportNeedScales.FindSupport(field(SupportField(point.Number)));
            if (understanding is null)
            {
                errors.Add(UnderstandingField(point.Number), $"Select how well your council understands point {point.Number}, {point.Title}");
            }

            if (support is null)
            {
                errors.Add(SupportField(point.Number), $"Select how much support you need with point {point.Number}, {point.Title}");
            }

            if (understanding is not null && support is not null)
            {
                answers.Add(new PointNeed(point.Number, understanding.Value, support.Value));
            }
        }

        return errors.IsValid ? (new ValidSupportNeeds(standard, answers), errors) : (null, errors);
    }

    public static string UnderstandingField(int point) => $"understanding-{point}";

    public static string SupportField(int point) => $"support-{point}";
}
