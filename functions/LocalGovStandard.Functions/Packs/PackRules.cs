using System.Text.RegularExpressions;
using LocalGovStandard.Platform.Validation;
using LocalGovStandard.Standards;

namespace LocalGovStandard.Packs;

/// <summary>What a pack's words must be. Point numbers are the 15 points of the Local Government Digital Service Standard.</summary>
public sealed record PackRequest(string? Title, IReadOnlyList<int>? Points, string? Agenda, string? Exercises);

/// <summary>A pack's words after checking: trimmed, normalised, points in order.</summary>
public sealed record PackContent(string Title, IReadOnlyList<int> Points, string Agenda, string Exercises);

public static partial class PackRules
{
    public const string StandardId = "lgdss-2016";
    public const int MaxTitleLength = 120;
    public const int MaxAgendaLength = 10_000;
    public const int MaxExercisesLength = 10_000;
    public const int MaxFiles = 10;

    public static bool IsPackId(string? value) => value is not null && IdPattern().IsMatch(value);

    public static PackContent? Check(PackRequest request, Standard standard, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(standard);
        ArgumentNullException.ThrowIfNull(errors);
        var title = errors.RequiredText("title", request.Title, "Title", MaxTitleLength, "Enter a title for the pack");
        var agenda = errors.OptionalMultilineText("agenda", request.Agenda, "Agenda", MaxAgendaLength);
        if (agenda is null && !errors.Has("agenda"))
        {
            errors.Add("agenda", "Enter the agenda for the session");
        }

        var exercises = errors.OptionalMultilineText("exercises", request.Exercises, "Exercises", MaxExercisesLength);
        var points = request.Points ?? [];
        if (points.Count == 0)
        {
            errors.Add("points", "Select the points of the Standard the pack covers");
        }
        else if (points.Any(p => standard.Point(p) is null))
        {
            errors.Add("points", $"The Standard has points 1 to {standard.Points.Count}");
        }

        return errors.IsValid ? new PackContent(title!, points.Distinct().Order().ToList(), agenda!, exercises ?? "") : null;
    }

    [GeneratedRegex("^[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
