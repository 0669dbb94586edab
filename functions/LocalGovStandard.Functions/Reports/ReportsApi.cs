using Azure;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Errors;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LocalGovStandard.Reports;

public static class ReportsApi
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ProgressCalculator>();
        services.AddSingleton<ReportDataLoader>();
        services.AddSingleton<ReportRunStore>();
        services.AddSingleton<ReportDownloadLinks>();
        services.AddSingleton<MonthlyReportRunner>();
        services.AddSingleton<MonthlyProgressWorkbooks>();
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

    /// <summary>One peer group's workbook for the month, as an organiser sees it.</summary>
    public sealed record ReportRunView(
        string PeerGroup, string Name, string Status, int Generation, int Attempts, string? LastTrigger,
        DateTimeOffset? StartedAt, DateTimeOffset? LastRunAt, DateTimeOffset? BuiltAt, DateTimeOffset? SentAt,
        string? Blob, long? SizeBytes, string? Delivery, int Leads, int LeadsSent, int LeadsFailed, string? LastError, string? Download)
    {
        public const string NotRun = "not-run";

        public static ReportRunView From(ReportMonth month, PeerGroup group, ReportRunEntity? run) => run is null
            ? new(group.Slug, group.Name, NotRun, 0, 0, null, null, null, null, null, null, null, null, group.Leads.Count, 0, 0, null, null)
            : new(group.Slug, group.Name, run.Status, run.Generation, run.Attempts, run.LastTrigger, run.StartedAt, run.LastRunAt, run.BuiltAt, run.SentAt,
                run.BlobName, run.BlobName is null ? null : run.SizeBytes, run.Delivery, run.Leads, run.LeadsSent, run.LeadsFailed, run.LastError,
                run.BlobName is null ? null : $"/api/admin/reports/{month}/{group.Slug}.xlsx");
    }

    private static async Task<IResult> RunAsync(
        string month, string? peerGroup, bool? resend, PeerGroupStore peerGroups, MonthlyReportRunner runner, ReportRunStore runs,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ValidateMonth(month, clock) is { } invalid)
        {
            return invalid;
        }

        var reportMonth = Parse(month);
        var groups = await peerGroups.AllAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(peerGroup))
        {
            var group = groups.FirstOrDefault(g => g.Slug == peerGroup.Trim());
            if (group is null)
            {
                return ApiErrors.FieldProblem("peerGroup", $"peerGroup must be one of: {string.Join(", ", groups.Select(g => g.Slug))}");
            }

            groups = [group];
        }

        var outcomes = await runner.RunAsync(reportMonth, groups, resend == true, "organiser", cancellationToken);
        var list = await ListViewsAsync(reportMonth, await peerGroups.AllAsync(cancellationToken), runs, cancellationToken);
        return TypedResults.Ok(new RunResponse(reportMonth.ToString(), resend == true, outcomes, list));
    }

    private static async Task<IResult> ListAsync(string month, PeerGroupStore peerGroups, ReportRunStore runs, CancellationToken cancellationToken)
    {
        if (!ReportMonth.TryParse(month, out var reportMonth))
        {
            return MonthProblem();
        }

        var views = await ListViewsAsync(reportMonth, await peerGroups.AllAsync(cancellationToken), runs, cancellationToken);
        return TypedResults.Ok(new ReportRunList(reportMonth.ToString(), views));
    }

    internal static async Task<IReadOnlyList<ReportRunView>> ListViewsAsync(ReportMonth month, IReadOnlyList<PeerGroup> groups, ReportRunStore runs, CancellationToken cancellationToken)
    {
        var stored = (await runs.ForMonthAsync(month, cancellationToken)).ToDictionary(r => r.RowKey, StringComparer.Ordinal);
        return groups.OrderBy(g => g.Slug, StringComparer.Ordinal).Select(g => ReportRunView.From(month, g, stored.GetValueOrDefault(g.Slug))).ToList();
    }

    private static async Task<IResult> DownloadAsync(string month, string peerGroup, PeerGroupStore peerGroups, MonthlyReportRunner runner, CancellationToken cancellationToken)
    {
        if (!ReportMonth.TryParse(month, out var reportMonth))
        {
            return MonthProblem();
        }

        if (await peerGroups.FindAsync(peerGroup, cancellationToken) is null)
        {
            return ApiErrors.Problem(ApiErrors.NotFound, $"There is no peer group '{peerGroup}'.");
        }

        return await WorkbookAsync(runner, reportMonth, peerGroup, cancellationToken)
            ?? ApiErrors.Problem(ApiErrors.NotFound, $"There is no {peerGroup} workbook for {reportMonth} yet. Run the month first.");
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
            _ => await WorkbookAsync(runner, month, peerGroup, cancellationToken)
                ?? LinkProblem(context, StatusCodes.Status404NotFound, "The workbook is no longer available", "Ask the LocalGov Digital organisers to send it again."),
        };
    }

    internal static async Task<IResult?> WorkbookAsync(MonthlyReportRunner runner, ReportMonth month, string peerGroup, CancellationToken cancellationToken)
    {
        try
        {
            var download = await runner.Blob(month, peerGroup).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return TypedResults.Stream(download.Value.Content, ProgressWorkbook.ContentType, ReportEmail.FileName(peerGroup, month));
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    private static IResult LinkProblem(HttpContext context, int status, string heading, string detail) =>
        PageRequests.WantsHtml(context)
            ? new RazorComponentResult<ErrorPage>(new { Heading = heading, Detail = detail }) { StatusCode = status }
            : TypedResults.Problem(detail: detail, statusCode: status, title: heading);

    private static ValidationProblem? ValidateMonth(string month, TimeProvider clock)
    {
        if (!ReportMonth.TryParse(month, out var reportMonth))
        {
            return MonthProblem();
        }

        return reportMonth.HasEndedBy(clock.GetUtcNow())
            ? null
            : ApiErrors.FieldProblem("month", $"{reportMonth} has not ended yet. A month can be run from 00:00 UTC on the first day of the next month, so that its workbook is complete.");
    }

    private static ReportMonth Parse(string month) => ReportMonth.TryParse(month, out var parsed) ? parsed : throw new ArgumentException("Not a month.", nameof(month));

    private static ValidationProblem MonthProblem() =>
        ApiErrors.FieldProblem("month", "month must be a calendar month written yyyy-MM, like 2026-10");
}
