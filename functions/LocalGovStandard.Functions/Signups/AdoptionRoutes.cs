using LocalGovStandard.Platform.Pages;

namespace LocalGovStandard.Signups;

/// <summary>How the council is adopting the Standard.</summary>
public static class AdoptionRoutes
{
    public static readonly IReadOnlyList<Choice> All =
    [
        new("ict-policy", "Through our ICT policy"),
        new("digital-strategy", "Through our digital strategy"),
        new("both", "Through both our ICT policy and our digital strategy"),
        new("still-deciding", "We are still deciding"),
    ];

    public static bool IsKnown(string? value) => All.Any(route => route.Value == value);
}
