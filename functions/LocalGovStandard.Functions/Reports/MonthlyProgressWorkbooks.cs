using LocalGovStandard.PeerGroups;
using LocalGovStandard.Platform.Functions;
using LocalGovStandard.Progress;

namespace LocalGovStandard.Reports;

/// <summary>On the first of every month: each peer group's workbook for the month before, stored and emailed to its leads.</summary>
public sealed class MonthlyProgressWorkbooks(PeerGroupStore peerGroups, MonthlyReportRunner runner) : ITimerFunction
{
    public const string Name = "MonthlyProgressWorkbooks";

    /// <summary>06:00 UTC on the first day of each month.</summary>
    public const string Schedule = "0 0 6 1 * *";

    public async Task<IReadOnlyList<string>> RunAsync(TimerContext context, CancellationToken cancellationToken)
    {
        var month = ReportMonth.PreviousTo(context.StartedAt);
        var groups = await peerGroups.AllAsync(cancellationToken);
        var outcomes = await runner.RunAsync(month, groups, resend: false, $"timer:{Name}", cancellationToken);
        return [$"Monthly workbooks for {month} ({context.Trigger}):", .. outcomes.Select(o => o.Summary)];
    }
}
