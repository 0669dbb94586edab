using LocalGovStandard.Platform.Pages;

namespace LocalGovStandard.SupportNeeds;

/// <summary>One answer on a scale: its stored value, its words, and how much help it signals (0 is none).</summary>
public sealed record ScaleAnswer(string Value, string Label, int Need);

/// <summary>
/// The two questions asked of every point, each on a short scale whose answers are listed from least need to most.
/// The need weights order the suggestions: how much support a council asks for counts first, how little it understands breaks ties.
/// </summary>
public static class SupportNeedScales
{
    /// <summary>Support needs are asked of LGDSS 2016, the standard the peer groups were built around.</summary>
    public const string StandardId = "lgdss-2016";

    public static readonly IReadOnlyList<ScaleAnswer> Understanding =
    [
        new("well", "Well", 0),
        new("partly", "Partly", 1),
        new("a-little", "A little", 2),
        new("not-at-all", "Not at all", 3),
    ];

    public static readonly IReadOnlyList<ScaleAnswer> Support =
    [
        new("none", "None", 0),
        new("some", "Some", 1),
        new("a-lot", "A lot", 2),
    ];

    public const string UnderstandingQuestion = "How well does your council understand this point?";
    public const string SupportQuestion = "How much support do you need with it?";

    public static ScaleAnswer? FindUnderstanding(string? value) => Understanding.FirstOrDefault(a => a.Value == value);

    public static ScaleAnswer? FindSupport(string? value) => Support.FirstOrDefault(a => a.Value == value);

    public static IReadOnlyList<Choice> Choices(IReadOnlyList<ScaleAnswer> scale) => scale.Select(a => new Choice(a.Value, a.Label)).ToList();

    public static string Values(IReadOnlyList<ScaleAnswer> scale) => string.Join(", ", scale.Select(a => a.Value));
}
