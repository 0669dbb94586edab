using LocalGovStandard.Access;
using LocalGovStandard.ApiReference;
using LocalGovStandard.Assessments;
using LocalGovStandard.Assessments.Evidence;
using LocalGovStandard.Assessments.Pages;
using LocalGovStandard.Backups;
using LocalGovStandard.Dashboard;
using LocalGovStandard.DevOutbox;
using LocalGovStandard.Essentials;
using LocalGovStandard.Feed;
using LocalGovStandard.Health;
using LocalGovStandard.Organiser;
using LocalGovStandard.PeerAssessments;
using LocalGovStandard.Packs;
using LocalGovStandard.PeerAssessments.Assessors;
using LocalGovStandard.PeerAssessments.Panels;
using LocalGovStandard.PeerGroupSetup;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform;
using LocalGovStandard.Platform.Email;
using LocalGovStandard.Platform.Email.Queue;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Security;
using LocalGovStandard.Platform.Telemetry;
using LocalGovStandard.Privacy;
using LocalGovStandard.Progress;
using LocalGovStandard.Register;
using LocalGovStandard.Reports;
using LocalGovStandard.Signups;
using LocalGovStandard.Standards;
using LocalGovStandard.Events;
using LocalGovStandard.SupportNeeds;

StartupTimeline.Mark("main");

// Commands (import-register, restore-backup, emit-functions) take their own arguments; the rest configure the host.
var (command, hostArgs) = args is [RegisterCommand.Verb or RestoreBackupCommand.Verb or FunctionsCommand.Verb, ..] ? (args, Array.Empty<string>()) : (null, args);

var builder = WebApplication.CreateBuilder(hostArgs);
StartupTimeline.Mark("builder-created");
builder.UseCustomHandlerHosting();
builder.AddServiceTelemetry();
StartupTimeline.Mark("telemetry-added");
builder.Services
    .AddPlatform()
    .AddEssentials()
    .AddRegister()
    .AddPeerGroups()
    .AddPeerGroupSetup()
    .AddSignups()
    .AddStandards()
    .AddAccess(builder.Environment)
    .AddAssessments()
    .AddPeerAssessments()
    .AddPanelDay()
    .AddPanels()
    .AddEvidence()
    .AddAssessors()
    .AddSummits()
    .AddPacks()
    .AddSupportNeeds()
    .AddProgress()
    .AddReports()
    .AddDashboard()
    .AddFeed()
    .AddDevOutbox()
    .AddPrivacy()
    .AddBackups()
    .AddConsole()
    .AddApiReference();
StartupTimeline.Mark("services-added");

var app = builder.Build();
StartupTimeline.Mark("host-built");
app.MarkServing();
app.UsePlatform();
app.UseCookieApiGuard();

var admin = app.MapAdminGroup();
app.MapHealth();
app.MapEssentialPages();
app.MapSignupPages();
app.MapApprovalPages();
app.MapSignupsApi(admin);
app.MapPeerGroups(admin);
app.MapPeerGroupSetup(admin);
app.MapStandards();
app.MapAccess();
app.MapAssessmentsApi();
app.MapAssessmentPages();
app.MapPeerAssessments(admin);
app.MapPanelDay();
app.MapPanels(admin);
app.MapEvidenceApi();
app.MapAssessors(admin);
app.MapSummits(admin);
app.MapPacks(admin);
app.MapSupportNeedsApi();
app.MapSupportNeedPages();
app.MapReports(admin);
app.MapDashboard(admin);
app.MapFeed();
admin.MapRegister();
admin.MapCouncilDomains();
admin.MapApprovalApi();
admin.MapPrivacyApi();
admin.MapPeopleApi();
app.MapBackups();
app.MapConsole();
admin.MapTimerAdmin();
app.MapEmailQueue();
admin.MapPoisonedEmailApi();
app.MapStaticAssetFunctions();
app.MapApiReference();
if (app.Environment.IsDevelopment() && !EmailRegistration.UsesSendGrid(app.Services))
{
    app.MapDevOutbox();
}

StartupTimeline.Mark("endpoints-mapped");

return command switch
{
    [RegisterCommand.Verb, ..] => await RegisterCommand.RunAsync(app.Services, command, Console.Out),
    [RestoreBackupCommand.Verb, ..] => await RestoreBackupCommand.RunAsync(app.Services, command, Console.Out),
    [FunctionsCommand.Verb, ..] => FunctionsCommand.Run(app, command, Console.Out),
    _ => await RunAsync(app),
};

static async Task<int> RunAsync(WebApplication app)
{
    await app.RunAsync();
    return 0;
}

/// <summary>Visible to the test project's WebApplicationFactory.</summary>
public partial class Program;
