using System.Globalization;
using LocalGovStandard.Platform.Storage;

namespace LocalGovStandard.Backups;

/// <summary>
/// <c>LocalGovStandard.Functions restore-backup {yyyy-MM-dd} [--tables A,B ...] [--overwrite]</c>: restores a day's
/// backup from the account in <c>AzureWebJobsStorage</c>, with progress and counts.
/// </summary>
public static class RestoreBackupCommand
{
    public const string Verb = "restore-backup";

    private const string Usage = $"Usage: {Verb} <yyyy-MM-dd> [--tables Table1,Table2 ...] [--overwrite]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (!TryParse(args, out var date, out var tables, out var overwrite, out var problem))
        {
            await output.WriteLineAsync(problem);
            await output.WriteLineAsync(Usage);
            await output.WriteLineAsync($"Tables: {string.Join(", ", TableNames.BackedUp)}.");
            return 2;
        }

        if (!await services.GetRequiredService<StorageInitializer>().TryCreateAllAsync(CancellationToken.None))
        {
            await output.WriteLineAsync("Storage is not reachable. Check AzureWebJobsStorage (is Azurite running?).");
            return 1;
        }

        await output.WriteLineAsync($"Restoring the backup for {date:yyyy-MM-dd}{(tables is null ? "" : $" (tables {string.Join(", ", tables)})")}{(overwrite ? ", overwriting" : "")} ...");
        var outcome = await services.GetRequiredService<BackupRestore>().RestoreAsync(date, tables, overwrite, output.WriteLine, CancellationToken.None);
        if (outcome.Refusal is not null)
        {
            await output.WriteLineAsync(outcome.Refusal);
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Restored {outcome.Tables.Count} table(s), {outcome.Tables.Sum(t => t.Rows)} row(s); {outcome.ErasedAgain} erased contact(s) erased again."));
        return 0;
    }

    internal static bool TryParse(string[] args, out DateOnly date, out IReadOnlyList<string>? tables, out bool overwrite, out string problem)
    {
        (date, tables, overwrite, problem) = (default, null, false, "");
        if (args.Length < 2 || !DateOnly.TryParseExact(args[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problem = "Give the backup's date as yyyy-MM-dd.";
            return false;
        }

        var names = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            if (args[i] == "--overwrite")
            {
                overwrite = true;
            }
            else if (args[i] == "--tables")
            {
                for (; i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal); i++)
                {
                    names.AddRange(args[i + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                }

                tables = names;
            }
            else
            {
                problem = $"Unknown option '{args[i]}'.";
                return false;
            }
        }

        if (tables is { Count: 0 })
        {
            problem = "--tables needs at least one table name.";
            return false;
        }

        return true;
    }
}
