using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Progress;
using LocalGovStandard.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Organiser;

/// <summary>A month's workbooks: run or re-run them through the same runner as the timer and the API, and download them.</summary>
public static class ReportEndpoints
{
    public static void MapConsoleReports(this RouteGroupBuilder console)
    {
        console.MapGet("/reports", ShowAsync).AsPublicFunction("ConsoleReports");
        console.MapPost("/reports/run", RunAsync).AsPublicFunction("ConsoleReportsRun");
        console.MapGet("/reports/{month}/{peerGroup}.xlsx", DownloadAsync).AsPublicFunction("ConsoleReportDownload");
    }

    private static async Task<IResult> ShowAsync(string? month, PeerGroupStore peerGroups, ReportRunStore runs, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new FormErrors();
        var shown = string.IsNullOrWhiteSpace(month) ? ReportMonth.PreviousTo(clock.GetUtcNow()) : MonthOrLastEnded(month, errors, clock);
        return await PageAsync(shown, [], errors, peerGroups, runs, clock, cancellationToken);
    }

    private static async Task<IResult> RunAsync(
        HttpContext context, PeerGroupStore peerGroups, MonthlyReportRunner runner, ReportRunStore runs, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (request, fieldErrors) = ReportRunRequest.Validate(form["month"], form["peerGroup"], await peerGroups.AllAsync(cancellationToken), clock.GetUtcNow());
        if (request is null)
        {
            var shown = ReportMonth.TryParse(form["month"].ToString().Trim(), out var entered) ? entered : ReportMonth.PreviousTo(clock.GetUtcNow());
            return await PageAsync(shown, [], FormErrors.From(fieldErrors.ToDictionary(), ["month", "peerGroup"]), peerGroups, runs, clock, cancellationToken);
        }

        var outcomes = await runner.RunAsync(request.Month, request.Groups, resend: form["resend"] == "true", ConsoleForms.Actor, cancellationToken);
        return await PageAsync(request.Month, outcomes, new FormErrors(), peerGroups, runs, clock, cancellationToken);
    }

    private static async Task<IResult> DownloadAsync(string month, string peerGroup, PeerGroupStore peerGroups, MonthlyReportRunner runner, AuditLog audit, CancellationToken cancellationToken)
    {
        if (!ReportMonth.TryParse(month, out var reportMonth) || await peerGroups.FindAsync(peerGroup, cancellationToken) is null)
        {
            return ConsoleForms.NotFound("There is no such month or peer group.");
        }

        var workbook = await runner.OpenStoredAsync(reportMonth, peerGroup, cancellationToken);
        if (workbook is null)
        {
            return ConsoleForms.NotFound($"There is no {peerGroup} workbook for {reportMonth.DisplayName} yet. Run the month first.");
        }

        await audit.WriteAsync(ConsoleForms.Actor, "report.downloaded", $"report/{reportMonth}/{peerGroup}", cancellationToken: CancellationToken.None);
        return TypedResults.Stream(workbook, ProgressWorkbook.ContentType, ReportEmail.FileName(peerGroup, reportMonth));
    }

    /// <summary>The month entered; if it is not a month, an error for the field and the last ended month to show instead.</summary>
    private static ReportMonth MonthOrLastEnded(string? text, FormErrors errors, TimeProvider clock)
    {
        if (ReportMonth.TryParse(text?.Trim(), out var month))
        {
            return month;
        }

        errors.Add("month", ReportRunRequest.MonthMessage);
        return ReportMonth.PreviousTo(clock.GetUtcNow());
    }

    private static async Task<IResult> PageAsync(
        ReportMonth month, IReadOnlyList<GroupRunOutcome> outcomes, FormErrors errors, PeerGroupStore peerGroups, ReportRunStore runs, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var groups = await peerGroups.AllAsync(cancellationToken);
        return new ComponentParameters<ReportsPage>()
            .Set(p => p.Month, month.ToString())
            .Set(p => p.MonthName, month.DisplayName)
            .Set(p => p.CanRun, month.HasEndedBy(clock.GetUtcNow()))
            .Set(p => p.Runs, await runs.ViewsAsync(month, groups, cancellationToken))
            .Set(p => p.Outcomes, outcomes)
            .Set(p => p.PeerGroups, groups.Select(g => new Choice(g.Slug, g.Name)).ToList())
            .Set(p => p.Errors, errors)
            .Result(errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }
}
