using LocalGovStandard.Dashboard;
using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.SupportNeeds;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Organiser;

/// <summary>
/// The organiser console at /organiser: GOV.UK pages over the same services as the admin API. Every page
/// needs the organiser's session cookie (see ADR 0009); every change is written to the audit log.
/// </summary>
public static class ConsoleEndpoints
{
    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section);
        services.AddSingleton<SignInThrottle>();
        services.AddOrganiserSessions();
        return services;
    }

    public static void MapConsole(this IEndpointRouteBuilder app)
    {
        app.MapConsoleSignIn();
        var console = app.MapGroup("/organiser").RequireAuthorization(OrganiserSession.Policy).RequireValidForms().WithTags("Console");
        console.MapGet("/", HomeAsync).AsPublicFunction("ConsoleHome");
        console.MapConsoleSignOut();
        console.MapConsoleAudit();
        console.MapConsoleContacts();
        console.MapConsoleTrust();
        console.MapConsoleAssessors();
        console.MapConsoleRegister();
        console.MapConsolePeerGroups();
        console.MapConsoleReports();
        console.MapConsoleSummits();
        console.MapConsolePeerAssessments();
        console.MapConsoleMeetups();
        console.MapConsoleDashboard();
        console.MapConsolePoisonedEmail();
        console.MapConsoleSupportNeeds();
    }

    private static async Task<RazorComponentResult> HomeAsync(PoisonedEmails poisoned, CancellationToken cancellationToken) =>
        new ComponentParameters<ConsoleHomePage>().Set(p => p.PoisonedEmails, await poisoned.CountAsync(cancellationToken)).Result();
}
