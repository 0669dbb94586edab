using LocalGovStandard.Dashboard.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Progress;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Standards;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Dashboard;

/// <summary>
/// The public dashboard (<c>/dashboard</c>: aggregates and the adopters list) and the organiser's (the same plus
/// each council), each with CSV and xlsx exports. Organisers open theirs in the console (<c>/organiser/dashboard</c>,
/// behind the console's session cookie, so no key travels in an address); scripts and the benchmark use
/// <c>/api/admin/dashboard</c> with the <c>x-functions-key</c> header like every other organiser API route.
/// </summary>
public static class DashboardPages
{
    public const string PublicPath = "/dashboard";
    public const string OrganiserPath = "/api/admin/dashboard";
    public const string ConsolePath = "/organiser/dashboard";

    /// <summary>One chart's data as CSV, under each dashboard's path, with the same filter as the page.</summary>
    public const string ChartRoute = "/charts/{chart}.csv";

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<SnapshotStore>();
        services.AddSingleton<SnapshotRefresher>();
        services.AddSingleton<RefreshDashboardSnapshots>();
        services.AddSingleton<DashboardQuery>();
        services.AddSingleton<DashboardLoader>();
        services.AddSingleton<DashboardPeerAssessments>();
        services.AddCouncilPages();
        return services;
    }

    public static void MapDashboard(this IEndpointRouteBuilder app, RouteGroupBuilder admin)
    {
        app.MapGet(PublicPath, (HttpContext context, DashboardLoader loader, CancellationToken ct) => ShowAsync(context, loader, Shown.Public, ct))
            .AsPublicFunction("Dashboard");
        app.MapGet(PublicPath + "/export.{format}", (string format, HttpContext context, DashboardLoader loader, CancellationToken ct) => ExportAsync(format, context, loader, organiser: false, ct))
            .AsPublicFunction("DashboardExport");
        app.MapGet(PublicPath + ChartRoute, (string chart, HttpContext context, DashboardLoader loader, CancellationToken ct) => ChartCsvAsync(chart, context, loader, organiser: false, ct))
            .AsPublicFunction("DashboardChartCsv");

        admin.MapGet("/dashboard", (HttpContext context, DashboardLoader loader, CancellationToken ct) => ShowAsync(context, loader, Shown.OrganiserApi, ct))
            .AsKeyedFunction("OrganiserDashboard");
        admin.MapGet("/dashboard/export.{format}", (string format, HttpContext context, DashboardLoader loader, CancellationToken ct) => ExportAsync(format, context, loader, organiser: true, ct))
            .AsKeyedFunction("OrganiserDashboardExport");
        admin.MapGet("/dashboard" + ChartRoute, (string chart, HttpContext context, DashboardLoader loader, CancellationToken ct) => ChartCsvAsync(chart, context, loader, organiser: true, ct))
            .AsKeyedFunction("OrganiserDashboardChartCsv");

        app.MapGet(PublicPath + "/support-needs", async (PeerGroupStore groups, SupportNeedsProgress needs, CancellationToken ct) =>
                new ComponentParameters<SupportNeedsDashboardPage>().Set(p => p.View, await needs.PublicAsync(await groups.AllAsync(ct), ct)).Result())
            .AsPublicFunction("DashboardSupportNeeds");

        app.MapCouncilPages();
        app.MapTimerFunction<RefreshDashboardSnapshots>(RefreshDashboardSnapshots.Name, RefreshDashboardSnapshots.Schedule);
    }

    /// <summary>The organiser's view in the console; the group already requires the console session.</summary>
    public static void MapConsoleDashboard(this RouteGroupBuilder console)
    {
        console.MapGet("/dashboard", (HttpContext context, DashboardLoader loader, CancellationToken ct) => ShowAsync(context, loader, Shown.InTheConsole, ct))
            .AsPublicFunction("ConsoleDashboard");
        console.MapGet("/dashboard/export.{format}", (string format, HttpContext context, DashboardLoader loader, CancellationToken ct) => ExportAsync(format, context, loader, organiser: true, ct))
            .AsPublicFunction("ConsoleDashboardExport");
        console.MapGet("/dashboard" + ChartRoute, (string chart, HttpContext context, DashboardLoader loader, CancellationToken ct) => ChartCsvAsync(chart, context, loader, organiser: true, ct))
            .AsPublicFunction("ConsoleDashboardChartCsv");
    }

    private sealed record Shown(string Path, bool Organiser, bool InConsole)
    {
        public static readonly Shown Public = new(PublicPath, Organiser: false, InConsole: false);
        public static readonly Shown OrganiserApi = new(OrganiserPath, Organiser: true, InConsole: false);
        public static readonly Shown InTheConsole = new(ConsolePath, Organiser: true, InConsole: true);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, DashboardLoader loader, Shown shown, CancellationToken cancellationToken)
    {
        var request = await loader.ReadAsync(context.Request.Query, shown.Organiser, cancellationToken);
        return new ComponentParameters<DashboardPage>()
            .Set(p => p.Action, shown.Path)
            .Set(p => p.Filter, request.Filter)
            .Set(p => p.Choices, request.Choices)
            .Set(p => p.Errors, request.Errors)
            .Set(p => p.View, request.View)
            .Set(p => p.Organiser, shown.Organiser)
            .Set(p => p.InConsole, shown.InConsole)
            .Result(request.Errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> ExportAsync(string format, HttpContext context, DashboardLoader loader, bool organiser, CancellationToken cancellationToken)
    {
        if (format is not ("csv" or "xlsx"))
        {
            return ApiErrors.Problem(ApiErrors.NotFound, "Exports are .csv or .xlsx.");
        }

        var request = await loader.ReadAsync(context.Request.Query, organiser, cancellationToken);
        if (request.View is null)
        {
            return FilterProblem(request);
        }

        var tables = DashboardTables.Of(request.View);
        var name = $"{(organiser ? "organiser-dashboard" : "dashboard")}-{request.Filter.To}.{format}";
        return format == "csv"
            ? TypedResults.File(DashboardExport.Csv(tables), DashboardExport.CsvType, name)
            : TypedResults.File(DashboardExport.Xlsx(tables), DashboardExport.XlsxType, name);
    }

    private static async Task<IResult> ChartCsvAsync(string chart, HttpContext context, DashboardLoader loader, bool organiser, CancellationToken cancellationToken)
    {
        if (!DashboardCharts.Names.Contains(chart))
        {
            return ApiErrors.FieldProblem("chart", $"There is no chart called '{chart}'. The charts are {string.Join(", ", DashboardCharts.Names)}.");
        }

        var request = await loader.ReadAsync(context.Request.Query, organiser, cancellationToken);
        if (request.View is null)
        {
            return FilterProblem(request);
        }

        var table = DashboardCharts.Table(chart, request.View)!;
        return TypedResults.File(DashboardExport.Csv(table), DashboardExport.CsvType, $"{chart}-{request.Filter.To}.csv");
    }

    private static ValidationProblem FilterProblem(DashboardLoader.Request request) =>
        ApiErrors.ValidationProblem(request.Errors.All.ToDictionary(e => e.Key, e => new[] { e.Value }), "The filters are not valid.");
}

/// <summary>Reads the filters of a request and, when they are valid, loads the view.</summary>
public sealed class DashboardLoader(DashboardQuery query, DashboardPeerAssessments peerAssessments, PeerGroupStore peerGroups, StandardCatalogue catalogue, TimeProvider clock)
{
    public sealed record Request(DashboardFilter Filter, FilterChoices Choices, Platform.Pages.FormErrors Errors, DashboardView? View);

    public async Task<Request> ReadAsync(IQueryCollection queryString, bool organiser, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var groups = await peerGroups.AllAsync(cancellationToken);
        var (filter, errors) = DashboardFilter.Parse(queryString, groups, catalogue, now);
        var choices = FilterChoices.From(groups, catalogue, now);
        var view = errors.Any ? null : (await query.LoadAsync(filter, groups, organiser, cancellationToken)) with
        {
            PeerAssessments = await peerAssessments.ForAsync(filter, groups, cancellationToken),
        };
        return new Request(filter, choices, errors, view);
    }
}
