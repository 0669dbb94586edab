using LocalGovStandard.Platform.Audit;
using LocalGovStandard.Platform.Functions;

namespace LocalGovStandard.Backups;

/// <summary>
/// The nightly backup of every table (<see cref="TableBackup"/>). It fires hourly from 01:00 to 05:00 UTC: the first
/// run backs the day up; a later one finishes a run that was cut off, or finds the day done and writes nothing.
/// </summary>
public sealed class BackupTables(TableBackup backup, AuditLog audit) : ITimerFunction
{
    public const string Name = "BackupTables";

    /// <summary>At minute 0 of 01:00 to 05:00 UTC, every day.</summary>
    public const string Schedule = "0 0 1-5 * * *";

    public async Task<IReadOnlyList<string>> RunAsync(TimerContext context, CancellationToken cancellationToken)
    {
        var date = DateOnly.FromDateTime(context.StartedAt.UtcDateTime);
        var result = await backup.RunAsync(date, null, cancellationToken);
        if (result.Status == BackupStatus.Completed)
        {
            await audit.WriteAsync($"timer:{Name}", "backup.completed", $"backups/{BackupManifest.Folder(date)}", result.Lines[^1], cancellationToken);
        }

        return result.Lines;
    }
}
