using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Progress;
using LocalGovStandard.Platform.Privacy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LocalGovStandard.Reports;

public static class ReportsApi
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReportRunStore>();
        services.AddSingleton<ReportDownloadLinks>();
        services.AddSingleton<MonthlyReportRunner>();
        services.AddSingleton<MonthlyProgressWorkbooks>();
        services.AddPersonalDataHolder<StoredWorkbooks>();
        return services;
    }

    public static void MapReports(this IEndpointRouteBuilder app, RouteGroupBuilder admin)
    {
        admin.MapPost("/reports/{month}/run", RunAsync).AsKeyedFunction("RunMonthlyReports");
        admin.MapGet("/reports/{month}", ListAsync).AsKeyedFunction("ListReportRuns");
        admin.MapGet("/reports/{month}/{peerGroup}.xlsx", DownloadAsync).AsKeyedFunction("DownloadReportWorkbook");
        app.MapGet(ReportDownloadLinks.Path, DownloadByLinkAsync).AsPublicFunction("DownloadReportByLink");
        app.MapTimerFunction<MonthlyProgressWorkbooks>(MonthlyProgressWorkbooks.Name, MonthlyProgressWorkbooks.Schedule);
    }

    public sealed record RunResponse(string Month, bool Resend, IReadOnlyList<GroupRunOutcome> Outcomes, IReadOnlyList<ReportRunView> Runs);

    public sealed record ReportRunList(string Month, IReadOnlyList<ReportRunView> Runs);

    private static async Task<Results<Ok<RunResponse>, ValidationProblem>> RunAsync(
        string month, string? peerGroup, bool? resend, PeerGroupStore peerGroups, MonthlyReportRunner runner, ReportRunStore runs,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var groups = await peerGroups.AllAsync(cancellationToken);
        var (request, errors) = ReportRunRequest.Validate(month, peerGroup, groups, clock.GetUtcNow());
        if (request is null)
        {
            return ApiErrors.ValidationProblem(errors.ToDictionary());
        }

        var outcomes = await runner.RunAsync(request.Month, request.Groups, resend == true, "organiser", cancellationToken);
        var list = await runs.ViewsAsync(request.Month, groups, cancellationToken);
        return TypedResults.Ok(new RunResponse(request.Month.ToString(), resend == true, outcomes, list));
    }

    private static async Task<Results<Ok<ReportRunList>, ValidationProblem>> ListAsync(string month, PeerGroupStore peerGroups, ReportRunStore runs, CancellationToken cancellationToken)
    {
        if (!ReportMonth.TryParse(month, out var reportMonth))
        {
            return MonthProblem();
        }

        var views = await runs.ViewsAsync(reportMonth, await peerGroups.AllAsync(cancellationToken), cancellationToken);
        return TypedResults.Ok(new ReportRunList(reportMonth.ToString(), views));
    }

    private static async Task<Results<FileStreamHttpResult, ValidationProblem, ProblemHttpResult>> DownloadAsync(string month, string peerGroup, PeerGroupStore peerGroups, MonthlyReportRunner runner, CancellationToken cancellationToken)
    {
        if (!ReportMonth.TryParse(month, out var reportMonth))
        {
            return MonthProblem();
        }

        if (await peerGroups.FindAsync(peerGroup, cancellationToken) is null)
        {
            return ApiErrors.Problem(ApiErrors.NotFound, $"There is no peer group '{peerGroup}'.");
        }

        return await WorkbookAsync(runner, reportMonth, peerGroup, cancellationToken) is { } workbook
            ? workbook
            : ApiErrors.Problem(ApiErrors.NotFound, $"There is no {peerGroup} workbook for {reportMonth} yet. Run the month first.");
    }

    /// <summary>The link in an email whose workbook was too large to attach. The signed token is the permission; it expires.</summary>
    private static async Task<IResult> DownloadByLinkAsync(
        HttpContext context, [FromQuery] string? token, ReportDownloadLinks links, MonthlyReportRunner runner, CancellationToken cancellationToken)
    {
        var (result, month, peerGroup) = links.Read(token);
        return result switch
        {
            DownloadLinkResult.Expired => LinkProblem(context, StatusCodes.Status410Gone, "This download link has expired",
                "Download links work for a limited time. Ask the LocalGov Digital organisers to send the workbook again."),
            DownloadLinkResult.Invalid => LinkProblem(context, StatusCodes.Status404NotFound, "This download link is not valid",
                "Check you copied the whole link from the email."),
            _ => (IResult?)await WorkbookAsync(runner, month, peerGroup, cancellationToken)
                ?? LinkProblem(context, StatusCodes.Status404NotFound, "The workbook is no longer available", "Ask the LocalGov Digital organisers to send it again."),
        };
    }

    private static async Task<FileStreamHttpResult?> WorkbookAsync(MonthlyReportRunner runner, ReportMonth month, string peerGroup, CancellationToken cancellationToken) =>
        await runner.OpenStoredAsync(month, peerGroup, cancellationToken) is { } stored
            ? TypedResults.Stream(stored, ProgressWorkbook.ContentType, ReportEmail.FileName(peerGroup, month))
            : null;

    private static IResult LinkProblem(HttpContext context, int status, string heading, string detail) =>
        PageRequests.WantsHtml(context)
            ? new ComponentParameters<ErrorPage>().Set(p => p.Heading, heading).Set(p => p.Detail, detail).Result(status)
            : TypedResults.Problem(detail: detail, statusCode: status, title: heading);

    private static ValidationProblem MonthProblem() => ApiErrors.FieldProblem("month", ReportRunRequest.MonthMessage);
}
