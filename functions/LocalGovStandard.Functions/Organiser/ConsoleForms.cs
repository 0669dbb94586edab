using LocalGovStandard.Platform.Pages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Organiser;

/// <summary>What every console form shares: the antiforgery check and who the audit log says acted.</summary>
public static class ConsoleForms
{
    /// <summary>The audit log's actor for everything done through the console (the API writes "organiser").</summary>
    public const string Actor = "organiser:console";

    public static RazorComponentResult NotFound(string detail) =>
        new ComponentParameters<ErrorPage>().Set(p => p.Heading, "Page not found").Set(p => p.Detail, detail).Result(StatusCodes.Status404NotFound);

    /// <summary>Only a local path inside the console, so a crafted link cannot send the organiser elsewhere after signing in.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/organiser", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/organiser";
}
