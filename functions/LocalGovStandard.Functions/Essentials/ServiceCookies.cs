using LocalGovStandard.Organiser;
using LocalGovStandard.Platform;

namespace LocalGovStandard.Essentials;

/// <summary>
/// Every cookie the service sets, as the cookies page lists them. All are essential: they keep forms safe and people
/// signed in, so no consent banner is needed. A test drives the real journeys and checks this list against them.
/// </summary>
public static class ServiceCookies
{
    public sealed record ServiceCookie(string Name, string Purpose, string Expires);

    public static IReadOnlyList<ServiceCookie> All(ServiceOptions service, ConsoleOptions console) =>
    [
        new("lgs-antiforgery", "Protects the forms you fill in from being sent by another website.", "When you close your browser"),
        new("lgs-session", "Keeps a council contact signed in to their council's assessments.",
            $"When you sign out or close your browser, or after {Durations.Describe(service.SessionIdleTimeout)} without using the service"),
        new("lgs-new-assessment", "Remembers your answers about a new assessment until it is created.",
            "When the assessment is created or you close your browser"),
        new("lgs-organiser", "Keeps an organiser signed in to the organiser console.",
            $"When the organiser signs out, or {Durations.Describe(console.SessionLifetime)} after signing in"),
    ];
}
