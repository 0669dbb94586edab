using LocalGovStandard.Organiser.Pages;
using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Platform.Pages;
using LocalGovStandard.Progress;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LocalGovStandard.Organiser;

public static class AuditEndpoints
{
    public const int PageSize = 50;

    public static void MapConsoleAudit(this RouteGroupBuilder console) =>
        console.MapGet("/audit", ShowAsync).AsPublicFunction("ConsoleAuditLog");

    /// <summary>A month at a time (the log's partition), newest first; older entries of the month follow the table's continuation.</summary>
    private static async Task<IResult> ShowAsync(string? month, string? after, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var current = ReportMonth.Of(clock.GetUtcNow());
        var errors = new FormErrors();
        if (!string.IsNullOrWhiteSpace(month) && !ReportMonth.TryParse(month.Trim(), out current))
        {
            errors.Add("month", "Enter a month as year and month, like 2026-11");
            current = ReportMonth.Of(clock.GetUtcNow());
        }

        var (entries, next) = errors.Any ? ([], null) : await audit.PageAsync(current.Start, after, PageSize, cancellationToken);
        return new ComponentParameters<AuditPage>()
            .Set(p => p.Month, current.ToString())
            .Set(p => p.MonthName, current.DisplayName)
            .Set(p => p.Entries, entries)
            .Set(p => p.Next, next is null ? null : $"/organiser/audit?month={current}&after={Uri.EscapeDataString(next)}")
            .Set(p => p.IsLaterPage, after is not null)
            .Set(p => p.Errors, errors)
            .Result(errors.Any ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }
}
